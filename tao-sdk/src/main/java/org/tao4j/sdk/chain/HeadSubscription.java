package org.tao4j.sdk.chain;

/** A head subscription; closing it stops the calls. Idempotent. */
@FunctionalInterface
public interface HeadSubscription extends AutoCloseable {
    @Override
    void close();
}
