package org.tao4j.node.blockstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.MemoryKeyValueStore;
import org.tao4j.runtime.StateRoot;

/**
 * Keeping only the head tree by deleting each update's obsolete nodes never deletes a live node
 * and never leaks a dead one, whatever the sequence of inserts, updates and deletes.
 */
class ObsoleteNodesProperties {

    @Property(tries = 200)
    void deletingObsoleteNodesKeepsExactlyTheLiveTree(
            @ForAll @Size(min = 1, max = 12) List<@Size(max = 20) List<@IntRange(min = 0, max = 60) Integer>> blocks) {
        MemoryKeyValueStore state = new MemoryKeyValueStore();
        MemoryKeyValueStore nodes = new MemoryKeyValueStore();
        H256 root = new H256(StateRoot.empty());
        int round = 0;
        for (List<Integer> ops : blocks) {
            round++;
            TreeMap<byte[], byte[]> changes = new TreeMap<>(KeyValueStore.KEY_ORDER);
            for (int op : ops) {
                byte[] key = {(byte) (op % 30)};
                // op < 30: set to a value that depends on the round (sometimes equal to the old one); else delete
                changes.put(key, op < 30 ? new byte[] {(byte) ((op * round) % 3)} : null);
            }
            PreparedState ps = PreparedState.compute(state, nodes, root, changes);
            // the tree's own report of what it replaced agrees with the reference walk of the old paths
            Set<H256> written = new HashSet<>();
            ps.writtenNodes().forEach(n -> written.add(new H256(n.hash())));
            Set<H256> reported = new HashSet<>();
            ps.obsoleteNodes().forEach(h -> reported.add(new H256(h)));
            Set<H256> walked = new HashSet<>();
            ObsoleteNodes.find(nodes, root.bytes(), ps.changes().keySet(), written)
                    .forEach(h -> walked.add(new H256(h)));
            assertThat(reported).isEqualTo(walked);
            assertThat(reported).hasSize(ps.obsoleteNodes().size()); // each once
            for (Map.Entry<byte[], byte[]> e : ps.changes().entrySet()) {
                if (e.getValue() == null) {
                    state.delete(e.getKey());
                } else {
                    state.put(e.getKey(), e.getValue());
                }
            }
            ps.writtenNodes().forEach(n -> nodes.put(n.hash(), n.encoded()));
            ps.obsoleteNodes().forEach(nodes::delete);
            root = ps.root();
            // the root is what a from-scratch tree of the state gives
            assertThat(new H256(StateRoot.ofWholeState(new MemoryKeyValueStore(), state)
                            .root()))
                    .isEqualTo(root);
            List<byte[]> keys = new ArrayList<>();
            state.forEachWithPrefix(new byte[0], (k, v) -> keys.add(k));
            Set<H256> live = ProofPaths.provedPaths(nodes, root.bytes(), keys);
            assertThat(ObsoleteNodes.paths(nodes, root.bytes(), keys)).isEqualTo(live);
            Set<H256> have = new HashSet<>();
            nodes.forEachWithPrefix(new byte[0], (k, v) -> have.add(new H256(k)));
            assertThat(have).isEqualTo(live);
        }
    }
}
