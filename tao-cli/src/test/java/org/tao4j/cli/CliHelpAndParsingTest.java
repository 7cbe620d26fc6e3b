package org.tao4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.cli.CliOfflineWalletTest.Run;
import org.tao4j.cli.cmd.Table;

/** Help, parsing and output shape, none of which needs a node. */
class CliHelpAndParsingTest {

    static Run tao(String... args) {
        return CliOfflineWalletTest.tao(args);
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        Run r = tao("wallet", "tranfser");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: 'tao wallet' has no command 'tranfser'; did you mean 'transfer'");
        Run o = tao("chain", "status", "--netwrok", "dev");
        assertThat(o.err()).contains("unknown option '--netwrok'").contains("did you mean '--network'");
    }

    @Test
    void helpReachesNestedCommands() {
        Run r = tao("help", "stake", "add");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: tao stake add").contains("--amount=TAO");
        Run bad = tao("help", "stake", "ad");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("error: 'tao stake' has no command 'ad'");
    }

    @Test
    void weightsSetDescribesItsOptionsAndTakesTheNetuidBothWays() {
        String help = tao("weights", "set", "--help").out();
        for (String opt : List.of("--netuid=N ", "--uids=UID[,UID...] ", "--weights=W[,W...] ")) {
            String line = Arrays.stream(help.split("\n"))
                    .filter(l -> l.strip().startsWith(opt.strip()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(opt + " not in " + help));
            assertThat(line.strip().length()).as(line).isGreaterThan(opt.strip().length() + 5);
        }
        assertThat(help).contains("[NETUID]");
        // the same subnet twice is fine, two different ones are refused before any node is asked
        Run twice = tao("subnet", "burn-cost", "1", "--netuid", "2", "--network", "ws://127.0.0.1:1");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("the subnet is given twice, as 1 and --netuid 2");
        Run none = tao("subnet", "burn-cost", "--network", "ws://127.0.0.1:1");
        assertThat(none.err()).contains("which subnet?");
        Run option = tao("subnet", "burn-cost", "--netuid", "1", "--network", "ws://127.0.0.1:1");
        assertThat(option.code()).as(option.err()).isEqualTo(3); // parsed; the node is unreachable
    }

    @Test
    void offlineCommandsDoNotOfferANetwork() {
        for (String[] cmd : List.of(
                new String[] {"wallet", "create"},
                new String[] {"wallet", "list"},
                new String[] {"wallet", "regen-coldkey"},
                new String[] {"wallet", "verify"},
                new String[] {"config", "set"})) {
            String[] args = Arrays.copyOf(cmd, cmd.length + 1);
            args[cmd.length] = "--help";
            assertThat(tao(args).out()).as(String.join(" ", cmd)).doesNotContain("--network");
        }
        assertThat(tao("wallet", "balance", "--help").out()).contains("--network");
        // still accepted (and ignored), so scripts passing it everywhere keep working
        assertThat(tao("wallet", "list", "--network", "dev", "--wallet-path", "/nonexistent/w")
                        .code())
                .isZero();
    }

    @Test
    void versionIsTheBuiltVersion() {
        Run r = tao("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).matches("tao4j \\d+\\.\\d+\\.\\d+.*").doesNotContain("dev");
    }

    @Test
    void tableColumnsAlignWithTheirHeaders() {
        String s = new Table("wallet", "coldkey", "free", "staked")
                .row("alice", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", "τ5.000000000", "τ123.000000000")
                .row("b", "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty", "τ12345.000000000", "-")
                .render(false);
        String[] l = s.split("\n");
        // numeric columns end where their header ends; text columns start where theirs starts
        int freeEnd = l[0].indexOf("free") + "free".length();
        assertThat(l[1].indexOf("τ5.000000000") + "τ5.000000000".length()).isEqualTo(freeEnd);
        assertThat(l[2].indexOf("τ12345.000000000") + "τ12345.000000000".length())
                .isEqualTo(freeEnd);
        assertThat(l[1].indexOf("5Grw")).isEqualTo(l[0].indexOf("coldkey"));
        // a number that starts with 5 is a number
        String n = new Table("name", "value").row("a", "5").row("b", "1000").render(false);
        String[] nl = n.split("\n");
        assertThat(nl[1].length()).isEqualTo(nl[2].length()).isEqualTo(nl[0].length());
    }

    @Test
    void walletTreeAndMnemonicBoxes(@TempDir Path tmp) throws Exception {
        Path pw = tmp.resolve("pw");
        Files.writeString(pw, "pw\n");
        Files.setPosixFilePermissions(pw, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String wallets = tmp.resolve("w").toString();
        String none = tmp.resolve("none.yaml").toString();
        Run a = tao(
                "wallet",
                "create",
                "--wallet",
                "a",
                "--wallet-path",
                wallets,
                "--password-file",
                pw.toString(),
                "--kdf-memory",
                "8",
                "--kdf-iterations",
                "1",
                "--config",
                none);
        assertThat(a.code()).as(a.err()).isZero();
        List<String> box = Arrays.stream(a.out().split("\n"))
                .filter(x -> x.startsWith("┌") || x.startsWith("│") || x.startsWith("└"))
                .toList();
        assertThat(box).hasSizeGreaterThanOrEqualTo(8);
        assertThat(box.stream().mapToInt(String::length).distinct()).hasSize(1); // both boxes, every line
        tao("wallet", "new-hotkey", "--wallet", "a", "--hotkey", "h2", "--wallet-path", wallets, "--config", none);
        tao(
                "wallet",
                "create",
                "--wallet",
                "b",
                "--wallet-path",
                wallets,
                "--password-file",
                pw.toString(),
                "--kdf-memory",
                "8",
                "--kdf-iterations",
                "1",
                "--config",
                none);
        Run list = tao("wallet", "list", "--wallet-path", wallets, "--config", none);
        String[] l = list.out().split("\n");
        assertThat(l[1]).startsWith("├── a ");
        assertThat(l[2]).startsWith("│   ├── default ");
        assertThat(l[3]).startsWith("│   └── h2 ");
        assertThat(l[4]).startsWith("└── b ");
        assertThat(l[5]).startsWith("    └── default ");
    }

    @Test
    void devnetOptionsAreOneLineErrorsAndHaveHelp() {
        Run help = tao("devnet", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out())
                .startsWith("Usage: tao devnet")
                .contains("--summary=FILE")
                .contains("--tempo=T")
                .doesNotContain("--json");
        Run bad = tao("devnet", "--tempp", "5");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip().split("\n")).hasSize(2);
        assertThat(bad.err()).startsWith("error: unknown option '--tempp' for 'tao devnet'; did you mean '--tempo'");
        Run value = tao("devnet", "--tempo", "1");
        assertThat(value.code()).isEqualTo(2);
        assertThat(value.err().strip())
                .isEqualTo("error: --tempo is 2..10000 blocks. Run 'tao devnet --help' for usage");
        Run json = tao("devnet", "--json");
        assertThat(json.code()).isEqualTo(2);
        assertThat(json.out()).contains("tao devnet has no --json").contains("--summary FILE");
    }
}
