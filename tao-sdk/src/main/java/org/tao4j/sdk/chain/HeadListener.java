package org.tao4j.sdk.chain;

/** Told of each new head block; see {@link SubnetChain#subscribeHeads}. Must return quickly. */
@FunctionalInterface
public interface HeadListener {
    void onHead(long block);
}
