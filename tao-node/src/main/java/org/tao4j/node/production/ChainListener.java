package org.tao4j.node.production;

/** Told about every new head, in order, on the thread that committed it. Must be quick. */
@FunctionalInterface
public interface ChainListener {
    void onBlock(ImportedBlock block);
}
