package org.tao4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./tao rebuilds the CLI only when a source changed, not when a build wrote generated files (issue 17 #17). */
class LauncherStalenessTest {

    @TempDir
    Path root;

    private Path file(String rel, Instant time) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x");
        Files.setLastModifiedTime(p, FileTime.from(time));
        return p;
    }

    private boolean stale() throws Exception {
        Path script = Path.of("..", "scripts", "tao-stale.sh").toAbsolutePath().normalize();
        Process p = new ProcessBuilder(
                        "bash",
                        "-c",
                        ". \"$1\"; tao_stale \"$2\" \"$3\"",
                        "stale",
                        script.toString(),
                        root.toString(),
                        root.resolve("tao-cli/target/tao.jar").toString())
                .inheritIO()
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0;
    }

    @Test
    void onlySourcesCount() throws Exception {
        Instant built = Instant.parse("2026-01-01T00:00:00Z");
        Instant later = built.plusSeconds(60);
        file("tao-core/src/main/java/A.java", built.minusSeconds(60));
        file("pom.xml", built.minusSeconds(60));
        assertThat(stale()).as("no jar yet").isTrue();
        file("tao-cli/target/tao.jar", built);
        assertThat(stale()).isFalse();

        // what `bash .ci/run` leaves behind: generated sources and classes under target/
        file("bench/target/generated-sources/annotations/org/tao4j/bench/jmh_generated/X_jmhTest.java", later);
        file("tao-node/target/classes/org/tao4j/node/Node.class", later);
        file("tao-core/target/test-classes/Z.java", later);
        file(".git/index", later);
        assertThat(stale()).as("generated files are not sources").isFalse();

        file("tao-wallet/src/main/resources/wordlist.txt", later);
        assertThat(stale()).as("a changed resource").isTrue();
        Files.setLastModifiedTime(root.resolve("tao-wallet/src/main/resources/wordlist.txt"), FileTime.from(built));
        file("subnets/text/src/main/java/T.java", later);
        assertThat(stale()).as("a changed source").isTrue();
        Files.setLastModifiedTime(root.resolve("subnets/text/src/main/java/T.java"), FileTime.from(built));
        file("tao-cli/pom.xml", later);
        assertThat(stale()).as("a changed pom").isTrue();
    }
}
