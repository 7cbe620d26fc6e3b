package org.tao4j.client;

/** A live subscription; {@link #close()} ends it (and tells the node). Survives reconnects. */
public interface Subscription extends AutoCloseable {

    /** Ends the subscription: no callback runs after this returns (one already running may finish). */
    @Override
    void close();

    boolean isClosed();
}
