package org.tao4j.node.blockstore;

import java.util.HashMap;
import java.util.function.BiConsumer;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.WriteBatch;

/**
 * A bounded read-through cache of state-tree nodes in front of the node store, for block
 * preparation: each block reads the paths of the keys it changes, which are mostly the nodes the
 * previous blocks wrote or read, and then reads them again to find the obsolete ones.
 *
 * <p>Nodes are content-addressed (stored under their own hash) and never change, so a cached node
 * is always the right value for its hash. The cache keeps two generations: the nodes used since the
 * last {@link #rotate} and those used in the generation before (a hit there moves the node to the
 * current one). A generation ends when it holds {@code maxEntries} nodes, so the cache holds the
 * most recently used nodes, at most {@code 2 × maxEntries} (about 50 MB with the node's 2^17).
 *
 * <p>Thread-safe (its methods synchronize), though the chain's writer is its only user.
 */
final class NodeCache {

    private final int maxEntries;
    private HashMap<BytesKey, byte[]> current;
    private HashMap<BytesKey, byte[]> previous = new HashMap<>();

    NodeCache(int maxEntries) {
        this.maxEntries = maxEntries;
        this.current = newGeneration();
    }

    /** Sized for a whole generation, so filling it never rehashes. */
    private HashMap<BytesKey, byte[]> newGeneration() {
        return HashMap.newHashMap(Math.min(maxEntries, 1 << 20));
    }

    synchronized byte[] get(byte[] hash) {
        BytesKey k = new BytesKey(hash);
        byte[] v = current.get(k);
        if (v == null) {
            v = previous.get(k);
            if (v != null) {
                put(k, v);
            }
        }
        return v;
    }

    synchronized void put(byte[] hash, byte[] node) {
        put(new BytesKey(hash.clone()), node.clone());
    }

    private void put(BytesKey k, byte[] node) {
        if (current.size() >= maxEntries) {
            rotate();
        }
        current.put(k, node);
    }

    /** Adds nodes the caller will not modify (no copies). */
    synchronized void putAll(java.util.List<org.tao4j.runtime.trie.UpdateResult.WrittenNode> nodes) {
        for (var n : nodes) {
            put(new BytesKey(n.hash()), n.encoded());
        }
    }

    synchronized void remove(byte[] hash) {
        BytesKey k = new BytesKey(hash);
        current.remove(k);
        previous.remove(k);
    }

    /** Starts a new generation: nodes not used since the one before are dropped. */
    synchronized void rotate() {
        previous = current;
        current = newGeneration();
    }

    synchronized void clear() {
        current = newGeneration();
        previous = new HashMap<>();
    }

    synchronized int size() {
        return current.size() + previous.size();
    }

    /** {@code nodes} with reads going through this cache (writes go to {@code nodes} only). */
    KeyValueStore over(KeyValueStore nodes) {
        return new KeyValueStore() {
            @Override
            public byte[] get(byte[] key) {
                byte[] v = NodeCache.this.get(key);
                if (v == null) {
                    v = nodes.get(key);
                    if (v != null) {
                        NodeCache.this.put(key, v);
                    }
                }
                return v;
            }

            @Override
            public void put(byte[] key, byte[] value) {
                nodes.put(key, value);
            }

            @Override
            public void delete(byte[] key) {
                nodes.delete(key);
            }

            @Override
            public void forEachWithPrefix(byte[] prefix, BiConsumer<byte[], byte[]> consumer) {
                nodes.forEachWithPrefix(prefix, consumer);
            }

            @Override
            public void write(WriteBatch batch) {
                nodes.write(batch);
            }
        };
    }
}
