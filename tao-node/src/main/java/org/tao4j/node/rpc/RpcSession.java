package org.tao4j.node.rpc;

/** A connection that can receive server-pushed notifications (a WebSocket). */
public interface RpcSession {

    /**
     * Queues a text frame; frames go out in the order of calls. Never blocks: a connection whose
     * unsent frames exceed its bound is cut off instead (see {@link RpcLimits}).
     */
    void send(String text);

    boolean isOpen();

    /**
     * A fresh subscription id, unique within the session; it holds one of the connection's
     * subscription slots until it is unsubscribed.
     *
     * @throws RpcException {@link RpcErrors#LIMIT_EXCEEDED} when the connection already holds the
     *     most subscriptions it may
     */
    String newSubscriptionId() throws RpcException;

    /** Registers work to undo when the connection closes (e.g. dropping a subscription). */
    void onClose(String subscriptionId, Runnable cleanup);

    /** Runs and forgets the cleanup registered under {@code subscriptionId}; false if there was none. */
    boolean unsubscribe(String subscriptionId);

    /** Closes the connection because it broke a limit (WebSocket close code 1008), logging {@code why}. */
    void cutOff(String why);
}
