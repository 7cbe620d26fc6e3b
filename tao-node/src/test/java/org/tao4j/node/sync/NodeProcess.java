package org.tao4j.node.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.tao4j.node.NodeMain;
import org.tao4j.node.rpc.RpcClient;

/** A node as a real OS process on loopback (small heap), for the sync integration tests. */
final class NodeProcess implements AutoCloseable {

    final Process process;
    final RpcClient rpc;
    final int port;
    final Path log;

    private NodeProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.rpc = new RpcClient(port);
        this.log = log;
    }

    /** Starts {@code NodeMain} with {@code args} plus a free RPC port and no metrics; waits until it answers. */
    static NodeProcess start(Path log, String... args) throws Exception {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+ExitOnOutOfMemoryError",
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                NodeMain.class.getName()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--rpc-port", Integer.toString(port), "--metrics-port", "-1", "--no-explorer"));
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        NodeProcess n = new NodeProcess(p, port, log);
        try {
            n.awaitReady();
        } catch (Throwable t) {
            n.close();
            throw t;
        }
        return n;
    }

    String ws() {
        return "ws://127.0.0.1:" + port;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the node exited with " + process.exitValue() + ": " + logText());
            }
            try {
                if (rpc.call("system_health").has("result")) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the node did not start within 90 s: " + logText());
    }

    JsonNode result(String method, Object... params) throws Exception {
        return rpc.result(method, params);
    }

    long finalizedNumber() throws Exception {
        String h = result("chain_getFinalizedHead").asText();
        return result("chain_getHeader", h).get("number").asLong();
    }

    long headNumber() throws Exception {
        return result("chain_getHeader").get("number").asLong();
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Waits (polling) until {@code condition} holds; fails with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }
}
