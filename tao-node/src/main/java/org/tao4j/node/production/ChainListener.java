package org.tao4j.node.production;

import org.tao4j.node.blockstore.ChainStore;
import org.tao4j.node.chain.Justification;

/** Told about every new head, in order, on the thread that committed it. Must be quick. */
@FunctionalInterface
public interface ChainListener {
    void onBlock(ImportedBlock block);

    /**
     * The finalized head moved to {@code finalized}, proven by {@code justification} (already checked
     * and stored). Called on the thread that added the justification, in increasing block order. Must
     * be quick.
     */
    default void onFinalized(ChainStore.Finalized finalized, Justification justification) {}
}
