package org.tao4j.node.rpc;

/** A connection that can receive server-pushed notifications (a WebSocket). */
public interface RpcSession {

    /** Sends a text frame; frames go out in the order of calls. Never blocks for long. */
    void send(String text);

    boolean isOpen();

    /** A fresh subscription id, unique within the session. */
    String newSubscriptionId();

    /** Registers work to undo when the connection closes (e.g. dropping a subscription). */
    void onClose(String subscriptionId, Runnable cleanup);

    /** Runs and forgets the cleanup registered under {@code subscriptionId}; false if there was none. */
    boolean unsubscribe(String subscriptionId);
}
