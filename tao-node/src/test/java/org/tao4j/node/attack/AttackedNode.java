package org.tao4j.node.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.NodeMain;
import org.tao4j.node.rpc.RpcClient;

/**
 * A {@code --dev} node as a real OS process with a small heap, for the hostile-load tests: its RPC
 * client, its resident memory (/proc/PID/status VmRSS, sampled by a daemon thread), and a clean stop.
 */
final class AttackedNode implements AutoCloseable {

    final Process process;
    final RpcClient rpc;
    final Path log;
    final Duration blockTime;
    final byte[] genesisHash;
    private final AtomicLong maxRssKb = new AtomicLong();
    private final Thread sampler;

    AttackedNode(Path base, Path log, Duration blockTime, String heap) throws Exception {
        this.log = log;
        this.blockTime = blockTime;
        Files.createDirectories(log.getParent());
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx" + heap,
                "-XX:+UseSerialGC",
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
                blockTime.toMillis() + "ms",
                "--no-sync");
        process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        rpc = new RpcClient(port);
        sampler = Thread.ofPlatform().daemon().name("rss-sampler").start(() -> {
            while (process.isAlive()) {
                maxRssKb.accumulateAndGet(rssKb(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            awaitReady();
            genesisHash = Hex.fromHex(rpc.result("chain_getBlockHash", 0).asText());
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the node exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (rpc.call("system_health").has("result")) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the node did not start within 90 s; see " + log);
    }

    /** The node's resident memory now, in KiB (0 when it has exited). */
    long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // exited
        }
        return 0;
    }

    /** The largest resident memory sampled so far, in MiB. */
    long maxRssMb() {
        maxRssKb.accumulateAndGet(rssKb(), Math::max);
        return maxRssKb.get() / 1024;
    }

    long head() throws IOException, InterruptedException {
        return rpc.result("chain_getHeader").get("number").asLong();
    }

    /** Waits (event-based polling, generous deadline) until the head reaches {@code number}. */
    void awaitHead(long number, Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (head() < number) {
            if (System.nanoTime() > end) {
                throw new AssertionError(
                        "the head did not reach #" + number + " within " + deadline + " (at #" + head() + ")");
            }
            if (!process.isAlive()) {
                throw new AssertionError("the node died; see " + log);
            }
            Thread.sleep(50);
        }
    }

    /** Blocks {@code from..to} (chain_getBlock results), fetched in batches. */
    List<JsonNode> blocks(long from, long to) throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        for (long n = from; n <= to; n += 50) {
            long last = Math.min(to, n + 49);
            ArrayNode hashes = RpcClient.JSON.createArrayNode();
            for (long k = n; k <= last; k++) {
                hashes.add(RpcClient.request(k, "chain_getBlockHash", k));
            }
            JsonNode hs = RpcClient.JSON.readTree(rpc.post(hashes.toString()).body());
            for (JsonNode h : hs) {
                out.add(rpc.result("chain_getBlock", h.get("result").asText()));
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM: a graceful stop
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        sampler.interrupt();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
