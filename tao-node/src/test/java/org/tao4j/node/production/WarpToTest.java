package org.tao4j.node.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.MemoryKeyValueStore;
import org.tao4j.node.TestNet;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.node.chain.Justification;
import org.tao4j.runtime.StateRoot;

/** A database started from a later block's state (warp sync): it imports what follows, and restarts. */
class WarpToTest {

    @Test
    void aWarpedChainImportsTheNextBlocksAndSurvivesARestart(@TempDir Path dir) throws Exception {
        try (TestNet a = new TestNet(dir.resolve("a"), 256)) {
            for (int i = 0; i < 5; i++) {
                a.submit(a.transfer("Bob", "Charlie", 1_000_000_000L, i));
                a.block();
            }
            ImportedBlock at = a.block();
            TreeMap<byte[], byte[]> state = new TreeMap<>(KeyValueStore.KEY_ORDER);
            MemoryKeyValueStore kv = new MemoryKeyValueStore();
            a.chain.store().state().forEachWithPrefix(new byte[0], (k, v) -> {
                state.put(k, v);
                kv.put(k, v);
            });
            MemoryKeyValueStore nodes = new MemoryKeyValueStore();
            StateRoot.ofWholeState(nodes, kv);
            TreeMap<byte[], byte[]> nodeMap = new TreeMap<>(KeyValueStore.KEY_ORDER);
            nodes.forEachWithPrefix(new byte[0], nodeMap::put);
            Justification j = new Justification(
                    at.number(),
                    at.hash(),
                    List.of(Justification.sign(
                            DevAccounts.keyPair("Alice"), a.chain.genesisHash(), at.number(), at.hash())));
            a.submit(a.transfer("Bob", "Charlie", 1_000_000_000L, 5));
            ImportedBlock next = a.block();
            try (TestNet w = new TestNet(dir.resolve("w"), 256)) {
                w.chain.warpTo(at.block(), state, nodeMap, j);
                assertThat(w.chain.head().hash()).isEqualTo(at.hash());
                assertThat(w.chain.store().finalized().number()).isEqualTo(at.number());
                assertThat(w.chain.store().warpBase()).isEqualTo(at.number());
                w.chain.importJustified(
                        next.block(),
                        new Justification(
                                next.number(),
                                next.hash(),
                                List.of(Justification.sign(
                                        DevAccounts.keyPair("Alice"),
                                        a.chain.genesisHash(),
                                        next.number(),
                                        next.hash()))));
                assertThat(w.chain.head().stateRoot()).isEqualTo(a.chain.head().stateRoot());
                // only a database holding just its genesis can be warped
                assertThatThrownBy(() -> w.chain.warpTo(at.block(), state, nodeMap, j))
                        .hasMessageContaining("holds only its genesis");
            }
            try (TestNet w = new TestNet(dir.resolve("w"), 256)) { // the start-up checks accept a warped database
                assertThat(w.chain.head().hash()).isEqualTo(next.hash());
                assertThat(w.free("Charlie")).isEqualTo(a.free("Charlie"));
                try (var v = w.chain.store().view()) {
                    assertThat(v.hashOf(1)).isNull();
                }
            }
        }
    }
}
