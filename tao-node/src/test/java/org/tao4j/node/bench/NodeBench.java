package org.tao4j.node.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.NodeMain;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.node.chain.GenesisBlock;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.Genesis;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * The node's end-to-end system benchmark (run by {@code scripts/bench-node.sh}):
 *
 * <ol>
 *   <li>pre-signs N transfers from S funded accounts of a dev chain spec written for the run;
 *   <li>measures the ed25519 verification floor of this machine: the signatures of those same
 *       transfers verified on every core, for a few seconds;
 *   <li>starts the node as a separate process ({@code --chain SPEC --block-time 250ms}: the block time
 *       of {@code --dev}), and
 *       submits all N over WebSocket ({@code author_submitExtrinsic}, C connections, at most W
 *       transactions outstanding so the default 8,192 pool never overflows), while a
 *       {@code chain_subscribeNewHeads} subscription timestamps each block as it arrives;
 *   <li>reports included transactions per second (first submission to last inclusion), the
 *       p50/p99 latency from a transaction's submission to the arrival of the header of the block
 *       that includes it, the verification floor (measured before and again after the run, averaged,
 *       as other load on the machine may change meanwhile), and their ratio.
 * </ol>
 *
 * A warm-up from other accounts runs first and is not counted, so the node is measured in the state
 * of one that has run for a while: {@code --warmup} transfers (default 300,000) in three rounds,
 * and the chain past block 300 (the state-pruning window of 256 blocks is full, so measured blocks
 * prune too; with {@code --block-time instant}, 300 single-transfer blocks come first instead). The client keeps its connections from the warm-up to the measurement and
 * collects its own garbage before it. Besides the wall-clock figures it reports CPU time per
 * transaction (node and client) against CPU time per verification, and which threads used the CPU.
 *
 * <p>Options: {@code --n 50000 --senders 2000 --connections 4 --window 8000 --warmup 300000
 * --batch 1 --block-time 250ms|instant|DURATION --extra "node options" --attack none|pool-flood|unread-subscriptions|request-flood|slowloris}.
 * {@code --batch K} sends K submissions per WebSocket message as a JSON-RPC batch (default 1: one request
 * per message). {@code --attack pool-flood} measures the same N transfers a second time (the senders'
 * next nonces) while {@link PoolFlood} runs, and reports that run's throughput as a ratio to the first.
 */
public final class NodeBench {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long TAO = ChainParams.RAO_PER_TAO;
    /** Blocks made before the measurement: more than the default state-pruning window of 256. */
    static final int PREROLL_BLOCKS = 300;

