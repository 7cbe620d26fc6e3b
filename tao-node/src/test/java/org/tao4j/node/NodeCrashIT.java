package org.tao4j.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.node.rpc.RpcClient;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.Runtime;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * Crash safety, with the node as a real OS process: submit transfers over RPC, {@code kill -9} the
 * node at random (seeded) moments 20 times, restart it each time, and check that
 *
 * <ul>
 *   <li>every block seen over RPC is still there, with the same hash and state root;
 *   <li>every acknowledged transaction seen included is still in the same block;
 *   <li>the issuance invariant holds, and the issuance is the genesis endowments minus the fees of
 *       every transaction in the chain (no subnets exist, so nothing is minted).
 * </ul>
 */
class NodeCrashIT {

    static final long SEED = 20_240_601L;
    static final int KILLS = 20;
    static final long TAO = ChainParams.RAO_PER_TAO;

    record Seen(long number, String hash, String stateRoot) {}

    private final Map<Long, Seen> blocks = new TreeMap<>();
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>(); // tx hash -> signer
    private final Map<String, Seen> included = new HashMap<>(); // tx hash -> its block
    private byte[] genesisHash;

    @Test
    void survivesTwentyKillNines(@TempDir Path dir) throws Exception {
        Random rnd = new Random(SEED);
        Path base = dir.resolve("node");
        Path logs = Path.of("target", "crash-it");
        Files.createDirectories(logs);
        long t0 = System.nanoTime();
        int submittedTotal = 0;
        for (int round = 0; round <= KILLS; round++) {
            int port = freePort();
            Process p = start(base, port, logs.resolve("node-" + round + ".log"));
            try {
                RpcClient rpc = new RpcClient(port);
                awaitReady(rpc, p);
                genesisHash = Hex.fromHex(rpc.result("chain_getBlockHash", 0).asText());
                verify(rpc, round == KILLS || round % 5 == 0);
                if (round == KILLS) {
                    break;
                }
                submittedTotal += runUntilKilled(rpc, p, rnd);
            } finally {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
        // a last start, and a graceful stop this time (SIGTERM)
        int port = freePort();
        Process p = start(base, port, logs.resolve("node-final.log"));
        RpcClient rpc = new RpcClient(port);
        awaitReady(rpc, p);
        verify(rpc, true);
        p.destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(logs.resolve("node-final.log"))).contains("stopped");
        System.out.printf(
                "crash test: %d kills, %d blocks seen, %d transactions acknowledged, %d seen included, %.1f s%n",
                KILLS, blocks.size(), submittedTotal, included.size(), (System.nanoTime() - t0) / 1e9);
        assertThat(included).hasSizeGreaterThan(50);
    }

    /** Submits transfers and watches blocks until a random moment, then kill -9s the node. Returns acknowledged count. */
    private int runUntilKilled(RpcClient rpc, Process p, Random rnd) throws Exception {
        long runMs = 300 + rnd.nextInt(2_200);
        long seed = rnd.nextLong();
        AtomicBoolean stop = new AtomicBoolean();
        int[] acked = {0};
        Thread submitter = Thread.ofPlatform().start(() -> {
            Random r = new Random(seed);
            Map<String, Long> nonces = new HashMap<>();
            try {
                while (!stop.get()) {
                    String from = DevAccounts.NAMES.get(r.nextInt(DevAccounts.NAMES.size()));
                    String to = DevAccounts.NAMES.get(r.nextInt(DevAccounts.NAMES.size()));
                    if (from.equals(to)) {
                        continue;
                    }
                    Long nonce = nonces.get(from);
                    if (nonce == null) {
                        nonce = rpc.result(
                                        "system_accountNextIndex",
                                        DevAccounts.account(from).toSs58())
                                .asLong();
                    }
                    Extrinsic x = Extrinsic.sign(
                            DevAccounts.keyPair(from),
                            nonce,
                            r.nextInt(3),
                            1_000_000_000L,
                            new Call.Transfer(DevAccounts.account(to), (1 + r.nextInt(100)) * TAO / 10),
                            genesisHash);
                    JsonNode resp = rpc.call("author_submitExtrinsic", Hex.toHex(x.encode()));
                    if (resp.has("result")) {
                        acknowledged.put(resp.get("result").asText(), from);
                        nonces.put(from, nonce + 1);
                        acked[0]++;
                    } else {
                        nonces.remove(from); // re-read the nonce (e.g. after a pool refusal)
                    }
                    if (r.nextInt(4) == 0) {
                        Thread.sleep(r.nextInt(15));
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the node died under us: that is the point
            }
        });
        long deadline = System.nanoTime() + runMs * 1_000_000;
        try {
            while (System.nanoTime() < deadline) {
                observe(rpc);
                Thread.sleep(40 + rnd.nextInt(60));
            }
        } catch (IOException e) {
            // killed mid-request
        } finally {
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
            stop.set(true);
            p.waitFor(30, TimeUnit.SECONDS);
            submitter.join(10_000);
        }
        return acked[0];
    }

    /** Records every new block (hash, state root) and which acknowledged transactions it holds. */
    private void observe(RpcClient rpc) throws IOException, InterruptedException {
        long head = rpc.result("chain_getHeader").get("number").asLong();
        long from = blocks.isEmpty() ? 0 : ((TreeMap<Long, Seen>) blocks).lastKey() + 1;
        for (long n = from; n <= head; n += 200) {
            long to = Math.min(head, n + 199);
            List<Long> numbers = new ArrayList<>();
            for (long k = n; k <= to; k++) {
                numbers.add(k);
            }
            for (JsonNode b : getBlocks(rpc, numbers)) {
                JsonNode h = b.at("/block/header");
                Seen s = new Seen(
                        h.get("number").asLong(),
                        h.get("hash").asText(),
                        h.get("stateRoot").asText());
                blocks.put(s.number(), s);
                for (JsonNode x : b.at("/block/extrinsics")) {
                    String txHash = Hex.toHex(Blake2b.hash256(Hex.fromHex(x.asText())));
                    if (acknowledged.containsKey(txHash)) {
                        included.put(txHash, s);
                    }
                }
            }
        }
    }

    /** Blocks by number, fetched in two batch requests. */
    private static List<JsonNode> getBlocks(RpcClient rpc, List<Long> numbers)
            throws IOException, InterruptedException {
        ArrayNode hashes = RpcClient.JSON.createArrayNode();
        for (long n : numbers) {
            hashes.add(RpcClient.request(n, "chain_getBlockHash", n));
        }
        Map<Long, String> hashOf = new HashMap<>();
        for (JsonNode r : RpcClient.JSON.readTree(rpc.post(hashes.toString()).body())) {
            assertThat(r.has("result")).as("%s", r).isTrue();
            hashOf.put(r.get("id").asLong(), r.get("result").asText());
        }
        ArrayNode req = RpcClient.JSON.createArrayNode();
        for (long n : numbers) {
            req.add(RpcClient.request(n, "chain_getBlock", hashOf.get(n)));
        }
        Map<Long, JsonNode> byNumber = new TreeMap<>();
        for (JsonNode r : RpcClient.JSON.readTree(rpc.post(req.toString()).body())) {
            assertThat(r.get("result").isNull()).as("block %s", r.get("id")).isFalse();
            byNumber.put(r.get("id").asLong(), r.get("result"));
        }
        return new ArrayList<>(byNumber.values());
    }

    /** Everything seen before the crash is still there; the supply adds up. */
    private void verify(RpcClient rpc, boolean full) throws Exception {
        long head = rpc.result("chain_getHeader").get("number").asLong();
        long lastSeen = blocks.isEmpty() ? 0 : ((TreeMap<Long, Seen>) blocks).lastKey();
        assertThat(head).as("restart resumes at (or after) the last block seen").isGreaterThanOrEqualTo(lastSeen);
        List<Long> numbers = new ArrayList<>(blocks.keySet());
        for (int i = 0; i < numbers.size(); i += 500) {
            List<Long> chunk = numbers.subList(i, Math.min(numbers.size(), i + 500));
            for (JsonNode b : getBlocks(rpc, chunk)) {
                JsonNode h = b.at("/block/header");
                Seen before = blocks.get(h.get("number").asLong());
                assertThat(h.get("hash").asText())
                        .as("hash of #%d", before.number())
                        .isEqualTo(before.hash());
                assertThat(h.get("stateRoot").asText())
                        .as("state root of #%d", before.number())
                        .isEqualTo(before.stateRoot());
            }
        }
        Map<String, List<String>> byBlock = new LinkedHashMap<>();
        included.forEach((tx, s) ->
                byBlock.computeIfAbsent(s.hash(), k -> new ArrayList<>()).add(tx));
        for (Map.Entry<String, List<String>> e : byBlock.entrySet()) {
            JsonNode b = rpc.result("chain_getBlock", e.getKey());
            List<String> txs = new ArrayList<>();
            b.at("/block/extrinsics").forEach(x -> txs.add(Hex.toHex(Blake2b.hash256(Hex.fromHex(x.asText())))));
            assertThat(txs)
                    .as("block %s still holds its acknowledged transactions", e.getKey())
                    .containsAll(e.getValue());
        }
        JsonNode supply = rpc.result("tao_getSupply");
        assertThat(supply.get("invariantHolds").asBoolean()).as("%s", supply).isTrue();
        if (full) {
            observe(rpc);
            long head2 = ((TreeMap<Long, Seen>) blocks).lastKey();
            long fees = 0;
            List<Long> all = new ArrayList<>();
            for (long n = 1; n <= head2; n++) {
                all.add(n);
            }
            ChainParams params = ChainSpec.dev().params();
            for (int i = 0; i < all.size(); i += 500) {
                for (JsonNode b : getBlocks(rpc, all.subList(i, Math.min(all.size(), i + 500)))) {
                    for (JsonNode x : b.at("/block/extrinsics")) {
                        fees += Runtime.fee(params, Extrinsic.decode(Hex.fromHex(x.asText())));
                    }
                }
            }
            JsonNode s = rpc.result("tao_getSupply", blocks.get(head2).hash());
            assertThat(s.get("totalIssuance").asLong())
                    .as("issuance = endowments - fees")
                    .isEqualTo(6 * ChainSpec.DEV_ENDOWMENT - fees);
            assertThat(s.get("totalRecycled").asLong()).isEqualTo(fees);
        }
    }

    private static Process start(Path base, int port, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+ExitOnOutOfMemoryError",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                NodeMain.class.getName(),
                "--dev",
                "--base-path",
                base.toString(),
                "--rpc-port",
                Integer.toString(port),
                "--metrics-port",
                "-1",
                "--block-time",
                "100ms");
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static void awaitReady(RpcClient rpc, Process p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("the node exited with " + p.exitValue() + "; see target/crash-it");
            }
            try {
                if (rpc.call("system_health").has("result")) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the node did not start within 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
