package org.tao4j.node.blockstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.TestNet;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.runtime.schema.ChainState;

class ChainStorePruningTest {

    static final long TAO = 1_000_000_000L;

    /** Every node reachable from the head root, via each present key's path. */
    static Set<H256> reachable(ChainStore store) {
        List<byte[]> keys = new ArrayList<>();
        store.state().forEachWithPrefix(new byte[0], (k, v) -> keys.add(k));
        return ProofPaths.provedPaths(store.nodes(), store.head().stateRoot().bytes(), keys);
    }

    static Set<H256> stored(ChainStore store) {
        Set<H256> out = new HashSet<>();
        store.nodes().forEachWithPrefix(new byte[0], (k, v) -> out.add(new H256(k)));
        return out;
    }

    @Test
    void theNodeStoreHoldsExactlyTheHeadTreeAfterManyBlocks(@TempDir Path dir) {
        Random rnd = new Random(7);
        List<String> names = DevAccounts.NAMES;
        try (TestNet net = new TestNet(dir, 4)) {
            Map<String, Long> nonces = new HashMap<>();
            for (int b = 0; b < 40; b++) {
                int n = rnd.nextInt(6);
                for (int i = 0; i < n; i++) {
                    String from = names.get(rnd.nextInt(names.size()));
                    String to = names.get(rnd.nextInt(names.size()));
                    if (from.equals(to)) {
                        continue;
                    }
                    long nonce = nonces.merge(from, 1L, Long::sum) - 1;
                    net.submit(net.transfer(from, to, (1 + rnd.nextInt(1000)) * TAO / 10, nonce));
                }
                net.block();
                ChainStore store = net.chain.store();
                assertThat(stored(store)).as("block %d", b).isEqualTo(reachable(store));
            }
        }
    }

    @Test
    void historicalStateIsServedWithinTheWindowAndPrunedBeyondIt(@TempDir Path dir) {
        try (TestNet net = new TestNet(dir, 5)) {
            List<Long> bobAt = new ArrayList<>();
            List<H256> hashes = new ArrayList<>();
            bobAt.add(net.free("Bob"));
            hashes.add(net.chain.head().hash());
            for (int i = 0; i < 12; i++) {
                net.submit(net.transfer("Alice", "Bob", (i + 1) * TAO, i));
                net.block();
                bobAt.add(net.free("Bob"));
                hashes.add(net.chain.head().hash());
            }
            try (ChainStore.View v = net.chain.store().view()) {
                assertThat(v.earliestState()).isEqualTo(12 - 5);
                for (int n = 7; n <= 12; n++) {
                    ChainState s = new ChainState(v.stateAt(hashes.get(n)));
                    assertThat(s.account(TestNet.id("Bob")).free())
                            .as("Bob at #%d", n)
                            .isEqualTo(bobAt.get(n));
                    assertThat(s.blockNumber()).isEqualTo(n);
                    // prefix iteration sees the accounts as they were, too
                    long bob = s.accounts().stream()
                            .filter(p -> p.first().equals(TestNet.id("Bob")))
                            .findFirst()
                            .orElseThrow()
                            .second()
                            .free();
                    assertThat(bob).isEqualTo(bobAt.get(n));
                }
                assertThatThrownBy(() -> v.stateAt(hashes.get(6)))
                        .isInstanceOf(ChainStore.StateUnavailable.class)
                        .hasMessageContaining("pruned");
            }
            // the history holds only the window's blocks: each block changed a handful of keys
            long perBlock = net.chain.store().historyCount() / 5;
            assertThat(perBlock).isLessThan(12);
        }
    }

    @Test
    void archiveKeepsEveryStateAndARestartWithAWindowPrunesTheRest(@TempDir Path dir) {
        H256 first;
        long bobAtOne;
        try (TestNet net = new TestNet(dir, ChainStore.ARCHIVE)) {
            net.submit(net.transfer("Alice", "Bob", TAO, 0));
            net.block();
            first = net.chain.head().hash();
            bobAtOne = net.free("Bob");
            for (int i = 1; i < 20; i++) {
                net.submit(net.transfer("Alice", "Bob", TAO, i));
                net.block();
            }
            try (ChainStore.View v = net.chain.store().view()) {
                assertThat(new ChainState(v.stateAt(first))
                                .account(TestNet.id("Bob"))
                                .free())
                        .isEqualTo(bobAtOne);
                assertThat(new ChainState(v.stateAt(0))
                                .account(TestNet.id("Bob"))
                                .free())
                        .isEqualTo(org.tao4j.node.chain.ChainSpec.DEV_ENDOWMENT);
            }
        }
        try (TestNet net = new TestNet(dir, 3)) {
            assertThat(net.chain.store().earliestState()).isEqualTo(17);
            try (ChainStore.View v = net.chain.store().view()) {
                assertThatThrownBy(() -> v.stateAt(first)).hasMessageContaining("pruned");
            }
            assertThat(net.chain.store().historyCount()).isLessThan(3 * 12);
        }
    }
}
