package org.tao4j.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.kv.WriteBatch;
import org.tao4j.node.health.Fatal;
import org.tao4j.node.health.FaultInjection;
import org.tao4j.node.rpc.RpcClient;
import org.tao4j.rocksdb.RocksDatabase;

/**
 * Failure handling with the node as a real OS process and a small heap (docs/node.md "Failure
 * handling"): an Error or a real OutOfMemoryError in block production ends the process with one
 * line and exit code 3; a stalled producer turns /health and system_health unhealthy and SIGTERM
 * still finishes within its bound; a damaged or truncated write-ahead log and a damaged stored
 * block are refused at start-up with one line (exit 2) instead of a silent roll-back; a full disk
 * (a tmpfs made by the test) ends the node clearly, and once space is freed it starts again with
 * nothing lost. Every restart after a failure finds the blocks seen before it intact.
 */
class NodeFaultsIT {

    static final Path LOGS = Path.of("target", "faults-it");

    @TempDir
    Path dir;

    /** A node process, its port and log. */
    record Proc(Process process, int port, Path log, RpcClient rpc) {

        String output() throws IOException {
            return Files.readString(log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Proc start(Path base, String name, List<String> jvm, String... extra) throws IOException {
        Files.createDirectories(LOGS);
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
        cmd.addAll(jvm);
        cmd.addAll(List.of(
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
                "100ms"));
        cmd.addAll(List.of(extra));
        Path log = LOGS.resolve(name + ".log");
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // one client per process: a client per call would hold a connection each, past the node's per-address cap
        return new Proc(p, port, log, new RpcClient(port));
    }

    /** Waits until the node answers RPC; fails if it exits first. */
    private static void awaitReady(Proc p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.process().isAlive()) {
                throw new AssertionError("the node exited with " + p.process().exitValue() + ":\n" + p.output());
            }
            try {
                if (p.rpc().call("system_health").has("result")) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the node did not start within 90 s:\n" + p.output());
    }

    private static long head(Proc p) throws Exception {
        return p.rpc().result("chain_getHeader").get("number").asLong();
    }

    private static void awaitHead(Proc p, long atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (head(p) < atLeast) {
            assertThat(System.nanoTime()).as("head #%d within 90 s", atLeast).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Hashes of blocks 0..head as served now. */
    private static Map<Long, String> hashes(Proc p) throws Exception {
        long h = head(p);
        Map<Long, String> out = new TreeMap<>();
        for (long n = 0; n <= h; n++) {
            out.put(n, p.rpc().result("chain_getBlockHash", n).asText());
        }
        return out;
    }

    /** Every block seen before is still there with the same hash. */
    private static void assertIntact(Proc p, Map<Long, String> seen) throws Exception {
        for (Map.Entry<Long, String> e : seen.entrySet()) {
            assertThat(p.rpc().result("chain_getBlockHash", e.getKey()).asText())
                    .as("block #%d", e.getKey())
                    .isEqualTo(e.getValue());
        }
        assertThat(p.rpc().result("tao_getSupply").get("invariantHolds").asBoolean())
                .isTrue();
    }

    /** One client for every health probe: a new client per probe would hold a connection each, past the per-address cap. */
    private static final HttpClient HEALTH_HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> health(Proc p) throws Exception {
        return HEALTH_HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port() + "/health"))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int exitWithin(Proc p, int seconds) throws Exception {
        assertThat(p.process().waitFor(seconds, TimeUnit.SECONDS))
                .as("the node exits within %d s:%n%s", seconds, p.output())
                .isTrue();
        return p.process().exitValue();
    }

    private static void stop(Proc p) throws Exception {
        p.process().destroy();
        if (!p.process().waitFor(60, TimeUnit.SECONDS)) {
            p.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("the node did not stop within 60 s of SIGTERM");
        }
    }

    private static List<String> lines(String output, String containing) {
        return output.lines().filter(l -> l.contains(containing)).toList();
    }

    /** A restart after the failure: the node starts, everything seen is intact, blocks continue. */
    private void restartIsSafe(Path base, String name, Map<Long, String> seen, long minHead) throws Exception {
        Proc again = start(base, name, List.of());
        try {
            awaitReady(again);
            assertIntact(again, seen);
            long h = head(again);
            assertThat(h).as("the restart resumes at the last committed block").isGreaterThanOrEqualTo(minHead);
            awaitHead(again, h + 3);
            assertThat(health(again).statusCode()).isEqualTo(200);
        } finally {
            stop(again);
        }
    }

    @Test
    void anErrorInBlockProductionEndsTheProcessWithOneLine() throws Exception {
        Path base = dir.resolve("node");
        Proc p = start(base, "error", List.of("-D" + FaultInjection.PROPERTY + "=error@5"));
        try {
            int code = exitWithin(p, 120);
            String out = p.output();
            assertThat(code).as(out).isEqualTo(Fatal.EXIT_CODE);
            assertThat(lines(out, "fatal:"))
                    .as(out)
                    .hasSize(1)
                    .allMatch(l -> l.contains("fatal: block production failed: java.lang.InternalError: injected fault"
                            + " at block #5; exiting with code 3"));
            assertThat(lines(out, "\tat ")).as("no stack trace").isEmpty();
        } finally {
            p.process().destroyForcibly();
        }
        restartIsSafe(base, "error-restart", Map.of(), 5); // block #5 was committed before the fault
    }

    @Test
    void aRealOutOfMemoryErrorInBlockProductionEndsTheProcessWithOneLine() throws Exception {
        Path base = dir.resolve("node");
        // without -XX:+ExitOnOutOfMemoryError: the node's own handler
        Proc p = start(base, "oom", List.of("-Xmx96m", "-D" + FaultInjection.PROPERTY + "=oom@5"));
        try {
            int code = exitWithin(p, 120);
            String out = p.output();
            assertThat(code).as(out).isEqualTo(Fatal.EXIT_CODE);
            assertThat(lines(out, "fatal:"))
                    .as(out)
                    .hasSize(1)
                    .allMatch(l -> l.contains("fatal: block production failed: java.lang.OutOfMemoryError"));
            assertThat(lines(out, "\tat ")).as("no stack trace").isEmpty();
        } finally {
            p.process().destroyForcibly();
        }
        // with it, as the launchers run the node: the JVM exits first, with the same code
        Proc q = start(
                base,
                "oom-flag",
                List.of("-Xmx96m", "-XX:+ExitOnOutOfMemoryError", "-D" + FaultInjection.PROPERTY + "=oom@" + 20));
        try {
            int code = exitWithin(q, 120);
            assertThat(code).as(q.output()).isEqualTo(3);
            assertThat(q.output()).contains("Terminating due to java.lang.OutOfMemoryError");
        } finally {
            q.process().destroyForcibly();
        }
        restartIsSafe(base, "oom-restart", Map.of(), 20);
    }

    @Test
    void aStalledProducerIsUnhealthyAndSigtermStillFinishesWithinItsBound() throws Exception {
        Path base = dir.resolve("node");
        // block 30 hangs inside its commit, holding the chain's writer lock (as a hung listener would)
        Proc p = start(base, "stall", List.of("-D" + FaultInjection.PROPERTY + "=stall@30"));
        Map<Long, String> seen;
        try {
            awaitReady(p);
            awaitHead(p, 5);
            HttpResponse<String> ok = health(p);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(ok.body()).contains("\"healthy\":true");
            assertThat(p.rpc().result("system_health").get("healthy").asBoolean())
                    .isTrue();
            awaitHead(p, 30);
            // 3 block times (at least 1 s) after the stall
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            HttpResponse<String> h;
            while ((h = health(p)).statusCode() == 200) {
                assertThat(System.nanoTime()).as("unhealthy within 60 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(h.statusCode()).isEqualTo(503);
            assertThat(h.body()).contains("\"healthy\":false").contains("no block produced or imported for");
            JsonNode sh = p.rpc().result("system_health");
            assertThat(sh.get("healthy").asBoolean()).isFalse();
            assertThat(sh.get("reason").asText()).startsWith("no block produced or imported for");
            assertThat(head(p)).isEqualTo(30);
            seen = hashes(p);
            long t0 = System.nanoTime();
            p.process().destroy(); // SIGTERM
            assertThat(p.process().waitFor(60, TimeUnit.SECONDS))
                    .as("SIGTERM finishes")
                    .isTrue();
            double seconds = (System.nanoTime() - t0) / 1e9;
            String out = p.output();
            // the bound: the producer is given 5 s, the chain's writer lock 5 s, the whole shutdown 15 s
            assertThat(seconds).as(out).isLessThan(NodeMain.SHUTDOWN_DEADLINE.toSeconds() + 10);
            assertThat(out).contains("closing the database without it");
            System.out.printf(
                    "SIGTERM with a stalled producer: stopped in %.1f s, exit code %d%n",
                    seconds, p.process().exitValue());
        } finally {
            p.process().destroyForcibly();
        }
        restartIsSafe(base, "stall-restart", seen, 30);
    }

    @Test
    void aShutdownThatHangsIsHaltedAtItsDeadline() throws Exception {
        Path base = dir.resolve("node");
        Proc p = start(base, "hang-shutdown", List.of("-D" + FaultInjection.PROPERTY + "=hang-shutdown@0"));
        Map<Long, String> seen;
        try {
            awaitReady(p);
            awaitHead(p, 5);
            seen = hashes(p);
            long t0 = System.nanoTime();
            p.process().destroy(); // SIGTERM; the shutdown then hangs
            int code = exitWithin(p, 60);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(code).as(p.output()).isEqualTo(NodeMain.EXIT_SHUTDOWN_OVERRAN);
            assertThat(seconds).isGreaterThanOrEqualTo(NodeMain.SHUTDOWN_DEADLINE.toSeconds() - 1);
            assertThat(lines(p.output(), "error: shutdown did not finish within 15 s; halting"))
                    .hasSize(1);
            System.out.printf("a hung shutdown halted after %.1f s with code %d%n", seconds, code);
        } finally {
            p.process().destroyForcibly();
        }
        restartIsSafe(base, "hang-shutdown-restart", seen, seen.size() - 1);
    }

    /** Runs a node until it has made {@code blocks} blocks, then kill -9s it; returns what it served. */
    private Map<Long, String> runAndKill(Path base, String name, long blocks) throws Exception {
        Proc p = start(base, name, List.of());
        try {
            awaitReady(p);
            awaitHead(p, blocks);
            Map<Long, String> seen = hashes(p);
            p.process().destroyForcibly(); // the blocks stay in the write-ahead log
            p.process().waitFor(30, TimeUnit.SECONDS);
            return seen;
        } finally {
            p.process().destroyForcibly();
        }
    }

    private static Path largestWal(Path db) throws IOException {
        try (Stream<Path> s = Files.list(db)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".log"))
                    .max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length()))
                    .orElseThrow();
        }
    }

    /** The node refuses to start: exit code 2 and one "error:" line saying the database is corrupt. */
    private void assertRefused(Path base, String name, String expected) throws Exception {
        Proc p = start(base, name, List.of());
        try {
            int code = exitWithin(p, 120);
            String out = p.output();
            assertThat(code).as(out).isEqualTo(2);
            List<String> errors = lines(out, "error:");
            assertThat(errors).as(out).hasSize(1);
            assertThat(errors.get(0)).contains(expected).contains("restore the data directory from a backup");
            assertThat(lines(out, "\tat ")).as("no stack trace").isEmpty();
            assertThat(out).doesNotContain("RPC listening");
        } finally {
            p.process().destroyForcibly();
        }
    }

    @Test
    void flippedBytesInTheWriteAheadLogAreRefusedAtStartUp() throws Exception {
        Path base = dir.resolve("node");
        Map<Long, String> seen = runAndKill(base, "wal-flip", 30);
        Path wal = largestWal(base.resolve("db"));
        byte[] log = Files.readAllBytes(wal);
        assertThat(log.length).isGreaterThan(4096);
        for (int i = 0; i < 4; i++) {
            log[log.length / 2 + i] ^= (byte) 0xa5;
        }
        Files.write(wal, log);
        assertRefused(base, "wal-flip-start", "is corrupt");
        assertThat(seen).hasSizeGreaterThan(30);
    }

    @Test
    void aTruncatedWriteAheadLogIsRefusedAtStartUpNotSilentlyRolledBack() throws Exception {
        Path base = dir.resolve("node");
        runAndKill(base, "wal-cut", 30);
        Path wal = largestWal(base.resolve("db"));
        try (FileChannel ch = FileChannel.open(wal, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() / 2); // RocksDB alone would replay the first half and say nothing
        }
        assertRefused(base, "wal-cut-start", "is corrupt");
    }

    @Test
    void aDamagedStoredBlockIsRefusedAtStartUp() throws Exception {
        Path base = dir.resolve("node");
        Map<Long, String> seen = runAndKill(base, "block-flip", 20);
        long n = seen.size() - 5L;
        byte[] hash = org.tao4j.core.crypto.Hex.fromHex(seen.get(n));
        try (RocksDatabase db = RocksDatabase.open(
                base.resolve("db"),
                List.of("state", "smt", "history", "diffs", "blocks", "numbers", "events", "meta"))) {
            byte[] v = db.columnFamily("blocks").get(hash).clone();
            v[40] ^= 0x01; // in the header
            db.write(Map.of("blocks", new WriteBatch().put(hash, v)));
        }
        assertRefused(base, "block-flip-start", "is corrupt: block #" + n + " ");
    }

    @Test
    void aFullDiskEndsTheNodeClearlyAndItResumesOnceSpaceIsFree() throws Exception {
        Path mnt = dir.resolve("tmpfs");
        Files.createDirectories(mnt);
        // smaller than the 70 MB RocksDB tries to preallocate for its write-ahead log, so that the log
        // grows by real writes and meets the full disk at once (on a large disk it meets it later)
        String why = mountTmpfs(mnt, "48m");
        Assumptions.assumeTrue(why == null, () -> "skipped: this machine cannot make a small tmpfs (" + why + ")");
        Path filler = mnt.resolve("filler");
        try {
            Path base = mnt.resolve("node");
            Proc p = start(base, "disk-full", List.of());
            Map<Long, String> seen;
            try {
                awaitReady(p);
                awaitHead(p, 10);
                assertThat(health(p).statusCode()).isEqualTo(200);
                seen = hashes(p);
                fill(filler);
                // the next block cannot be written: the node says so once and exits
                int code = exitWithin(p, 120);
                String out = p.output();
                assertThat(code).as(out).isEqualTo(Fatal.EXIT_CODE);
                assertThat(lines(out, "fatal:"))
                        .as(out)
                        .hasSize(1)
                        .allMatch(l -> l.contains("fatal: block production (storage: no space left on the device"));
                // not a stack trace per block: a handful of lines mention the cause at most
                assertThat(lines(out, "No space left on device").size()).as(out).isLessThan(10);
            } finally {
                p.process().destroyForcibly();
            }
            // while the disk is still full, a restarted node either cannot open its database or fails
            // its first block: either way it exits non-zero within a few block times, saying why
            fill(mnt.resolve("filler2")); // what the dead node's files no longer hold is taken too
            Proc full = start(base, "disk-full-still", List.of());
            try {
                int code = exitWithin(full, 120);
                String out = full.output();
                assertThat(code).as(out).isNotZero();
                assertThat(out).contains("no space left on the device");
            } finally {
                full.process().destroyForcibly();
            }
            Files.delete(filler);
            Files.delete(mnt.resolve("filler2"));
            restartIsSafe(base, "disk-freed", seen, seen.size() - 1);
        } finally {
            Files.deleteIfExists(filler);
            Files.deleteIfExists(mnt.resolve("filler2"));
            new ProcessBuilder("umount", "-l", mnt.toString())
                    .inheritIO()
                    .start()
                    .waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Mounts a tmpfs of {@code size}; null on success, else why not. */
    private static String mountTmpfs(Path at, String size) {
        try {
            Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(m.getInputStream().readAllBytes());
            if (!m.waitFor(30, TimeUnit.SECONDS) || m.exitValue() != 0) {
                return "mount -t tmpfs failed: " + out.trim();
            }
            return null;
        } catch (IOException | InterruptedException e) {
            return "mount unavailable: " + e.getMessage();
        }
    }

    /** Writes until the device is full. */
    private static void fill(Path filler) {
        byte[] chunk = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException e) {
            assertThat(e.getMessage()).contains("No space left on device");
        }
    }
}
