package org.tao4j.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * Full nodes as real processes on loopback: one authority (the dev chain's spec, Alice, 100 ms blocks),
 * a full node that syncs from genesis, follows, and forwards a submitted transfer; a warp node that
 * starts from a recent finalized state; and a node of another chain that is refused at the handshake,
 * with a line in both logs.
 */
class FullSyncIT {

    static final Path LOGS = Path.of("target", "sync-it");

    static Extrinsic transfer(String from, String to, long nonce, byte[] genesis) {
        return Extrinsic.sign(
                DevAccounts.keyPair(from),
                nonce,
                0,
                1_000_000_000L,
                new Call.Transfer(DevAccounts.account(to), 1_000_000_000L),
                genesis);
    }

    static String rootAt(NodeProcess n, long number) throws Exception {
        JsonNode h = n.result("chain_getBlockHash", number);
        if (h.isNull()) {
            return null;
        }
        return n.result("chain_getHeader", h.asText()).get("stateRoot").asText();
    }

    @Test
    void fullAndWarpNodesReachTheAuthoritysRootAndAnotherChainIsRefused(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, ChainSpec.dev().toJson());
        try (NodeProcess a = NodeProcess.start(
                LOGS.resolve("authority.log"),
                "--chain",
                spec.toString(),
                "--authority",
                "//Alice",
                "--base-path",
                dir.resolve("a").toString(),
                "--block-time",
                "100ms")) {
            byte[] genesis = Hex.fromHex(a.result("chain_getBlockHash", 0).asText());
            for (int i = 0; i < 20; i++) {
                a.result(
                        "author_submitExtrinsic",
                        Hex.toHex(transfer("Bob", "Charlie", i, genesis).encode()));
            }
            NodeProcess.await(
                    "the authority at block 40", Duration.ofSeconds(60), () -> safe(() -> a.headNumber() >= 40));
            // a single authority finalizes every block it commits
            assertThat(a.finalizedNumber()).isGreaterThanOrEqualTo(40);

            try (NodeProcess f = NodeProcess.start(
                    LOGS.resolve("full.log"),
                    "--chain",
                    spec.toString(),
                    "--base-path",
                    dir.resolve("f").toString(),
                    "--sync-peer",
                    a.ws())) {
                long target = a.finalizedNumber();
                NodeProcess.await(
                        "the full node at #" + target,
                        Duration.ofSeconds(90),
                        () -> safe(() -> f.headNumber() >= target));
                assertThat(f.result("chain_getBlockHash", target)).isEqualTo(a.result("chain_getBlockHash", target));
                assertThat(rootAt(f, target)).isEqualTo(rootAt(a, target));
                JsonNode j = f.result(
                        "tao_getJustification",
                        f.result("chain_getBlockHash", target).asText());
                assertThat(j.get("votes")).hasSize(1);
                assertThat(j.get("votes").get(0).get("authority").asText())
                        .isEqualTo(DevAccounts.account("Alice").toSs58());
                // it follows new blocks
                long later = a.finalizedNumber() + 20;
                NodeProcess.await(
                        "the full node following to #" + later,
                        Duration.ofSeconds(60),
                        () -> safe(() -> f.finalizedNumber() >= later));
                assertThat(rootAt(f, later)).isEqualTo(rootAt(a, later));
                NodeProcess.await(
                        "the full node reporting it is in sync",
                        Duration.ofSeconds(30),
                        () -> safe(() -> {
                            JsonNode h = f.result("system_health");
                            return !h.get("isSyncing").asBoolean()
                                    && h.get("peers").asInt() == 1;
                        }));
                // a transfer submitted to the full node is forwarded to the authority and included
                String txHash = f.result(
                                "author_submitExtrinsic",
                                Hex.toHex(transfer("Dave", "Eve", 0, genesis).encode()))
                        .asText();
                assertThat(txHash).startsWith("0x");
                String dave = DevAccounts.account("Dave").toSs58();
                NodeProcess.await(
                        "the forwarded transfer included (seen on the full node)",
                        Duration.ofSeconds(60),
                        () -> safe(() -> f.result("system_accountNextIndex", dave)
                                                .asLong()
                                        == 1
                                && a.result("system_accountNextIndex", dave).asLong() == 1
                                && f.result("author_pendingExtrinsics").size() == 0));
                assertThat(f.logText()).doesNotContain("Exception");
            }

            // warp: wait until the authority offers a state well past genesis
            NodeProcess.await(
                    "a warp point past #20",
                    Duration.ofSeconds(60),
                    () -> safe(() -> a.result("sync_hello", Hex.toHex(genesis))
                                    .path("warp")
                                    .path("number")
                                    .asLong()
                            > 20));
            long warpAt = a.result("sync_hello", Hex.toHex(genesis))
                    .path("warp")
                    .path("number")
                    .asLong();
            try (NodeProcess w = NodeProcess.start(
                    LOGS.resolve("warp.log"),
                    "--chain",
                    spec.toString(),
                    "--base-path",
                    dir.resolve("w").toString(),
                    "--sync",
                    "warp",
                    "--sync-peer",
                    a.ws())) {
                long target = a.finalizedNumber() + 5;
                NodeProcess.await(
                        "the warp node at #" + target,
                        Duration.ofSeconds(90),
                        () -> safe(() -> w.headNumber() >= target));
                assertThat(rootAt(w, target)).isEqualTo(rootAt(a, target));
                assertThat(w.logText()).contains("warp sync: state of block #");
                // it holds no block between genesis and the block it warped to
                assertThat(w.result("chain_getBlockHash", 1).isNull()).isTrue();
                assertThat(w.result("chain_getBlockHash", 0)).isEqualTo(a.result("chain_getBlockHash", 0));
                assertThat(warpAt).isGreaterThan(20);
            }

            // another chain spec (the genesis hash commits to the state, not to the name): refused at the handshake,
            // one line on each side
            Path other = dir.resolve("other.json");
            ChainSpec d = ChainSpec.dev();
            Files.writeString(
                    other,
                    new ChainSpec(
                                    "Other",
                                    "other",
                                    false,
                                    d.authorities(),
                                    d.params(),
                                    d.endowments().subList(0, 5), // another genesis state, so another genesis hash
                                    d.sudo())
                            .toJson());
            try (NodeProcess x = NodeProcess.start(
                    LOGS.resolve("other-chain.log"),
                    "--chain",
                    other.toString(),
                    "--base-path",
                    dir.resolve("x").toString(),
                    "--sync-peer",
                    a.ws())) {
                NodeProcess.await(
                        "the refusal in both logs",
                        Duration.ofSeconds(30),
                        () -> x.logText().contains("is on another chain and refused us")
                                && a.logText().contains("refused a sync peer on another chain"));
                assertThat(x.headNumber()).isZero();
                JsonNode h = x.result("system_health");
                assertThat(h.get("isSyncing").asBoolean()).isTrue();
                assertThat(h.get("peers").asInt()).isZero();
            }
        }
    }

    interface Check {
        boolean get() throws Exception;
    }

    static boolean safe(Check c) {
        try {
            return c.get();
        } catch (Exception e) {
            return false;
        }
    }
}
