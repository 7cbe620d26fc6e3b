package org.tao4j.node.blockstore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.runtime.StateRoot;
import org.tao4j.runtime.trie.UpdateResult;

/**
 * A block's effect on stored state, computed before anything is written: the effective changes
 * (no-op writes dropped) with each key's previous value (for the history index), the new state root,
 * the tree nodes to add and the ones that become unreachable (both in hash order).
 *
 * @param changes key to new value (null = delete), only keys whose value really changes
 * @param previous key to value before the block (null = absent), same keys
 */
public record PreparedState(
        H256 parentRoot,
        H256 root,
        SortedMap<byte[], byte[]> changes,
        SortedMap<byte[], byte[]> previous,
        List<UpdateResult.WrittenNode> writtenNodes,
        List<byte[]> obsoleteNodes) {

    /**
     * Computes the new root over {@code state} (the parent's state) and {@code nodes} (the node store
     * holding the parent's tree). Reads only; nothing is written.
     */
    public static PreparedState compute(
            KeyValueStore state, KeyValueStore nodes, H256 parentRoot, SortedMap<byte[], byte[]> changes) {
        // Both maps are built in linear time from sorted input (TreeMap's SortedMap constructor)
        // rather than by one red-black insertion per key: no-op writes (rare) are removed afterwards.
        TreeMap<byte[], byte[]> effective = new TreeMap<>(changes);
        TreeMap<byte[], byte[]> previous = new TreeMap<>(changes);
        var eff = effective.entrySet().iterator();
        var prev = previous.entrySet().iterator();
        while (eff.hasNext()) {
            Map.Entry<byte[], byte[]> e = eff.next();
            Map.Entry<byte[], byte[]> p = prev.next();
            byte[] old = state.get(e.getKey());
            if (old == null ? e.getValue() == null : Arrays.equals(old, e.getValue())) {
                eff.remove();
                prev.remove();
            } else {
                p.setValue(old);
            }
        }
        UpdateResult r = StateRoot.compute(nodes, parentRoot.bytes(), effective);
        // the nodes the update replaced, minus any it wrote again (same content, same hash): these are
        // the parent tree's nodes the new tree does not hold (checked against a walk of both trees by
        // ObsoleteNodesProperties)
        Set<H256> written = HashSet.newHashSet(r.written().size());
        r.written().forEach(n -> written.add(new H256(n.hash())));
        List<byte[]> obsolete = new ArrayList<>(r.replacedNodes().size());
        for (byte[] h : r.replacedNodes()) {
            if (!written.contains(new H256(h))) {
                obsolete.add(h);
            }
        }
        // in hash order: RocksDB's memtable inserts a key next to the previous one cheaply, and at random
        // places at about twice the cost (node hashes are random)
        return new PreparedState(
                parentRoot,
                new H256(r.root()),
                Collections.unmodifiableSortedMap(effective),
                Collections.unmodifiableSortedMap(previous),
                inHashOrder(r.written(), UpdateResult.WrittenNode::hash),
                inHashOrder(obsolete, h -> h));
    }

    /** Index bits in {@link #inHashOrder}'s sort keys. */
    private static final int INDEX_BITS = 23;

    /**
     * {@code items} ordered by the first 40 bits of their (random, 32-byte) hashes, then by position.
     * This is for RocksDB's memtable, which only needs neighbours to be near each other, so the rare
     * items whose hashes share 40 bits may stay in list order. It sorts one {@code long} per item
     * (prefix and index packed together) instead of comparing byte arrays through a comparator,
     * which took a tenth of block production.
     */
    static <T> List<T> inHashOrder(List<T> items, java.util.function.Function<T, byte[]> hashOf) {
        int n = items.size();
        if (n >= 1 << INDEX_BITS) { // never for a real block; still correct
            List<T> sorted = new ArrayList<>(items);
            sorted.sort((a, b) -> Arrays.compareUnsigned(hashOf.apply(a), hashOf.apply(b)));
            return Collections.unmodifiableList(sorted);
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            byte[] h = hashOf.apply(items.get(i));
            long prefix = 0;
            for (int b = 0; b < 5; b++) {
                prefix = (prefix << 8) | (b < h.length ? h[b] & 0xFF : 0);
            }
            keys[i] = (prefix << INDEX_BITS) | i; // 40 + 23 bits: never negative, so signed order is hash order
        }
        Arrays.sort(keys);
        List<T> out = new ArrayList<>(n);
        for (long k : keys) {
            out.add(items.get((int) (k & ((1 << INDEX_BITS) - 1))));
        }
        return Collections.unmodifiableList(out);
    }
}
