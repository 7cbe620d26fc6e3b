package org.tao4j.node.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.store.KeyValueStore;
import org.tao4j.core.store.WriteBatch;
import org.tao4j.runtime.state.Proof;
import org.tao4j.runtime.state.SparseMerkleTree;

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
 * where a path runs from the root to the key's leaf or to where the key would be; when a path ends
 * at <em>another</em> key's leaf (the changed key was absent), that leaf is not counted: it is
 * untouched by the change. Paths are read with {@link SparseMerkleTree#prove}, so this class does
 * not depend on the node format.
 *
 * <p>Requires that the changes are effective (each key's new value differs from its old one) —
 * no-op changes would be harmless here, but the caller filters them anyway.
 */
final class ObsoleteNodes {

    private ObsoleteNodes() {
    }

    /**
     * @param oldNodes a store holding the parent tree
     * @param newNodes a store holding the new tree (typically an overlay of the written nodes over {@code oldNodes})
     */
    static List<byte[]> find(KeyValueStore oldNodes, KeyValueStore newNodes, byte[] oldRoot, byte[] newRoot,
                             Collection<byte[]> changedKeys, Set<H256> written) {
        Set<H256> oldPaths = paths(oldNodes, oldRoot, changedKeys);
        Set<H256> newPaths = paths(newNodes, newRoot, changedKeys);
        List<byte[]> out = new ArrayList<>();
        for (H256 h : oldPaths) {
            if (!newPaths.contains(h) && !written.contains(h)) {
                out.add(h.bytes());
            }
        }
        return out;
    }

    static Set<H256> paths(KeyValueStore nodes, byte[] root, Collection<byte[]> keys) {
        Recording rec = new Recording(nodes);
        SparseMerkleTree tree = new SparseMerkleTree(rec);
        Set<H256> out = new HashSet<>();
        for (byte[] key : keys) {
            rec.loaded.clear();
            Proof p = tree.prove(root, key);
            List<byte[]> path = rec.loaded;
            int n = path.size();
            if (p.leafKeyHash() != null && !Arrays.equals(p.leafKeyHash(), Blake2b.hash256(key))) {
                n--; // the path ends at another key's leaf, which this change does not touch
            }
            for (int i = 0; i < n; i++) {
                out.add(new H256(path.get(i)));
            }
        }
        return out;
    }

    /** Reads through to a store, remembering (and caching) every node loaded. */
    private static final class Recording implements KeyValueStore {
        final KeyValueStore base;
        final List<byte[]> loaded = new ArrayList<>();
        final Map<H256, byte[]> cache = new HashMap<>();

        Recording(KeyValueStore base) {
            this.base = base;
        }

        @Override
        public byte[] get(byte[] key) {
            loaded.add(key.clone());
            H256 h = new H256(key);
            byte[] v = cache.get(h);
            if (v == null) {
                v = base.get(key);
                if (v != null) {
                    cache.put(h, v);
                }
            }
            return v == null ? null : v.clone();
        }

        @Override
        public void put(byte[] key, byte[] value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(byte[] key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void forEachWithPrefix(byte[] prefix, BiConsumer<byte[], byte[]> consumer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(WriteBatch batch) {
            throw new UnsupportedOperationException();
        }
    }
}
