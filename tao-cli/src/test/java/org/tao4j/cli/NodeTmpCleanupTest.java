package org.tao4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tao node --dev --tmp} on a busy port fails in one line and leaves no temporary directory (issue 17 #6). */
class NodeTmpCleanupTest {

    @Test
    void aNodeThatCannotStartLeavesNoTmpDirectory(@TempDir Path tmp) throws Exception {
        Path tmpdir = Files.createDirectories(tmp.resolve("java-tmp"));
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProcessBuilder pb = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Djava.io.tmpdir=" + tmpdir,
                            "-cp",
                            System.getProperty("java.class.path"),
                            TaoCli.class.getName(),
                            "node",
                            "--dev",
                            "--tmp",
                            "--rpc-port",
                            String.valueOf(busy.getLocalPort()),
                            "--metrics-port",
                            "-1")
                    .redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("out.txt").toFile());
            Process p = pb.start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isNotZero();
            assertThat(out).doesNotContain("\tat ");
        }
        try (Stream<Path> left = Files.list(tmpdir)) {
            assertThat(left.filter(f -> f.getFileName().toString().startsWith("tao-node-"))
                            .toList())
                    .isEmpty();
        }
    }
}
