package org.tao4j.node.blockstore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.StorageException;

/**
 * Which state-tree nodes a block makes unreachable, so the node store keeps only the head's tree
 * (docs/node.md, "pruning").
 *
 * <p>The tree is content-addressed: a node is stored under its own hash and shared by every version
 * that contains it. A node of the parent tree is still in the new tree unless it lies on the path
 * of a key the block changed: a subtree with no changed key keeps its exact key set, hence its hash
 * (a lone leaf may float to another position, but its hash does not depend on position). On the
 * path of a changed key, every node's key set changed, and a hash commits to its key set and depth,
 * so such a node can be in the new tree only where the new tree's path of some changed key passes
 * through the same node. Hence:
 *
 * <pre>obsolete = nodes on the old paths of changed keys − nodes on the new paths of changed keys</pre>
 *
 * and since the update writes every node on the new path of a changed key (its new leaf and each
 * internal node above it; the changes are effective ones, so none of them is a no-op), the second
 * set is contained in the nodes the update wrote, which {@link #find} subtracts instead of walking
 * the new tree.
 *
 * where a path runs from the root to the key's leaf or to where the key would be; when a path ends
 * at <em>another</em> key's leaf (the changed key was absent), that leaf is not counted: it is
 * untouched by the change.
 *
 * <p>The paths of all changed keys are walked together, in key-hash order, so that a node shared by
 * many paths is read once. This reads the tree's node format as {@code SparseMerkleTree} documents
 * it (65 bytes: tag 0 = leaf {@code keyHash, valueHash}, tag 1 = internal {@code left, right}; a key
 * lives at path Blake2b-256(key), bit 0 = most significant bit of byte 0, 0 goes left).
 *
 * <p>A test reference: the node takes the obsolete nodes from the tree update's own report
 * ({@code UpdateResult.replacedNodes} minus the nodes it wrote), and {@code ObsoleteNodesProperties}
 * checks that report against this walk after every random block.
 */
final class ObsoleteNodes {

    private static final int HASH = 32;

    private ObsoleteNodes() {}

    /**
     * The nodes of the parent tree on the old paths of {@code changedKeys} that the new tree does
     * not hold. By the argument above, a node on an old path of a changed key is in the new tree
     * only if the update wrote it again (same key set, same hash), so the new tree's paths need not
     * be walked: {@code written} (every node the update wrote) is subtracted instead, which also
     * covers the nodes on the new paths.
     *
     * @param oldNodes a store holding the parent tree
     * @param written every node the update wrote
     */
    static List<byte[]> find(
            KeyValueStore oldNodes, byte[] oldRoot, Collection<byte[]> changedKeys, Set<H256> written) {
        byte[][] keyHashes = sortedKeyHashes(changedKeys);
        Set<H256> oldPaths = new HashSet<>();
        walk(oldNodes, oldRoot, keyHashes, 0, keyHashes.length, 0, oldPaths);
        List<byte[]> out = new ArrayList<>();
        for (H256 h : oldPaths) {
            if (!written.contains(h)) {
                out.add(h.bytes());
            }
        }
        return out;
    }

    /** Every node on the paths of {@code keys} (the key's own leaf included, another key's leaf not). */
    static Set<H256> paths(KeyValueStore nodes, byte[] root, Collection<byte[]> keys) {
        byte[][] keyHashes = sortedKeyHashes(keys);
        Set<H256> out = new HashSet<>();
        walk(nodes, root, keyHashes, 0, keyHashes.length, 0, out);
        return out;
    }

    private static byte[][] sortedKeyHashes(Collection<byte[]> keys) {
        List<byte[]> hs = new ArrayList<>(keys.size());
        for (byte[] k : keys) {
            hs.add(Blake2b.hash256(k));
        }
        // sorted as an Object[] (the list's array), like the tree's own sort: sorting a byte[][]
        // made the JIT's TimSort deoptimize (array_check) and recompile after every block
        hs.sort(Arrays::compareUnsigned);
        return hs.toArray(new byte[0][]);
    }

    /** Adds the nodes of the subtree {@code hash} at {@code depth} that lie on the paths of keyHashes[from, to). */
    private static void walk(
            KeyValueStore nodes, byte[] hash, byte[][] keyHashes, int from, int to, int depth, Set<H256> out) {
        if (from == to || isZero(hash)) {
            return;
        }
        byte[] node = nodes.get(hash);
        if (node == null || node.length != 1 + 2 * HASH || (node[0] != 0 && node[0] != 1)) {
            throw new StorageException("state tree node " + new H256(hash) + " is missing or corrupt");
        }
        if (node[0] == 0) { // a leaf: on a path only if it is one of the keys' own
            byte[] leafKey = Arrays.copyOfRange(node, 1, 1 + HASH);
            if (Arrays.binarySearch(keyHashes, from, to, leafKey, Arrays::compareUnsigned) >= 0) {
                out.add(new H256(hash));
            }
            return;
        }
        if (depth >= 255) {
            throw new StorageException(
                    "state tree node " + new H256(hash) + " is corrupt: internal node at depth " + depth);
        }
        out.add(new H256(hash));
        int mid = split(keyHashes, depth, from, to);
        walk(nodes, Arrays.copyOfRange(node, 1, 1 + HASH), keyHashes, from, mid, depth + 1, out);
        walk(nodes, Arrays.copyOfRange(node, 1 + HASH, 1 + 2 * HASH), keyHashes, mid, to, depth + 1, out);
    }

    /** In a sorted range agreeing on bits [0, depth), the first index whose bit {@code depth} is 1. */
    private static int split(byte[][] sorted, int depth, int from, int to) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (bit(sorted[m], depth) == 0) {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        return lo;
    }

    private static int bit(byte[] h, int depth) {
        return (h[depth >>> 3] >>> (7 - (depth & 7))) & 1;
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
