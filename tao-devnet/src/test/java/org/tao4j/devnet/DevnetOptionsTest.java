package org.tao4j.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The devnet's options: defaults, both spellings of a value, and a one-line error for each bad input. */
class DevnetOptionsTest {
    @Test
    void defaults() {
        DevnetOptions o = DevnetOptions.defaults();
        assertThat(o.subnets()).containsExactly("forecast", "text");
        assertThat(o.validators()).isEqualTo(3);
        assertThat(o.miners()).isEqualTo(6);
        assertThat(o.blockTime()).isEqualTo(Duration.ofMillis(250));
        assertThat(o.tempo()).isEqualTo(20);
        assertThat(o.epochs()).isZero();
        assertThat(o.commitReveal()).isEqualTo("text");
        assertThat(o.revealPeriod()).isEqualTo(2);
        assertThat(o.headless()).isFalse();
        assertThat(o.summary()).isNull();
    }

    @Test
    void parsesEveryOption() {
        DevnetOptions o = DevnetOptions.parse(
                "--subnets",
                "Text",
                "--validators=4",
                "--miners",
                "3",
                "--block-time",
                "100ms",
                "--tempo",
                "10",
                "--epochs",
                "6",
                "--commit-reveal",
                "none",
                "--reveal-period",
                "3",
                "--headless",
                "--summary",
                "s.json",
                "--base-path",
                "d",
                "--fresh",
                "--rpc-port",
                "0",
                "--metrics-port",
                "-1");
        assertThat(o.subnets()).isEqualTo(List.of("text"));
        assertThat(o.validators()).isEqualTo(4);
        assertThat(o.miners()).isEqualTo(3);
        assertThat(o.blockTime()).isEqualTo(Duration.ofMillis(100));
        assertThat(o.tempo()).isEqualTo(10);
        assertThat(o.epochs()).isEqualTo(6);
        assertThat(o.commitReveal()).isEqualTo("none");
        assertThat(o.revealPeriod()).isEqualTo(3);
        assertThat(o.headless()).isTrue();
        assertThat(o.summary()).isEqualTo(Path.of("s.json"));
        assertThat(o.basePath()).isEqualTo(Path.of("d"));
        assertThat(o.fresh()).isTrue();
        assertThat(o.rpcPort()).isZero();
        assertThat(o.metricsPort()).isEqualTo(-1);
    }

    @Test
    void badInputGetsOneLineErrors() {
        assertError(new String[] {"--reveal-period", "0"}, "--reveal-period is 1..100 epochs");
        assertError(
                new String[] {"--reveal-period", "two"},
                "Invalid value for option '--reveal-period': 'two' is not an int");
        assertError(new String[] {"--subnets", "images"}, "unknown subnet 'images'; subnets: forecast, text");
        assertError(new String[] {"--subnets", ","}, "--subnets needs at least one of forecast, text");
        assertError(new String[] {"--tempo", "1"}, "--tempo is 2..10000 blocks");
        assertError(new String[] {"--block-time", "5"}, "--block-time is at least 10 ms");
        assertError(new String[] {"--epochs", "-1"}, "--epochs must not be negative");
        assertError(new String[] {"--validators", "0"}, "--validators is 1..64 and --miners 1..200");
        assertError(new String[] {"--epochs"}, "Missing required parameter for option '--epochs' (N)");
        assertError(new String[] {"--bogus"}, "Unknown option: '--bogus'");
        assertError(
                new String[] {"--block-time", "fast"}, "--block-time needs a whole number of milliseconds, got 'fast'");
        assertError(
                new String[] {"--json"},
                "tao devnet has no --json: it runs until stopped; --summary FILE writes " + "its final state as JSON");
    }

    private static void assertError(String[] args, String message) {
        assertThatThrownBy(() -> DevnetOptions.parse(args))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
