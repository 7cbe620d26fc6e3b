package org.tao4j.runtime.state;

import java.util.List;
import java.util.SortedMap;

/**
 * The outcome of {@link SparseMerkleTree#updateWithNodes}.
 *
 * @param root the new 32-byte root
 * @param writtenNodes the nodes the update wrote to the node store, hash to encoding, in key order
 *     (read-only). They have already been written; this is for callers that want to account for
 *     them (sizes, pruning bookkeeping, shipping them to a peer).
 * @param replacedNodes the hashes of the old tree's nodes the update replaced: each node it loaded on
 *     the path of a change that is not in the new tree at that place (a leaf that a change replaced
 *     or deleted, an internal node whose subtree changed). A store that keeps only the newest tree
 *     deletes these, minus any of them the update wrote again (same content, same hash).
 */
public record UpdateResult(byte[] root, SortedMap<byte[], byte[]> writtenNodes, List<byte[]> replacedNodes) {
  @Override
  public byte[] root() {
    return root.clone();
  }
}
