package org.tao4j.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tao4j.core.crypto.Hex;

/**
 * The network's benchmark (scripts/bench-network.sh): on a 3-authority localnet, (1) finality lag:
 * submission of a transfer to its block being final, {@code --samples} times; (2) failover: {@code kill -9}
 * of the leader to the next finalized block on the survivors, {@code --kills} times (each killed node is
 * restarted and the network is let to finalize with all three before the next kill). Prints p50/p99.
 */
public final class NetworkBench {

    public static void main(String[] args) throws Exception {
        int kills = 20;
        int samples = 20;
        long blockMs = 500;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kills" -> kills = Integer.parseInt(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--block-time-ms" -> blockMs = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Path.of("target", "network-bench").toAbsolutePath();
        if (Files.exists(dir)) {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        try (Localnet net = Localnet.create(dir, 3, 0, Duration.ofMillis(blockMs), NetTests.JVM)) {
            net.startAll();
            List<Rpc> rpcs = NetTests.rpcs(net);
            NetTests.awaitFinalized(net, rpcs, 3, Duration.ofSeconds(300));
            List<Double> lag = new ArrayList<>();
            String[] from = {"Alice", "Bob", "Charlie", "Dave", "Eve"};
            long[] nonce = new long[from.length];
            for (int s = 0; s < samples; s++) {
                int leader = NetTests.leaderIndex(net, rpcs, Duration.ofSeconds(60));
                Rpc rpc = rpcs.get(leader);
                int k = s % from.length;
                byte[] tx = NetTests.transfer(rpc, from[k], "Ferdie", nonce[k]++, 1_000_000L);
                long t0 = System.nanoTime();
                String hash =
                        rpc.result("author_submitExtrinsic", Hex.toHex(tx)).asText();
                long in;
                while (true) {
                    JsonNode f = rpc.result("tao_findExtrinsic", hash, 16);
                    if (f.get("found").asBoolean()) {
                        in = f.get("blockNumber").asLong();
                        break;
                    }
                    Thread.sleep(10);
                }
                while (rpc.result("tao_consensusStatus").get("finalized").asLong() < in) {
                    Thread.sleep(10);
                }
                lag.add((System.nanoTime() - t0) / 1e9);
                Thread.sleep(blockMs / 3);
            }
            List<Double> failover = new ArrayList<>();
            for (int i = 0; i < kills; i++) {
                int leader = NetTests.leaderIndex(net, rpcs, Duration.ofSeconds(120));
                long finBefore = 0;
                for (int j = 0; j < 3; j++) {
                    if (j != leader) {
                        finBefore = Math.max(
                                finBefore,
                                rpcs.get(j)
                                        .result("tao_consensusStatus")
                                        .get("finalized")
                                        .asLong());
                    }
                }
                Localnet.NodeProc p = net.nodes().get(leader);
                long t0 = System.nanoTime();
                p.process().destroyForcibly();
                outer:
                while (true) {
                    for (int j = 0; j < 3; j++) {
                        if (j == leader) {
                            continue;
                        }
                        JsonNode st = rpcs.get(j).statusOrNull();
                        if (st != null && st.get("finalized").asLong() > finBefore) {
                            break outer;
                        }
                    }
                    Thread.sleep(10);
                }
                failover.add((System.nanoTime() - t0) / 1e9);
                p.process().waitFor();
                net.start(p);
                NetTests.awaitFinalized(net, rpcs, finBefore + 3, Duration.ofSeconds(300));
                System.out.printf("kill %d: %.2f s%n", i + 1, failover.getLast());
            }
            System.out.printf(
                    "finality lag (submission to final), %d samples: p50 %.3f s, p99 %.3f s (block time %d ms)%n",
                    lag.size(), pct(lag, 50), pct(lag, 99), blockMs);
            if (!failover.isEmpty()) {
                System.out.printf(
                        "failover (kill -9 of the leader to the next finalized block), %d kills: p50 %.2f s, p99 %.2f s, max %.2f s%n",
                        failover.size(), pct(failover, 50), pct(failover, 99), Collections.max(failover));
            }
        }
    }

    static double pct(List<Double> xs, int p) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i)));
    }
}
