package org.tao4j.runtime.trie;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tao4j.core.kv.KeyValueStore;

/**
 * The outcome of {@link SparseMerkleTree#updateWithNodes} and {@link SparseMerkleTree#computeUpdate}.
 *
 * @param root the new 32-byte root
 * @param written the nodes the update created, in creation order, each once (read-only). {@code
 *     updateWithNodes} has already written them; {@code computeUpdate} leaves that to the caller.
 *     Also for callers that want to account for them (sizes, pruning bookkeeping, shipping them to
 *     a peer).
 * @param replacedNodes the hashes of the old tree's nodes the update replaced: each node it loaded on
 *     the path of a change that is not in the new tree at that place (a leaf that a change replaced
 *     or deleted, an internal node whose subtree changed). A store that keeps only the newest tree
 *     deletes these, minus any of them the update wrote again (same content, same hash).
 */
public record UpdateResult(byte[] root, List<WrittenNode> written, List<byte[]> replacedNodes) {

    /** A node: its hash (the key it is stored under) and its encoding. */
    public record WrittenNode(byte[] hash, byte[] encoded) {}

    @Override
    public byte[] root() {
        return root.clone();
    }

    /** The written nodes as a read-only map from hash to encoding, in hash order (a new map each call). */
    public SortedMap<byte[], byte[]> writtenNodes() {
        TreeMap<byte[], byte[]> m = new TreeMap<>(KeyValueStore.KEY_ORDER);
        for (WrittenNode n : written) {
            m.put(n.hash(), n.encoded());
        }
        return Collections.unmodifiableSortedMap(m);
    }
}
