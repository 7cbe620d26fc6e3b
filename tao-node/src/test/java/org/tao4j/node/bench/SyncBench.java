package org.tao4j.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.node.NodeMain;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.node.chain.Justification;
import org.tao4j.node.pool.PoolRejection;
import org.tao4j.node.pool.TransactionPool;
import org.tao4j.node.production.Chain;
import org.tao4j.node.production.ImportedBlock;
import org.tao4j.node.rpc.RpcClient;
import org.tao4j.runtime.Genesis;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * The sync benchmark ({@code scripts/bench-sync.sh}, docs/network.md):
 *
 * <ol>
 *   <li><b>Full sync.</b> Builds a chain of {@code --blocks} blocks (default 20,000) of {@code --per-block}
 *       transfers each (default 5) in this process, each block justified by the dev authority, then starts
 *       two node processes: one serving that database (no key, no peers) and a fresh full node syncing
 *       from it. It measures the full node's import rate (blocks/s and transfers/s, first block to last,
 *       polled every 100 ms) and compares it with the ed25519 verification floor measured here on all
 *       cores: a block costs {@code per-block + 2} verifications (the transfers, the seal, the vote), so
 *       the floor in blocks/s is floor ÷ (per-block + 2).
 *   <li><b>Warp sync.</b> A chain spec endowing {@code --accounts} accounts (default 100,000), an
 *       authority process, and a warp node: the time the warp node reports for downloading the state in
 *       chunks, recomputing the root and storing it, and the time from its start until it follows.
 * </ol>
 */
public final class SyncBench {

