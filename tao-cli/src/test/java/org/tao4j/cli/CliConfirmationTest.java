package org.tao4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The confirmation of transactions: without {@code -y} and without a terminal (as here: the test JVM
 * has no console) every transaction command refuses with exit 2 and submits nothing, even with "y" on
 * stdin; the fee and effects are still shown first. {@code -y} and {@code --no-prompt} submit.
 */
class CliConfirmationTest {

    static CliHarness cli;

    @RegisterExtension
    static final CliHarness.PerClass NODE = new CliHarness.PerClass(h -> cli = h);

    static String cold;
    static String hot;
    static int netuid;

    @BeforeAll
    static void start() throws Exception {
        JsonNode w = cli.createWallet("w", "h");
        cold = w.get("coldkey").asText();
        hot = w.get("hotkey_address").asText();
        cli.fund(cold, "100");
        cli.fund(hot, "1");
        netuid = cli.ok("subnet", "create", "--wallet", "w", "--hotkey", "h")
                .get("netuid")
                .asInt();
        cli.ok("stake", "add", "--wallet", "w", "--hotkey", "h", "--amount", "5");
        cli.ok("root", "register", "--wallet", "//Alice", "--hotkey", "//Bob");
        cli.ok("stake", "add", "--wallet", "//Alice", "--hotkey", "//Bob", "--amount", "10"); // a senator
    }

    static final String NEEDS_Y = "confirmation needed but there is no terminal: pass -y";

    @Test
    void everyTransactionNeedsYesWithoutATerminal() {
        assertNull(System.console(), "this test needs a JVM without a terminal");
        String n = String.valueOf(netuid);
        String bob =
                cli.ok("wallet", "balance", "--wallet", "//Bob").get("coldkey").asText();
        String alice = cli.ok("wallet", "balance", "--wallet", "//Alice")
                .get("coldkey")
                .asText();
        List<String[]> commands = List.of(
                new String[] {"wallet", "transfer", "--wallet", "w", "--dest", alice, "--amount", "1"},
                new String[] {"wallet", "transfer", "--wallet", "w", "--dest", alice, "--all"},
                new String[] {"stake", "add", "--wallet", "w", "--hotkey", "h", "--amount", "1"},
                new String[] {"stake", "remove", "--wallet", "w", "--hotkey", "h", "--all"},
                new String[] {"stake", "take", "set", "9", "--wallet", "w", "--hotkey", "h"},
                new String[] {"subnet", "create", "--wallet", "w", "--hotkey", "h"},
                new String[] {"subnet", "set-hyperparameter", n, "weights_set_rate_limit", "0", "--wallet", "w"},
                new String[] {"subnet", "register", n, "--wallet", "//Alice", "--hotkey", "//Charlie"},
                new String[] {"root", "register", "--wallet", "w", "--hotkey", "h"},
                new String[] {
                    "root",
                    "weights",
                    "set",
                    "--netuids",
                    n,
                    "--weights",
                    "1",
                    "--wallet",
                    "//Alice",
                    "--hotkey",
                    "//Bob"
                },
                new String[] {
                    "weights", "set", "--netuid", n, "--uids", "0", "--weights", "1", "--wallet", "w", "--hotkey", "h"
                },
                new String[] {
                    "axon",
                    "serve",
                    "--netuid",
                    n,
                    "--ip",
                    "203.0.113.5",
                    "--port",
                    "8091",
                    "--wallet",
                    "w",
                    "--hotkey",
                    "h"
                },
                new String[] {
                    "gov",
                    "propose",
                    "--netuid",
                    n,
                    "--param",
                    "tempo",
                    "--value",
                    "20",
                    "--wallet",
                    "//Alice",
                    "--hotkey",
                    "//Bob"
                },
                new String[] {"gov", "vote", "0", "--aye", "--wallet", "//Alice", "--hotkey", "//Bob"});
        long coldNonce = cli.nonce(cold);
        long hotNonce = cli.nonce(hot);
        long aliceNonce = cli.nonce(alice);
        long bobNonce = cli.nonce(bob);
        long free = cli.free(cold);
        InputStream stdin = System.in;
        try {
            // "y" typed on a pipe is not a terminal's answer
            System.setIn(new ByteArrayInputStream("y\ny\ny\n".getBytes(StandardCharsets.UTF_8)));
            for (String[] c : commands) {
                CliHarness.Run r = cli.run(true, false, c);
                assertEquals(2, r.code(), () -> String.join(" ", c) + " -> " + r.json());
                // gov vote checks first that the proposal is open (there is none here): refused either way
                String expected = c[0].equals("gov") && c[1].equals("vote") ? "no open proposal #0" : NEEDS_Y;
                assertTrue(r.message().contains(expected), () -> String.join(" ", c) + " -> " + r.json());
            }
        } finally {
            System.setIn(stdin);
        }
        assertEquals(coldNonce, cli.nonce(cold));
        assertEquals(hotNonce, cli.nonce(hot));
        assertEquals(aliceNonce, cli.nonce(alice));
        assertEquals(bobNonce, cli.nonce(bob));
        // the owner cut of the subnet keeps arriving; nothing was paid
        assertTrue(cli.free(cold) >= free);
        assertEquals(List.of(), cli.client().pendingExtrinsics());
        assertEquals(2, cli.ok("subnet", "list").get("subnets").size(), "root and one subnet: none created");
    }

    @Test
    void humanOutputShowsTheFeeThenOneErrorLine() {
        String alice = cli.ok("wallet", "balance", "--wallet", "//Alice")
                .get("coldkey")
                .asText();
        long nonce = cli.nonce(cold);
        CliHarness.Run r =
                cli.run(false, false, "wallet", "transfer", "--wallet", "w", "--dest", alice, "--amount", "1");
        assertEquals(2, r.code(), r::err);
        assertEquals("", r.out().strip(), "nothing on stdout");
        List<String> lines = r.err().strip().lines().toList();
        assertTrue(r.err().contains("fee:") && r.err().contains("effect: balance"), r::err);
        assertEquals("error: " + NEEDS_Y + " to submit without asking", lines.get(lines.size() - 1));
        assertEquals(1, lines.stream().filter(l -> l.startsWith("error:")).count(), r::err);
        assertFalse(r.err().contains("Submit?"), r::err);
        assertEquals(nonce, cli.nonce(cold));
    }

    @Test
    void yesAndNoPromptSubmit() {
        String alice = cli.ok("wallet", "balance", "--wallet", "//Alice")
                .get("coldkey")
                .asText();
        long nonce = cli.nonce(cold);
        CliHarness.Run y = cli.run(
                true, false, "wallet", "transfer", "--wallet", "w", "--dest", alice, "--amount", "1", "--no-prompt");
        assertEquals(0, y.code(), y::toString);
        CliHarness.Run q =
                cli.run(false, true, "wallet", "transfer", "--wallet", "w", "--dest", alice, "--amount", "1", "-q");
        assertEquals(0, q.code(), q::toString);
        assertEquals(nonce + 2, cli.nonce(cold));
        // reading needs no confirmation
        assertEquals(
                0, cli.run(true, false, "wallet", "balance", "--wallet", "w").code());
        assertEquals(
                0,
                cli.run(true, false, "stake", "take", "get", "--wallet", "w", "--hotkey", "h")
                        .code());
    }
}