    public static void main(String[] args) throws Exception {
        int n = 50_000;
        int senders = 2_000;
        int connections = 4;
        int window = 8_000;
        String blockTime = "250ms"; // the --dev default
        String extra = "";
        int warmup = 300_000;
        int batch = 1;
        String attack = "none";
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--warmup" -> warmup = count(args[i], args[i + 1], 0);
                    case "--batch" -> batch = count(args[i], args[i + 1], 1);
                    case "--n" -> n = count(args[i], args[i + 1], 1);
                    case "--senders" -> senders = count(args[i], args[i + 1], 1);
                    case "--connections" -> connections = count(args[i], args[i + 1], 1);
                    case "--window" -> window = count(args[i], args[i + 1], 1);
                    case "--block-time" -> blockTime = args[i + 1];
                    case "--extra" -> extra = args[i + 1];
                    case "--attack" -> attack = args[i + 1];
                    default ->
                        throw new IllegalArgumentException("unknown option " + args[i] + " (options: --n --senders"
                                + " --connections --window --warmup --batch --block-time --extra --attack)");
                }
            }
            if (!ATTACKS.contains(attack)) {
                throw new IllegalArgumentException("--attack must be one of " + ATTACKS + ", got '" + attack + "'");
            }
            if (warmup > 0 && warmup < PREROLL_BLOCKS) {
                throw new IllegalArgumentException(
                        "--warmup must be 0 or at least " + PREROLL_BLOCKS + ", got " + warmup);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench-node: " + e.getMessage());
            System.exit(2);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(
                Locale.ROOT,
                "NodeBench: %d transfers from %d senders, %d WebSocket connections, window %d,"
                        + " block time %s, %d cores%s%n",
                n,
                senders,
                connections,
                window,
                blockTime,
                cores,
                attack.equals("none") ? "" : ", then the same again under attack '" + attack + "'");

        // ---- the chain: Alice authors; S bench accounts are endowed
        // senders 0..S-1 are measured; S..2S-1 only warm the node up (JIT, caches) before the measurement
        List<Ed25519.KeyPair> keys = IntStream.range(0, 2 * senders)
                .parallel()
                .mapToObj(i -> Ed25519.KeyPair.fromSeed(
                        Blake2b.hash256(("tao4j-bench//" + i).getBytes(StandardCharsets.UTF_8))))
                .toList();
        List<Genesis.Endowment> endowments = new ArrayList<>();
        for (Ed25519.KeyPair k : keys) {
            endowments.add(new Genesis.Endowment(AccountId.of(k.publicKey()), 1_000 * TAO));
        }
        ChainSpec spec = new ChainSpec(
                "NodeBench",
                "nodebench",
                false,
                List.of(DevAccounts.account("Alice")),
                ChainParams.dev(),
                endowments,
                DevAccounts.account("Alice"));
        Path dir = Files.createTempDirectory("tao-nodebench-");
        Path specFile = dir.resolve("spec.json");
        Files.writeString(specFile, spec.toJson());
        byte[] genesis = GenesisBlock.of(spec).hash().bytes();

        // ---- pre-sign: sender i sends nonces 0.. in turn, to the next account
        long t = System.nanoTime();
        int perSender = (n + senders - 1) / senders;
        final int total = n;
        final int s = senders;
        final int w = warmup;
        Extrinsic[] warm = IntStream.range(0, w)
                .parallel()
                .mapToObj(j -> {
                    int sender = s + j % s;
                    AccountId to =
                            AccountId.of(keys.get(s + (sender + 1 - s) % s).publicKey());
                    return Extrinsic.sign(
                            keys.get(sender), j / s, 0, 1_000_000, new Call.Transfer(to, TAO / 100), genesis);
                })
                .toArray(Extrinsic[]::new);
        String[] warmHexes =
                Arrays.stream(warm).parallel().map(x -> Hex.toHex(x.encode())).toArray(String[]::new);
        H256[] warmHashes =
                Arrays.stream(warm).parallel().map(x -> new H256(x.hash())).toArray(H256[]::new);
        Extrinsic[] txs = IntStream.range(0, n)
                .parallel()
                .mapToObj(j -> {
                    int sender = j % s;
                    int nonce = j / s;
                    AccountId to = AccountId.of(keys.get((sender + 1) % s).publicKey());
                    return Extrinsic.sign(
                            keys.get(sender), nonce, 0, 1_000_000, new Call.Transfer(to, TAO / 100 + nonce), genesis);
                })
                .toArray(Extrinsic[]::new);
        String[] hexes =
                Arrays.stream(txs).parallel().map(x -> Hex.toHex(x.encode())).toArray(String[]::new);
        H256[] hashes =
                Arrays.stream(txs).parallel().map(x -> new H256(x.hash())).toArray(H256[]::new);
        // under --attack: the same transfers again (the senders' next nonces), measured while the attack runs
        String[] attackedHexes = null;
        H256[] attackedHashes = null;
        if (!attack.equals("none")) {
            Extrinsic[] again = IntStream.range(0, n)
                    .parallel()
                    .mapToObj(j -> {
                        int sender = j % s;
                        int nonce = (total - sender + s - 1) / s + j / s; // after the sender's nonces of the first run
                        AccountId to = AccountId.of(keys.get((sender + 1) % s).publicKey());
                        return Extrinsic.sign(
                                keys.get(sender),
                                nonce,
                                0,
                                1_000_000,
                                new Call.Transfer(to, TAO / 100 + nonce),
                                genesis);
                    })
                    .toArray(Extrinsic[]::new);
            attackedHexes = Arrays.stream(again)
                    .parallel()
                    .map(x -> Hex.toHex(x.encode()))
                    .toArray(String[]::new);
            attackedHashes =
                    Arrays.stream(again).parallel().map(x -> new H256(x.hash())).toArray(H256[]::new);
        }
        System.out.printf(
                Locale.ROOT,
                "signed %d transfers (%d per sender) in %.1f s%n",
                total,
                perSender,
                (System.nanoTime() - t) / 1e9);

        // ---- the verification floor: the same signatures, verified on every core
        double verifyPerSec = verificationFloor(txs, genesis, Duration.ofSeconds(4));
        double verifyCpuBefore = verifyPerCpuSecond;
        System.out.printf(
                Locale.ROOT, "ed25519 verification floor: %.0f verifications/s (%d cores)%n", verifyPerSec, cores);

        // ---- the node
        int port;
        try (ServerSocket ss = new ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+ExitOnOutOfMemoryError",
                "-Xmx4g"));
        String jvm = System.getProperty("nodebench.jvm", "");
        if (!jvm.isBlank()) {
            cmd.addAll(List.of(jvm.trim().split("\\s+")));
        }
        cmd.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                NodeMain.class.getName(),
                "--chain",
                specFile.toString(),
                "--base-path",
                dir.resolve("node").toString(),
                "--rpc-port",
                Integer.toString(port),
                "--metrics-port",
                "-1",
                "--authority",
                "//Alice"));
        if (blockTime.equals("instant")) {
            cmd.add("--instant");
        } else {
            cmd.addAll(List.of("--block-time", blockTime));
        }
        if (!extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        Path log = dir.resolve("node.log");
        Process node = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            var os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            Connections conns = new Connections(port, Math.max(1, connections), node);
            if (w > 0) {
                // pre-roll: the state-pruning window (256 blocks) must be full, so the measured blocks also
                // prune, as every block of a node that has run for a while does. With a block time, the node
                // makes blocks (empty or not) on its own: the warm-up's blocks count, and the bench then waits
                // for the rest. In instant mode, one transfer per block until the window is full.
                boolean instant = blockTime.equals("instant");
                int pre = instant ? Math.min(w, PREROLL_BLOCKS) : 0;
                long included = 0;
                if (pre > 0) {
                    included += run(
                                    conns,
                                    Arrays.copyOfRange(warmHexes, 0, pre),
                                    Arrays.copyOfRange(warmHashes, 0, pre),
                                    1,
                                    1,
                                    1)
                            .included();
                }
                // then the rest in rounds, each on new connections: the JIT sees connections open and close
                // before the measurement (otherwise the first close deoptimizes the WebSocket paths and their
                // recompilation lands in the measured window)
                int rounds = 3;
                int done = pre;
                for (int round = 0; round < rounds && done < w; round++) {
                    int to = round == rounds - 1 ? w : Math.min(w, done + (w - pre) / rounds);
                    Result wr = run(
                            conns,
                            Arrays.copyOfRange(warmHexes, done, to),
                            Arrays.copyOfRange(warmHashes, done, to),
                            connections,
                            window,
                            batch);
                    included += wr.included();
                    done = to;
                }
                if (!instant) {
                    waitForHeight(conns, PREROLL_BLOCKS);
                }
                System.out.printf(
                        Locale.ROOT,
                        "warm-up: %d transfers from other accounts (%s; not counted)%n",
                        included,
                        instant
                                ? pre + " in single-transfer blocks, then " + rounds + " rounds"
                                : rounds + " rounds, and the chain is past #" + PREROLL_BLOCKS);
            }
            // the client's own garbage collection before the measurement, not during it (as a harness like
            // JMH does between iterations): the warm-up's transactions are dropped and the heap compacted
            warm = null;
            warmHexes = null;
            warmHashes = null;
            System.gc();
            long clientCpu0 = os.getProcessCpuTime();
            long nodeCpu0 = node.info().totalCpuDuration().orElse(Duration.ZERO).toNanos();
            Map<String, Long> threads0 = threadTicks(node.pid());
            Map<String, Long> clientThreads0 =
                    threadTicks(ProcessHandle.current().pid());
            System.out.println("measured run starts at " + java.time.Instant.now());
            Result r = run(conns, hexes, hashes, connections, window, batch);
            System.out.println("measured run ends at " + java.time.Instant.now());
            Result underAttack = null;
            if (attackedHexes != null) {
                if (attack.equals("pool-flood")) {
                    try (PoolFlood flood = new PoolFlood(port, genesis, 20_000)) {
                        flood.awaitFirstReply();
                        System.out.println("attack '" + attack + "' runs; measured run under attack starts at "
                                + java.time.Instant.now());
                        underAttack = run(conns, attackedHexes, attackedHashes, connections, window, batch);
                        System.out.printf(
                                Locale.ROOT,
                                "attack '%s': %d transactions sent, %d admitted%n",
                                attack,
                                flood.sent.get(),
                                flood.admitted.get());
                    }
                } else {
                    try (RpcAttack rpcAttack = RpcAttack.start(attack, port)) {
                        System.out.println("attack '" + attack + "' runs; measured run under attack starts at "
                                + java.time.Instant.now());
                        underAttack = run(conns, attackedHexes, attackedHashes, connections, window, batch);
                        System.out.println("attack '" + attack + "': " + rpcAttack.summary());
                    }
                }
            }
            long nodeCpu = node.info().totalCpuDuration().orElse(Duration.ZERO).toNanos() - nodeCpu0;
            long clientCpu = os.getProcessCpuTime() - clientCpu0;
            Map<String, Long> threads1 = threadTicks(node.pid());
            System.out.println(byThread(
                    "bench client CPU by thread:",
                    clientThreads0,
                    threadTicks(ProcessHandle.current().pid())));
            Map<String, Long> delta = new java.util.TreeMap<>();
            threads1.forEach((name, ticks) ->
                    delta.merge(name.replaceAll("\\d+", "N"), ticks - threads0.getOrDefault(name, 0L), Long::sum));
            long all = delta.values().stream().mapToLong(Long::longValue).sum();
            StringBuilder sb = new StringBuilder("node CPU by thread:");
            delta.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(6)
                    .forEach(e -> sb.append(String.format(
                            Locale.ROOT, " %s %.0f%%", e.getKey(), 100.0 * e.getValue() / Math.max(1, all))));
            System.out.println(sb);
            // the floor again, now that the node is idle: the machine's load may have changed meanwhile
            conns.close();
            double after = verificationFloor(txs, genesis, Duration.ofSeconds(4));
            double floor = (verifyPerSec + after) / 2;
            System.out.printf(Locale.ROOT, "ed25519 verification floor after the run: %.0f verifications/s%n", after);
            System.out.printf(
                    Locale.ROOT,
                    "RESULT included_tps=%.0f p50_ms=%.1f p99_ms=%.1f verify_per_s=%.0f"
                            + " (before %.0f, after %.0f) ratio=%.2f n=%d cores=%d%n",
                    r.tps(),
                    r.p50(),
                    r.p99(),
                    floor,
                    verifyPerSec,
                    after,
                    r.tps() / floor,
                    r.included(),
                    cores);
            if (underAttack != null) {
                System.out.printf(
                        Locale.ROOT,
                        "RESULT attack=%s included_tps=%.0f p50_ms=%.1f p99_ms=%.1f n=%d"
                                + " ratio_to_no_attack=%.2f%n",
                        attack,
                        underAttack.tps(),
                        underAttack.p50(),
                        underAttack.p99(),
                        underAttack.included(),
                        underAttack.tps() / r.tps());
            }
            // Load-independent view: CPU time per transaction against CPU time per verification.
            double verifyUs = 1e6 / ((verifyCpuBefore + verifyPerCpuSecond) / 2);
            double nodeUs = nodeCpu / 1e3 / Math.max(1, r.included());
            double clientUs = clientCpu / 1e3 / Math.max(1, r.included());
            System.out.printf(
                    Locale.ROOT,
                    "CPU per transaction: node %.0f us, bench client %.0f us; one verification %.0f us"
                            + " -> cpu_ratio_node=%.2f cpu_ratio_end_to_end=%.2f%n",
                    nodeUs,
                    clientUs,
                    verifyUs,
                    verifyUs / nodeUs,
                    verifyUs / (nodeUs + clientUs));
        } finally {
            node.destroy();
            node.waitFor(30, TimeUnit.SECONDS);
            System.out.println("node log: " + log);
        }
    }

    /** The attacks {@code --attack} can run beside a second, measured run (issue 12's hostile load). */
    static final List<String> ATTACKS =
            List.of("none", "pool-flood", "unread-subscriptions", "request-flood", "slowloris");

    /**
     * The pool flood of issue 12: transfers signed by random unfunded keys with future nonces (1 to 1,024
     * ahead) and an immortal era, pre-signed, posted in JSON-RPC batches of 500 over HTTP in a loop by one
     * thread until closed.
     */
    static final class PoolFlood implements AutoCloseable {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong admitted = new AtomicLong();
        private final CountDownLatch firstReply = new CountDownLatch(1);
        private final java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        private final Thread thread;

        PoolFlood(int port, byte[] genesis, int count) {
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(12);
            List<String> bodies = new ArrayList<>();
            byte[] seed = new byte[32];
            for (int done = 0; done < count; done += 500) {
                StringBuilder b = new StringBuilder("[");
                for (int i = 0; i < 500; i++) {
                    rnd.nextBytes(seed);
                    Extrinsic x = Extrinsic.sign(
                            Ed25519.KeyPair.fromSeed(seed),
                            1 + rnd.nextInt(1_024),
                            0,
                            -1L,
                            new Call.Transfer(DevAccounts.account("Alice"), TAO),
                            genesis);
                    b.append(i == 0 ? "" : ",")
                            .append("{\"jsonrpc\":\"2.0\",\"id\":")
                            .append(i)
                            .append(",\"method\":\"author_submitExtrinsic\",\"params\":[\"")
                            .append(Hex.toHex(x.encode()))
                            .append("\"]}");
                }
                bodies.add(b.append(']').toString());
            }
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + port + "/");
            thread = Thread.ofPlatform().name("pool-flood").daemon().start(() -> {
                for (int k = 0; !stop.get(); k = (k + 1) % bodies.size()) {
                    try {
                        String reply = http.send(
                                        java.net.http.HttpRequest.newBuilder(uri)
                                                .header("content-type", "application/json")
                                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(bodies.get(k)))
                                                .build(),
                                        java.net.http.HttpResponse.BodyHandlers.ofString())
                                .body();
                        sent.addAndGet(500);
                        for (int at = reply.indexOf("\"result\""); at >= 0; at = reply.indexOf("\"result\"", at + 1)) {
                            admitted.incrementAndGet();
                        }
                        firstReply.countDown();
                    } catch (IOException e) {
                        if (!stop.get()) {
                            System.err.println("pool-flood: " + e.getMessage());
                        }
                        return;
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        void awaitFirstReply() throws InterruptedException {
            if (!firstReply.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the pool flood got no reply within 60 s");
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join(30_000);
        }
    }

    /** Verifications per CPU-second in the last {@link #verificationFloor} call (load-independent). */
    static volatile double verifyPerCpuSecond;

    static double verificationFloor(Extrinsic[] txs, byte[] genesis, Duration d) {
        // warm up (40,000 verifications, about 2 s: with fewer the JIT was still compiling the verifier and
        // the first floor came out ~5% low, which flattered the ratio), then count on all cores for d
        IntStream.range(0, 40_000).parallel().forEach(i -> txs[i % txs.length].verify(genesis));
        AtomicLong count = new AtomicLong();
        AtomicLong cpuNanos = new AtomicLong();
        long end = System.nanoTime() + d.toNanos();
        long start = System.nanoTime();
        int cores = Runtime.getRuntime().availableProcessors();
        Thread[] ts = new Thread[cores];
        for (int c = 0; c < cores; c++) {
            final int off = c;
            ts[c] = Thread.ofPlatform().start(() -> {
                long cpu0 =
                        java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                long local = 0;
                for (int i = off; System.nanoTime() < end; i = (i + cores) % txs.length) {
                    if (!txs[i].verify(genesis)) {
                        throw new IllegalStateException("bad signature in the bench set");
                    }
                    local++;
                }
                count.addAndGet(local);
                cpuNanos.addAndGet(
                        java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0);
            });
        }
        for (Thread th : ts) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        verifyPerCpuSecond = count.get() / (cpuNanos.get() / 1e9);
        return count.get() / ((System.nanoTime() - start) / 1e9);
    }

    record Result(double tps, double p50, double p99, int included) {}

    /** The threads that used the most CPU between two {@link #threadTicks} readings, as shares. */
    static String byThread(String title, Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new java.util.TreeMap<>();
        after.forEach((name, ticks) ->
                delta.merge(name.replaceAll("\\d+", "N"), ticks - before.getOrDefault(name, 0L), Long::sum));
        long all = delta.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder sb = new StringBuilder(title);
        delta.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(6)
                .forEach(e -> sb.append(
                        String.format(Locale.ROOT, " %s %.0f%%", e.getKey(), 100.0 * e.getValue() / Math.max(1, all))));
        return sb.toString();
    }

    /** CPU ticks (user + system) per thread of a process, from /proc (Linux; empty elsewhere). */
    static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> out = new java.util.HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return out;
        }
        try (var s = Files.list(tasks)) {
            for (Path t : s.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.merge(name + "#" + t.getFileName(), Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /**
     * The client's connections, opened once and kept for the warm-up and the measurement, as a client
     * that submits all day keeps them: the head subscription and {@code n} submission sockets.
     * (Opening new ones for the measured run deoptimized the client's own network loop, and its
     * recompilation took CPU from the node in the measured window.)
     */
    static final class Connections {
        final BenchWebSocket heads;
        final BenchWebSocket blocks;
        final List<BenchWebSocket> sockets = new ArrayList<>();

        Connections(int port, int n, Process node) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            BenchWebSocket first;
            while (true) {
                if (!node.isAlive()) {
                    throw new IllegalStateException("node exited: " + node.exitValue());
                }
                try {
                    first = BenchWebSocket.connect("127.0.0.1", port, (b, len) -> {});
                    break;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
            heads = first;
            heads.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"chain_subscribeNewHeads\",\"params\":[]}");
            blocks = BenchWebSocket.connect("127.0.0.1", port, (b, len) -> {});
            for (int c = 0; c < n; c++) {
                sockets.add(BenchWebSocket.connect("127.0.0.1", port, (b, len) -> {}));
            }
        }

        void close() throws IOException {
            for (BenchWebSocket s : sockets) {
                s.close();
            }
            blocks.close();
            heads.close();
        }
    }

    static Result run(Connections conns, String[] hexes, H256[] hashes, int connections, int window, int batch)
            throws Exception {
        int total = hexes.length;
        // a block's extrinsics come back as the hex this client sent, so the hex itself identifies them
        // (the client stays light: it shares the machine's cores with the node it measures)
        Map<String, Integer> index = new ConcurrentHashMap<>(total * 2);
        for (int i = 0; i < total; i++) {
            index.put(hexes[i], i);
        }
        long[] sentAt = new long[total];
        long[] includedAt = new long[total];
        AtomicInteger includedCount = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger poolFull = new AtomicInteger();
        Semaphore outstanding = new Semaphore(window);
        CountDownLatch done = new CountDownLatch(1);
        LinkedBlockingQueue<long[]> headQueue = new LinkedBlockingQueue<>();
        Map<Long, String> blockHashes = new ConcurrentHashMap<>();
        AtomicLong blocksWithTxs = new AtomicLong();
        AtomicLong maxBlock = new AtomicLong();

        // heads: timestamp each new header on arrival; a fetcher maps blocks to transactions
        conns.heads.setHandler((utf8, length) -> {
            long now = System.nanoTime();
            try {
                JsonNode m = JSON.readTree(JSON.getFactory().createParser(utf8, 0, length));
                if ("chain_newHead".equals(m.path("method").asText())) {
                    JsonNode h = m.at("/params/result");
                    blockHashes.put(h.get("number").asLong(), h.get("hash").asText());
                    headQueue.add(new long[] {h.get("number").asLong(), now});
                }
            } catch (IOException e) {
                System.err.println("bad head notification: " + e.getMessage());
            }
        });
        // chain_getBlock replies, one at a time (the fetcher waits for each before asking for the next)
        java.util.concurrent.SynchronousQueue<byte[]> blockReplies = new java.util.concurrent.SynchronousQueue<>();
        conns.blocks.setHandler((utf8, length) -> {
            try {
                blockReplies.put(Arrays.copyOf(utf8, length));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread fetcher = Thread.ofPlatform().start(() -> {
            try {
                while (includedCount.get() < total) {
                    long[] e = headQueue.poll(200, TimeUnit.MILLISECONDS);
                    if (e == null) {
                        continue;
                    }
                    String hash = blockHashes.get(e[0]);
                    conns.blocks.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"chain_getBlock\",\"params\":[\""
                            + hash + "\"]}");
                    byte[] body = blockReplies.take();
                    int count = 0;
                    try (JsonParser p = JSON.getFactory().createParser(body)) {
                        // streams to /result/block/extrinsics instead of building the whole tree
                        boolean inExtrinsics = false;
                        for (JsonToken tok = p.nextToken(); tok != null; tok = p.nextToken()) {
                            if (tok == JsonToken.FIELD_NAME && "extrinsics".equals(p.currentName())) {
                                inExtrinsics = p.nextToken() == JsonToken.START_ARRAY;
                            } else if (inExtrinsics && tok == JsonToken.VALUE_STRING) {
                                count++;
                                Integer i = index.get(p.getText());
                                if (i != null && includedAt[i] == 0) {
                                    includedAt[i] = e[1];
                                    outstanding.release();
                                    if (includedCount.incrementAndGet() == total) {
                                        done.countDown();
                                    }
                                }
                            } else if (inExtrinsics && tok == JsonToken.END_ARRAY) {
                                inExtrinsics = false;
                            }
                        }
                    }
                    if (count > 0) {
                        blocksWithTxs.incrementAndGet();
                        maxBlock.accumulateAndGet(count, Math::max);
                    }
                }
            } catch (InterruptedException ex) {
                // the run is over (or gave up waiting)
            } catch (IOException | RuntimeException ex) {
                System.err.println("block fetcher failed: " + ex);
                done.countDown();
            }
        });

        // submitters: C connections, each sends its share in order; at most `window` outstanding overall
        List<BenchWebSocket> sockets = conns.sockets.subList(0, connections);
        for (int c = 0; c < connections; c++) {
            sockets.get(c).setHandler((utf8, length) -> {
                int e = BenchWebSocket.count(utf8, length, ERROR);
                if (e > 0) {
                    errors.addAndGet(e);
                    poolFull.addAndGet(BenchWebSocket.count(utf8, length, POOL_FULL));
                    if (errors.get() <= 5) {
                        System.err.println("submission error: " + new String(utf8, 0, length, StandardCharsets.UTF_8));
                    }
                }
            });
        }
        long start = System.nanoTime();
        Thread[] senders = new Thread[connections];
        for (int c = 0; c < connections; c++) {
            final int conn = c;
            senders[c] = Thread.ofPlatform().start(() -> {
                BenchWebSocket ws = sockets.get(conn);
                try {
                    send(ws, conn, connections, batch, total, outstanding, sentAt, hexes);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        for (Thread th : senders) {
            th.join();
        }
        long sentAll = System.nanoTime();
        boolean finished = false;
        int lastCount = -1;
        long lastProgress = System.nanoTime();
        while (!finished) {
            finished = done.await(1, TimeUnit.SECONDS);
            if (includedCount.get() != lastCount) {
                lastCount = includedCount.get();
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > Duration.ofSeconds(60).toNanos()) {
                System.err.println("no progress for 60 s; giving up (see the node log)");
                break;
            }
        }
        long end = System.nanoTime();
        fetcher.interrupt();
        long lastIncluded = 0;
        long[] lat = new long[total];
        int k = 0;
        for (int i = 0; i < total; i++) {
            if (includedAt[i] != 0) {
                lat[k++] = includedAt[i] - sentAt[i];
                lastIncluded = Math.max(lastIncluded, includedAt[i]);
            }
        }
        long[] l = Arrays.copyOf(lat, k);
        Arrays.sort(l);
        double seconds = ((lastIncluded == 0 ? end : lastIncluded) - start) / 1e9;
        double tps = k / seconds;
        double p50 = k == 0 ? Double.NaN : l[(int) (0.50 * (k - 1))] / 1e6;
        double p99 = k == 0 ? Double.NaN : l[(int) (0.99 * (k - 1))] / 1e6;
        System.out.printf(
                Locale.ROOT,
                "submitted %d in %.2f s (%.0f/s); %d included in %.2f s%s; submission errors %d" + " (PoolFull %d)%n",
                total,
                (sentAll - start) / 1e9,
                total / ((sentAll - start) / 1e9),
                k,
                seconds,
                finished ? "" : " (TIMED OUT)",
                errors.get(),
                poolFull.get());
        System.out.printf(
                Locale.ROOT,
                "blocks with transactions: %d, largest %d transactions%n",
                blocksWithTxs.get(),
                maxBlock.get());
        conns.heads.setHandler((b, len) -> {});
        conns.blocks.setHandler((b, len) -> {});
        conns.sockets.forEach(ws -> ws.setHandler((b, len) -> {}));
        return new Result(tps, p50, p99, k);
    }

    /** Waits (up to 5 minutes) until the node has made block {@code height}, watching the head subscription. */
    static void waitForHeight(Connections conns, long height) throws InterruptedException {
        AtomicLong best = new AtomicLong();
        conns.heads.setHandler((utf8, length) -> {
            try {
                JsonNode m = JSON.readTree(JSON.getFactory().createParser(utf8, 0, length));
                best.accumulateAndGet(m.at("/params/result/number").asLong(0), Math::max);
            } catch (IOException e) {
                System.err.println("bad head notification: " + e.getMessage());
            }
        });
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (best.get() < height) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the node did not reach block #" + height + " in 5 minutes (at #" + best.get() + ")");
            }
            Thread.sleep(100);
        }
        conns.heads.setHandler((b, len) -> {});
    }

    static final byte[] ERROR = "\"error\"".getBytes(StandardCharsets.US_ASCII);
    static final byte[] POOL_FULL = "PoolFull".getBytes(StandardCharsets.US_ASCII);

    /** One connection's share: every {@code connections}-th transaction, one request (or batch) per message. */
    static void send(
            BenchWebSocket ws,
            int conn,
            int connections,
            int batch,
            int total,
            Semaphore outstanding,
            long[] sentAt,
            String[] hexes)
            throws IOException {
        if (batch <= 1) {
            for (int i = conn; i < total; i += connections) {
                outstanding.acquireUninterruptibly();
                sentAt[i] = System.nanoTime();
                ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"author_submitExtrinsic\",\"params\":[\""
                        + hexes[i] + "\"]}");
            }
            return;
        }
        // JSON-RPC batches: `batch` consecutive transactions of this connection's share per message
        for (int first = conn * batch; first < total; first += connections * batch) {
            int last = Math.min(total, first + batch);
            outstanding.acquireUninterruptibly(last - first);
            StringBuilder sb = new StringBuilder(batch * 360).append('[');
            long now = System.nanoTime();
            for (int i = first; i < last; i++) {
                sentAt[i] = now;
                sb.append(i == first ? "" : ",")
                        .append("{\"jsonrpc\":\"2.0\",\"id\":")
                        .append(i)
                        .append(",\"method\":\"author_submitExtrinsic\",\"params\":[\"")
                        .append(hexes[i])
                        .append("\"]}");
            }
            ws.sendText(sb.append(']').toString());
        }
    }

    /** A whole number of at least {@code min} for option {@code name}, or a one-line error. */
    static int count(String name, String value, int min) {
        try {
            int v = Integer.parseInt(value);
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " takes a whole number of at least " + min + ", got '" + value + "'");
    }
}
