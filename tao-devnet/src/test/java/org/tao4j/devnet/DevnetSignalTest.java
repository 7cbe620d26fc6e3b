package org.tao4j.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM (and Ctrl-C, the same shutdown path) still writes the --summary (issue 17 #1). */
class DevnetSignalTest {

    @TempDir
    Path dir;

    @Test
    void sigtermWritesTheSummary() throws Exception {
        Path summary = dir.resolve("summary.json");
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        DevnetMain.class.getName(),
                        "--headless",
                        "--subnets",
                        "forecast",
                        "--validators",
                        "1",
                        "--miners",
                        "1",
                        "--commit-reveal",
                        "none",
                        "--summary",
                        summary.toString(),
                        "--base-path",
                        dir.resolve("data").toString(),
                        "--rpc-port",
                        "0",
                        "--metrics-port",
                        "-1")
                .redirectErrorStream(true);
        Process p = pb.start();
        StringBuilder log = new StringBuilder();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    synchronized (log) {
                        log.append(l).append('\n');
                    }
                    if (l.contains("all neurons running")) {
                        ready.complete(true);
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
            ready.complete(false);
        });
        reader.start();
        try {
            assertThat(ready.get(5, TimeUnit.MINUTES))
                    .as("devnet ready; log:%n%s", log)
                    .isTrue();
            // SIGTERM by kill(1): Process.destroy() would also close our end of its output
            Process kill = new ProcessBuilder("kill", "-TERM", String.valueOf(p.pid()))
                    .inheritIO()
                    .start();
            assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.waitFor(2, TimeUnit.MINUTES))
                    .as("stopped within 2 minutes")
                    .isTrue();
        } finally {
            p.destroyForcibly();
        }
        reader.join(10_000);
        assertThat(summary).as("log:%n%s", log).exists();
        JsonNode s = new ObjectMapper().readTree(Files.readString(summary));
        assertThat(s.get("total_issuance").asLong()).isPositive();
        assertThat(s.get("subnets")).hasSize(1);
        synchronized (log) {
            assertThat(log.toString()).contains("summary written to").doesNotContain("\tat ");
        }
    }
}
