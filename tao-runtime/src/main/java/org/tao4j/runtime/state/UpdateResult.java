package org.tao4j.runtime.state;

import java.util.SortedMap;

/**
 * The outcome of {@link SparseMerkleTree#updateWithNodes}.
 *
 * @param root the new 32-byte root
 * @param writtenNodes the nodes the update wrote to the node store, hash to encoding, in key order
 *     (read-only). They have already been written; this is for callers that want to account for
 *     them (sizes, pruning bookkeeping, shipping them to a peer).
 */
public record UpdateResult(byte[] root, SortedMap<byte[], byte[]> writtenNodes) {
  @Override
  public byte[] root() {
    return root.clone();
  }
}
