package org.tao4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.cli.cmd.Table;
import org.tao4j.cli.cmd.WeightsCommand;

class CliUnitTest {

    @Test
    void amounts() {
        assertEquals(12_500_000_000L, Amounts.parse("12.5", false, "--amount"));
        assertEquals(1L, Amounts.parse("0.000000001", false, "--amount"));
        assertEquals(12_500_000_000L, Amounts.parse("τ12.5", false, "--amount"));
        assertEquals(7L, Amounts.parse("7", true, "--amount"));
        assertTrue(assertThrows(UserError.class, () -> Amounts.parse("-1", false, "--amount"))
                .getMessage()
                .contains("negative"));
        assertTrue(assertThrows(UserError.class, () -> Amounts.parse("abc", false, "--amount"))
                .getMessage()
                .contains("not a number"));
        assertTrue(assertThrows(UserError.class, () -> Amounts.parse("0.0000000001", false, "--amount"))
                .getMessage()
                .contains("decimals"));
        assertThrows(UserError.class, () -> Amounts.parse("0", false, "--amount"));
        assertThrows(UserError.class, () -> Amounts.parse("1.5", true, "--amount"));
        assertThrows(UserError.class, () -> Amounts.parse("99999999999999", false, "--amount"));
        assertEquals("τ12.500000000", Amounts.show(12_500_000_000L, false));
        assertEquals("12500000000 rao", Amounts.show(12_500_000_000L, true));
    }

    @Test
    void errorTranslation() {
        String s = ChainErrors.translate(
                "SettingWeightsTooFast", "SettingWeightsTooFast: 63 blocks left (rate limit 100)", 12);
        assertTrue(
                s.startsWith("Weights were set 37 blocks ago; this subnet allows once every 100 blocks. "
                        + "Try again in ~13 minutes."),
                s);
        assertTrue(ChainErrors.translate("InsufficientBalance", "InsufficientBalance", 12)
                .contains("tao wallet balance"));
        assertTrue(ChainErrors.translate("TooManyWeights", "TooManyWeights: 5", 12)
                .startsWith("More weights than allowed"));
        assertTrue(ChainErrors.translate("Whatever", null, 12).contains("Whatever"));
        assertEquals("~30 seconds", ChainErrors.waitText(3, 10));
    }

    @Test
    void exitCodes() {
        assertEquals(
                3,
                TaoCli.classify(new org.tao4j.client.NodeUnreachableException(
                                java.net.URI.create("ws://x"), "connection refused", null))
                        .code());
        assertEquals(
                2,
                TaoCli.classify(new org.tao4j.client.RpcException(-32602, "bad", null))
                        .code());
        assertEquals(
                1,
                TaoCli.classify(new org.tao4j.client.RpcException(1010, "invalid", "STALE_NONCE"))
                        .code());
        assertEquals(2, TaoCli.classify(new UserError("x")).code());
    }

    @Test
    void config(@TempDir Path dir) {
        Path f = dir.resolve("c.yaml");
        Config c = Config.load(f);
        c.set("network", "dev");
        c.set("wallet", "alice");
        assertEquals(Map.of("network", "dev", "wallet", "alice"), Config.load(f).all());
        assertThrows(UserError.class, () -> c.set("colour", "x"));
        assertThrows(UserError.class, () -> Config.parse(List.of("nonsense"), "f"));
        assertEquals(
                "a b", Config.parse(List.of("# c", "", "wallet: \"a b\""), "f").get("wallet"));
    }

    @Test
    void weightsNormalise() {
        int[] v = WeightsCommand.normalise(List.of(0.5, 1.0, 0.0));
        assertEquals(32768, v[0]);
        assertEquals(65535, v[1]);
        assertEquals(0, v[2]);
        assertThrows(UserError.class, () -> WeightsCommand.normalise(List.of(0.0)));
        assertThrows(UserError.class, () -> WeightsCommand.normalise(List.of(-1.0)));
    }

    @Test
    void tableAligns() {
        String s = new Table("a", "amount")
                .row("x", "τ1.000000000")
                .row("longer", "τ10.000000000")
                .render(false);
        String[] l = s.split("\n");
        assertEquals(l[1].length(), l[2].length());
    }

    @Test
    void jsonErrorOnBadUsageAndHelpListsGroups() {
        StringWriter out = new StringWriter();
        int code = TaoCli.execute(
                new String[] {"wallet", "transfer", "--json"},
                new PrintWriter(out),
                new PrintWriter(new StringWriter()));
        assertEquals(2, code);
        assertTrue(out.toString().strip().startsWith("{") && out.toString().contains("\"error\""));
        StringWriter help = new StringWriter();
        TaoCli.execute(new String[] {"--help"}, new PrintWriter(help), new PrintWriter(new StringWriter()));
        for (String g : List.of("wallet", "stake", "subnet", "weights", "root", "gov", "axon", "chain", "config")) {
            assertTrue(help.toString().contains(g), g);
        }
    }

    @Test
    void unreachableNode() {
        StringWriter out = new StringWriter();
        int code = TaoCli.execute(
                new String[] {"chain", "status", "--json", "--network", "ws://127.0.0.1:1"},
                new PrintWriter(out),
                new PrintWriter(new StringWriter()));
        assertEquals(3, code, out::toString);
    }
}
