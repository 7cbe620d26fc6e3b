package org.tao4j.runtime;

import java.util.SortedMap;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.runtime.trie.SparseMerkleTree;
import org.tao4j.runtime.trie.UpdateResult;

/**
 * Step 5 of a block (docs/spec/chain.md §7): the state root, a sparse Merkle tree over every state key
 * (docs/state-root.md), updated with just the keys the block changed.
 */
public final class StateRoot {

    private StateRoot() {}

    public static byte[] empty() {
        return SparseMerkleTree.emptyRoot();
    }

    /** The root of a whole state, e.g. the genesis: every key inserted into an empty tree. */
    public static UpdateResult ofWholeState(KeyValueStore nodeStore, KeyValueStore state) {
        java.util.TreeMap<byte[], byte[]> all = new java.util.TreeMap<>(KeyValueStore.KEY_ORDER);
        state.forEachWithPrefix(new byte[0], all::put);
        return update(nodeStore, empty(), all);
    }

    /** The new root; tree nodes are written to {@code nodeStore} (commit them with the block). */
    public static UpdateResult update(KeyValueStore nodeStore, byte[] parentRoot, SortedMap<byte[], byte[]> changes) {
        return new SparseMerkleTree(nodeStore).updateWithNodes(parentRoot, changes);
    }

    /** As {@link #update}, reading {@code nodeStore} only: the new nodes are in the result, for the caller to store. */
    public static UpdateResult compute(KeyValueStore nodeStore, byte[] parentRoot, SortedMap<byte[], byte[]> changes) {
        return new SparseMerkleTree(nodeStore).computeUpdate(parentRoot, changes);
    }
}
