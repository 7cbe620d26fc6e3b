package org.tao4j.node.store;

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
import org.tao4j.core.store.KeyValueStore;
import org.tao4j.core.store.OverlayKeyValueStore;
import org.tao4j.runtime.StateRoot;
import org.tao4j.runtime.state.UpdateResult;

/**
 * A block's effect on stored state, computed before anything is written: the effective changes
 * (no-op writes dropped) with each key's previous value (for the history index), the new state root,
 * the tree nodes to add and the ones that become unreachable.
 *
 * @param changes key to new value (null = delete), only keys whose value really changes
 * @param previous key to value before the block (null = absent), same keys
 */
public record PreparedState(H256 parentRoot, H256 root, SortedMap<byte[], byte[]> changes,
                            SortedMap<byte[], byte[]> previous, SortedMap<byte[], byte[]> writtenNodes,
                            List<byte[]> obsoleteNodes) {

    /**
     * Computes the new root over {@code state} (the parent's state) and {@code nodes} (the node store
     * holding the parent's tree). Reads only; nothing is written.
     */
    public static PreparedState compute(KeyValueStore state, KeyValueStore nodes, H256 parentRoot,
                                        SortedMap<byte[], byte[]> changes) {
        TreeMap<byte[], byte[]> effective = new TreeMap<>(KeyValueStore.KEY_ORDER);
        TreeMap<byte[], byte[]> previous = new TreeMap<>(KeyValueStore.KEY_ORDER);
        for (Map.Entry<byte[], byte[]> e : changes.entrySet()) {
            byte[] old = state.get(e.getKey());
            if (old == null ? e.getValue() == null : Arrays.equals(old, e.getValue())) {
                continue;
            }
            effective.put(e.getKey(), e.getValue());
            previous.put(e.getKey(), old);
        }
        OverlayKeyValueStore overlay = new OverlayKeyValueStore(nodes);
        UpdateResult r = StateRoot.update(overlay, parentRoot.bytes(), effective);
        // the nodes the update replaced, minus any it wrote again (same content, same hash): these are
        // the parent tree's nodes the new tree does not hold (checked against a walk of both trees by
        // ObsoleteNodesProperties)
        Set<H256> written = new HashSet<>();
        r.writtenNodes().keySet().forEach(k -> written.add(new H256(k)));
        List<byte[]> obsolete = new ArrayList<>(r.replacedNodes().size());
        for (byte[] h : r.replacedNodes()) {
            if (!written.contains(new H256(h))) {
                obsolete.add(h);
            }
        }
        return new PreparedState(parentRoot, new H256(r.root()), Collections.unmodifiableSortedMap(effective),
                Collections.unmodifiableSortedMap(previous), r.writtenNodes(), List.copyOf(obsolete));
    }
}
