package org.tao4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tao4j.cli.CliOfflineWalletTest.Run;

/**
 * {@code tao access query} and {@code tao gateway}: help and bad input, one line each, before any
 * node or gateway is reached (the paid path itself runs in tao-devnet's GatewayDevnetTest).
 */
class CliAccessQueryTest {
    static Run tao(String... args) {
        return CliOfflineWalletTest.tao(args);
    }

    @Test
    void helpNamesEveryInputForm() {
        Run r = tao("access", "query", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("--gateway-url")
                .contains("--text")
                .contains("--series")
                .contains("--input");
        Run g = tao("gateway", "--help");
        assertThat(g.code()).isZero();
        assertThat(g.out()).contains("--price").contains("--top-k").contains("--claim-threshold");
    }

    @Test
    void badInputIsOneLineAndExit2() {
        Run notHex = tao(
                "access",
                "query",
                "--gateway-url",
                "http://127.0.0.1:1",
                "--netuid",
                "1",
                "--channel",
                "zz",
                "--series",
                "1");
        assertThat(notHex.code()).isEqualTo(2);
        assertThat(notHex.err().strip()).doesNotContain("\n").contains("--channel must be a channel id");
        String ch = "0x" + "ab".repeat(32);
        Run two = tao(
                "access",
                "query",
                "--gateway-url",
                "http://127.0.0.1:1",
                "--netuid",
                "1",
                "--channel",
                ch,
                "--series",
                "1",
                "--text",
                "x");
        assertThat(two.code()).isEqualTo(2);
        assertThat(two.err()).contains("exactly one of --input JSON, --text TEXT or --series");
        Run badJson = tao(
                "access",
                "query",
                "--gateway-url",
                "http://127.0.0.1:1",
                "--netuid",
                "1",
                "--channel",
                ch,
                "--input",
                "{");
        assertThat(badJson.code()).isEqualTo(2);
        assertThat(badJson.err()).contains("--input is not JSON");
        Run noSubnet = tao(
                "gateway", "--netuid", "1", "--subnet", "images", "--hotkey", "//Alice", "--url", "ws://127.0.0.1:1");
        assertThat(noSubnet.code()).isEqualTo(2);
        assertThat(noSubnet.err()).contains("--subnet must be forecast or text");
    }
}
