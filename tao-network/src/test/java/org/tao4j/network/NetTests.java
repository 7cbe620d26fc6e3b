package org.tao4j.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers of the network integration tests. */
final class NetTests {
    private NetTests() {}

    static final List<String> JVM =
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dtao4j.raft.election-ms=600-1200");

    /** A network laid out in target/network-it/NAME (emptied first; kept afterwards for its logs). */
    static Localnet localnet(String name, int authorities, int full) throws IOException {
        Path dir = Path.of("target", "network-it", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        return Localnet.create(dir, authorities, full, Duration.ofMillis(500), JVM);
    }

    static List<Rpc> rpcs(Localnet net) {
        List<Rpc> out = new ArrayList<>();
        for (Localnet.NodeProc n : net.nodes()) {
            out.add(new Rpc(n.rpcPort));
        }
        return out;
    }

    /** Waits until every running node reports a finalized head of at least {@code n}. */
    static void awaitFinalized(Localnet net, List<Rpc> rpcs, long n, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            boolean all = true;
            for (int i = 0; i < rpcs.size(); i++) {
                Localnet.NodeProc p = net.nodes().get(i);
                if (!p.alive()) {
                    continue;
                }
                JsonNode s = rpcs.get(i).statusOrNull();
                if (s == null || s.get("finalized").asLong() < n) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "not every node finalized #" + n + " within " + max + "; " + describe(net, rpcs));
            }
            Thread.sleep(200);
        }
    }

    /** The index of the node that reports itself leader (and that the others name), waiting for one. */
    static int leaderIndex(Localnet net, List<Rpc> rpcs, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < rpcs.size(); i++) {
                if (!net.nodes().get(i).alive()) {
                    continue;
                }
                JsonNode s = rpcs.get(i).statusOrNull();
                if (s != null && s.get("role").asText().equals("leader")) {
                    return i;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no leader within " + max + describe(net, rpcs));
    }

    /** Signs a transfer of {@code rao} from one dev account to another, for this chain. */
    static byte[] transfer(Rpc via, String from, String to, long nonce, long rao) throws Exception {
        byte[] genesis = org.tao4j.core.crypto.Hex.fromHex(
                via.result("chain_getBlockHash", 0).asText());
        return org.tao4j.runtime.tx.Extrinsic.sign(
                        org.tao4j.node.chain.DevAccounts.keyPair(from),
                        nonce,
                        0,
                        1_000_000_000L,
                        new org.tao4j.runtime.tx.Call.Transfer(org.tao4j.node.chain.DevAccounts.account(to), rao),
                        genesis)
                .encode();
    }

    /** Waits until {@code rpc}'s chain holds the extrinsic; returns its block number. */
    static long awaitIncluded(Rpc rpc, String txHash, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode f = rpc.result("tao_findExtrinsic", txHash);
            if (f.get("found").asBoolean()) {
                return f.get("blockNumber").asLong();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("transaction " + txHash + " was not included within " + max);
    }

    static String describe(Localnet net, List<Rpc> rpcs) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rpcs.size(); i++) {
            Localnet.NodeProc p = net.nodes().get(i);
            b.append('\n')
                    .append(p.name)
                    .append(p.alive() ? " up " : " down ")
                    .append(rpcs.get(i).statusOrNull());
            List<String> lines = Files.exists(p.log) ? Files.readAllLines(p.log) : List.of();
            for (String l : lines.subList(Math.max(0, lines.size() - 15), lines.size())) {
                b.append("\n    ").append(l);
            }
        }
        return b.toString();
    }

    /**
     * Every node has the same block hash and state root at every height up to the lowest finalized head
     * of the running nodes; returns that height.
     */
    static long sameChainUpToFinalized(List<Rpc> rpcs) throws Exception {
        long low = Long.MAX_VALUE;
        List<Rpc> up = new ArrayList<>();
        for (Rpc r : rpcs) {
            JsonNode s = r.statusOrNull();
            if (s != null) {
                low = Math.min(low, s.get("finalized").asLong());
                up.add(r);
            }
        }
        for (long n = 0; n <= low; n++) {
            String hash = null;
            String root = null;
            for (Rpc r : up) {
                String h = r.result("chain_getBlockHash", n).asText();
                String sr = r.result("chain_getHeader", h).get("stateRoot").asText();
                if (hash == null) {
                    hash = h;
                    root = sr;
                } else {
                    assertThat(h).as("hash of #%d", n).isEqualTo(hash);
                    assertThat(sr).as("state root of #%d", n).isEqualTo(root);
                }
            }
        }
        return low;
    }
}