    public static void main(String[] args) throws Exception {
        int blocks = 20_000;
        int perBlock = 5;
        int accounts = 100_000;
        boolean full = true;
        boolean warp = true;
        String fsync = "--no-sync";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--blocks" -> blocks = Integer.parseInt(args[++i]);
                case "--per-block" -> perBlock = Integer.parseInt(args[++i]);
                case "--accounts" -> accounts = Integer.parseInt(args[++i]);
                case "--full-only" -> warp = false;
                case "--warp-only" -> full = false;
                case "--fsync" -> fsync = null;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("tao-sync-bench-");
        try {
            if (full) {
                fullSync(dir.resolve("full"), blocks, perBlock, fsync);
            }
            if (warp) {
                warpSync(dir.resolve("warp"), accounts);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void fullSync(Path dir, int blocks, int perBlock, String fsync) throws Exception {
        ChainSpec spec = ChainSpec.dev();
        Path specFile = dir.resolve("spec.json");
        Files.createDirectories(dir);
        Files.writeString(specFile, spec.toJson());
        List<String> senders = DevAccounts.NAMES.subList(1, DevAccounts.NAMES.size());
        if (perBlock > senders.size()) {
            throw new IllegalArgumentException("--per-block at most " + senders.size());
        }
        Ed25519.KeyPair alice = DevAccounts.keyPair("Alice");
        long t0 = System.nanoTime();
        List<Extrinsic> sample = new ArrayList<>();
        byte[] genesis;
        try (Chain chain = Chain.open(spec, dir.resolve("serve").resolve("db"), false, 256)) {
            genesis = chain.runtime().genesisHash();
            TransactionPool pool = new TransactionPool(
                    chain.runtime(),
                    () -> new TransactionPool.Head(
                            chain.headState(), chain.head().number()),
                    TransactionPool.DEFAULT_LIMIT);
            chain.addListener(
                    b -> pool.onBlock(b.hash(), b.number(), b.extrinsicHashes(), b.invalid(), chain.headState()));
            long ts = 1_700_000_000_000L;
            for (int n = 1; n <= blocks; n++) {
                for (int s = 0; s < perBlock; s++) {
                    Extrinsic x = Extrinsic.sign(
                            DevAccounts.keyPair(senders.get(s)),
                            n - 1,
                            0,
                            n + 1_000,
                            new Call.Transfer(DevAccounts.account("Alice"), 1_000_000L + n),
                            genesis);
                    if (sample.size() < 4_096) {
                        sample.add(x);
                    }
                    try {
                        pool.submit(x, null);
                    } catch (PoolRejection e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                }
                ts += 250;
                ImportedBlock b = chain.produce(alice, pool, ts, 10_000);
                if (b.block().extrinsics().size() != perBlock) {
                    throw new IllegalStateException(
                            "block #" + n + " holds " + b.block().extrinsics().size());
                }
                chain.addJustification(new Justification(
                        b.number(),
                        b.hash(),
                        List.of(Justification.sign(alice, chain.genesisHash(), b.number(), b.hash()))));
                if (n % 5_000 == 0) {
                    System.out.printf(Locale.ROOT, "built %d blocks (%.0f s)%n", n, (System.nanoTime() - t0) / 1e9);
                }
            }
        }
        double floor = NodeBench.verificationFloor(sample.toArray(Extrinsic[]::new), genesis, Duration.ofSeconds(3));
        System.out.printf(
                Locale.ROOT,
                "ed25519 verification floor: %.0f verifications/s (%d cores)%n",
                floor,
                Runtime.getRuntime().availableProcessors());
        Process serve = null;
        Process sync = null;
        try {
            int servePort = freePort();
            serve = node(
                    dir.resolve("serve.log"),
                    servePort,
                    "--chain",
                    specFile.toString(),
                    "--base-path",
                    dir.resolve("serve").toString());
            RpcClient s = new RpcClient(servePort);
            awaitUp(s, serve);
            int syncPort = freePort();
            List<String> a = new ArrayList<>(List.of(
                    "--chain",
                    specFile.toString(),
                    "--base-path",
                    dir.resolve("sync").toString(),
                    "--sync-peer",
                    "ws://127.0.0.1:" + servePort));
            if (fsync != null) {
                a.add(fsync);
            }
            long start = System.nanoTime();
            sync = node(dir.resolve("sync.log"), syncPort, a.toArray(String[]::new));
            RpcClient f = new RpcClient(syncPort);
            awaitUp(f, sync);
            long first = -1;
            long firstNumber = 0;
            long head = 0;
            long cpu0 = 0;
            long serveCpu0 = 0;
            while (head < blocks) {
                if (!sync.isAlive()) {
                    throw new IllegalStateException(
                            "the syncing node exited: " + Files.readString(dir.resolve("sync.log")));
                }
                Thread.sleep(100);
                head = f.result("chain_getHeader").get("number").asLong();
                if (first < 0 && head > 0) {
                    first = System.nanoTime();
                    firstNumber = head;
                    cpu0 = cpuTicks(sync.pid());
                    serveCpu0 = cpuTicks(serve.pid());
                }
            }
            long end = System.nanoTime();
            double cpuSecs = (cpuTicks(sync.pid()) - cpu0) / 100.0;
            double serveCpuSecs = (cpuTicks(serve.pid()) - serveCpu0) / 100.0;
            double perCpu = NodeBench.verifyPerCpuSecond;
            double after =
                    NodeBench.verificationFloor(sample.toArray(Extrinsic[]::new), genesis, Duration.ofSeconds(3));
            System.out.printf(Locale.ROOT, "ed25519 verification floor after the run: %.0f verifications/s%n", after);
            floor = (floor + after) / 2;
            perCpu = (perCpu + NodeBench.verifyPerCpuSecond) / 2;
            double secs = (end - first) / 1e9;
            double bps = (blocks - firstNumber) / secs;
            double floorBlocks = floor / (perBlock + 2);
            String rootServe = s.result("chain_getHeader").get("stateRoot").asText();
            String rootSync = f.result("chain_getHeader").get("stateRoot").asText();
            if (!rootServe.equals(rootSync)) {
                throw new IllegalStateException("the synced root " + rootSync + " differs from " + rootServe);
            }
            System.out.printf(
                    Locale.ROOT,
                    "RESULT full-sync blocks=%d transfers_per_block=%d blocks_per_s=%.0f transfers_per_s=%.0f"
                            + " floor_blocks_per_s=%.0f ratio_to_floor=%.3f (from process start: %.1f s; fsync %s)%n",
                    blocks,
                    perBlock,
                    bps,
                    bps * perBlock,
                    floorBlocks,
                    bps / floorBlocks,
                    (end - start) / 1e9,
                    fsync == null ? "on" : "off");
            // load-independent: the syncing node's CPU time per block against the CPU time of its verifications
            double cpuPerBlock = cpuSecs / (blocks - firstNumber);
            double verifyCpuPerBlock = (perBlock + 2) / perCpu;
            System.out.printf(
                    Locale.ROOT,
                    "RESULT full-sync-cpu node_cpu_ms_per_block=%.3f serving_node_cpu_ms_per_block=%.3f"
                            + " verification_cpu_ms_per_block=%.3f ratio_by_cpu=%.3f%n",
                    cpuPerBlock * 1000,
                    serveCpuSecs / (blocks - firstNumber) * 1000,
                    verifyCpuPerBlock * 1000,
                    verifyCpuPerBlock / cpuPerBlock);
        } finally {
            stop(sync);
            stop(serve);
        }
    }

    static void warpSync(Path dir, int accounts) throws Exception {
        Files.createDirectories(dir);
        ChainSpec d = ChainSpec.dev();
        List<Genesis.Endowment> endow = new ArrayList<>(d.endowments());
        for (int i = 0; i < accounts; i++) {
            byte[] id = Blake2b.hash256(("sync-bench-account-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            endow.add(new Genesis.Endowment(new AccountId(id), 1_000_000_000L));
        }
        ChainSpec spec = new ChainSpec("Warp Bench", "warp_bench", false, d.authorities(), d.params(), endow, d.sudo());
        Path specFile = dir.resolve("spec.json");
        Files.writeString(specFile, spec.toJson());
        Process auth = null;
        Process w = null;
        try {
            int ap = freePort();
            auth = node(
                    dir.resolve("authority.log"),
                    ap,
                    "--chain",
                    specFile.toString(),
                    "--authority",
                    "//Alice",
                    "--base-path",
                    dir.resolve("a").toString(),
                    "--block-time",
                    "1s");
            RpcClient a = new RpcClient(ap);
            awaitUp(a, auth);
            String genesis = a.result("chain_getBlockHash", 0).asText();
            while (!a.result("sync_hello", genesis).get("warp").isObject()) {
                Thread.sleep(200);
            }
            int wp = freePort();
            long start = System.nanoTime();
            w = node(
                    dir.resolve("warp.log"),
                    wp,
                    "--chain",
                    specFile.toString(),
                    "--base-path",
                    dir.resolve("w").toString(),
                    "--sync",
                    "warp",
                    "--sync-peer",
                    "ws://127.0.0.1:" + ap);
            RpcClient wc = new RpcClient(wp);
            awaitUp(wc, w);
            double ready = (System.nanoTime() - start) / 1e9;
            Pattern took = Pattern.compile(
                    "warp sync: state of block #(\\d+) \\S+ \\((\\d+) entries, (\\d+) bytes, (\\d+) chunks\\).*took (\\d+) ms");
            Matcher m = null;
            while (m == null) {
                if (!w.isAlive()) {
                    throw new IllegalStateException(
                            "the warp node exited: " + Files.readString(dir.resolve("warp.log")));
                }
                Thread.sleep(100);
                Matcher mm = took.matcher(Files.readString(dir.resolve("warp.log")));
                if (mm.find()) {
                    m = mm;
                }
            }
            long warpBlock = Long.parseLong(m.group(1));
            long target = a.result("chain_getHeader").get("number").asLong();
            while (wc.result("chain_getHeader").get("number").asLong() < target) {
                Thread.sleep(100);
            }
            double following = (System.nanoTime() - start) / 1e9;
            String h = a.result("chain_getBlockHash", target).asText();
            String ra = a.result("chain_getHeader", h).get("stateRoot").asText();
            String rw = wc.result("chain_getHeader", h).get("stateRoot").asText();
            if (!ra.equals(rw)) {
                throw new IllegalStateException("warp node root " + rw + " differs from " + ra + " at #" + target);
            }
            System.out.printf(
                    Locale.ROOT,
                    "RESULT warp-sync accounts=%d state_entries=%s state_bytes=%s chunks=%s warp_block=%d warp_ms=%s"
                            + " node_ready_s=%.1f following_s=%.1f%n",
                    accounts,
                    m.group(2),
                    m.group(3),
                    m.group(4),
                    warpBlock,
                    m.group(5),
                    ready,
                    following);
        } finally {
            stop(w);
            stop(auth);
        }
    }

    /** A process's user + system CPU time in clock ticks (1/100 s), from /proc. */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
    }

    static Process node(Path log, int port, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+ExitOnOutOfMemoryError",
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                NodeMain.class.getName()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--rpc-port", Integer.toString(port), "--metrics-port", "-1", "--no-explorer"));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    static void awaitUp(RpcClient c, Process p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("a node exited with " + p.exitValue());
            }
            try {
                JsonNode r = c.call("system_health");
                if (r.has("result")) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("a node did not start within 5 min");
    }

    static void stop(Process p) throws InterruptedException {
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
