package org.tao4j.node.pool;

/** Receives a submitted transaction's status changes, in order. Must not block. */
@FunctionalInterface
public interface TxWatcher {
    void onStatus(TxStatus status);
}
