package org.tao4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code tao wallet regen-coldkey|regen-hotkey --mnemonic-file} against a dev node: the words shown
 * once by {@code wallet create} restore the same addresses in another wallet, whose keys then sign a
 * transfer the chain accepts; mistyped words, bad checksums, wrong lengths and existing keys are
 * refused with one line and exit 2.
 */
class CliWalletRegenTest {

    static CliHarness cli;

    @RegisterExtension
    static final CliHarness.PerClass NODE = new CliHarness.PerClass(h -> cli = h);

    static final Pattern WORD = Pattern.compile("\\d+\\. ([a-z]+)");

    /** The mnemonic panels of {@code wallet create} (human output): [coldkey words, hotkey words]. */
    static List<List<String>> panels(String out) {
        List<List<String>> p = new ArrayList<>();
        List<String> cur = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("┌")) {
                cur = new ArrayList<>();
                p.add(cur);
            } else if (line.startsWith("│") && cur != null) {
                Matcher m = WORD.matcher(line);
                while (m.find()) {
                    cur.add(m.group(1));
                }
            }
        }
        return p;
    }

    static Path words(String name, String text) throws Exception {
        Path f = cli.dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    static String[] regen(String what, String wallet, Path file, String... more) {
        List<String> a = new ArrayList<>(
                List.of("wallet", "regen-" + what, "--wallet", wallet, "--mnemonic-file", file.toString()));
        a.addAll(List.of(CliHarness.KDF));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void theShownWordsRestoreTheKeys() throws Exception {
        CliHarness.Run created = cli.run(
                false,
                true,
                CliHarness.cat(new String[] {"wallet", "create", "--wallet", "orig", "--hotkey", "h"}, CliHarness.KDF));
        assertEquals(0, created.code(), created::err);
        List<List<String>> p = panels(created.out());
        assertEquals(2, p.size(), created::out);
        List<String> coldWords = p.get(0);
        List<String> hotWords = p.get(1);
        assertEquals(12, coldWords.size(), created::out);
        assertEquals(12, hotWords.size(), created::out);
        JsonNode orig = null;
        for (JsonNode w : cli.ok("wallet", "list").get("wallets")) {
            if (w.get("wallet").asText().equals("orig")) {
                orig = w;
            }
        }
        String cold = orig.get("coldkey").asText();
        String hot = orig.get("hotkeys").get(0).get("address").asText();
        assertTrue(created.out().contains("controls " + cold), created::out);

        // restored from a file: any white space and case, Windows line ends
        Path cf = words("cold.txt", String.join("\r\n", coldWords).toUpperCase(java.util.Locale.ROOT) + "\r\n");
        Path hf = words("hot.txt", "  " + String.join("   ", hotWords) + "\n\n");
        CliHarness.Run rc = cli.tao(regen("coldkey", "restored", cf));
        assertEquals(0, rc.code(), rc::toString);
        assertEquals(cold, rc.json().get("coldkey").asText());
        JsonNode rh = cli.ok(regen("hotkey", "restored", hf, "--hotkey", "h"));
        assertEquals(hot, rh.get("hotkey_address").asText());
        // the words never appear in the output
        for (String w : coldWords) {
            assertFalse(
                    rc.json().toString().contains("\"" + w + "\"") || rc.err().contains(" " + w + " "), w);
        }

        // the restored coldkey signs for the original address: a transfer and a message
        cli.fund(cold, "10");
        String alice = cli.ok("wallet", "balance", "--wallet", "//Alice")
                .get("coldkey")
                .asText();
        JsonNode t = cli.ok("wallet", "transfer", "--wallet", "restored", "--dest", alice, "--amount", "2");
        assertEquals(cold, t.get("from").asText());
        assertTrue(cli.free(cold) < 8_000_000_000L);
        String sig = cli.ok("wallet", "sign", "--wallet", "restored", "--message", "hello")
                .get("signature")
                .asText();
        assertTrue(cli.ok("wallet", "verify", "--address", cold, "--message", "hello", "--signature", sig)
                .get("valid")
                .asBoolean());
        String hsig = cli.ok(
                        "wallet", "sign", "--wallet", "restored", "--hotkey", "h", "--use-hotkey", "--message", "hello")
                .get("signature")
                .asText();
        assertTrue(cli.ok("wallet", "verify", "--address", hot, "--message", "hello", "--signature", hsig)
                .get("valid")
                .asBoolean());

        // a hotkey alone, on a machine without the coldkey
        assertEquals(
                hot,
                cli.ok(regen("hotkey", "minerbox", hf, "--hotkey", "h"))
                        .get("hotkey_address")
                        .asText());

        // existing keys are not replaced without --overwrite
        JsonNode other = cli.createWallet("other", "h");
        String msg = cli.fails(2, "already has", regen("coldkey", "other", cf));
        assertTrue(msg.contains("--overwrite"), msg);
        assertEquals(
                other.get("coldkey").asText(),
                cli.ok("wallet", "balance", "--wallet", "other").get("coldkey").asText());
        cli.fails(2, "--overwrite", regen("hotkey", "other", hf, "--hotkey", "h"));
        assertEquals(
                cold,
                cli.ok(regen("coldkey", "other", cf, "--overwrite"))
                        .get("coldkey")
                        .asText());
        assertEquals(
                cold,
                cli.ok("wallet", "balance", "--wallet", "other").get("coldkey").asText());
    }

    @Test
    void badMnemonicsAreOneLineErrors() throws Exception {
        // the BIP39 test phrase: eleven "abandon" and "about" is valid; twelve "abandon" is not
        String valid = "abandon ".repeat(11) + "about";
        JsonNode ok = cli.ok(regen("coldkey", "vector", words("v.txt", valid)));
        assertTrue(ok.get("coldkey").asText().startsWith("5"));

        cli.fails(2, "checksum", regen("coldkey", "bad1", words("b1.txt", "abandon ".repeat(12))));
        // two valid list words swapped
        cli.fails(2, "checksum", regen("coldkey", "bad2", words("b2.txt", "about " + "abandon ".repeat(11))));
        cli.fails(
                2,
                "word 3 \"notaword\" is not in the BIP39 English list",
                regen(
                        "coldkey",
                        "bad3",
                        words("b3.txt", "abandon abandon notaword " + "abandon ".repeat(8) + "about")));
        cli.fails(
                2,
                "did you mean \"abandon\"",
                regen("hotkey", "bad4", words("b4.txt", "abandn " + "abandon ".repeat(10) + "about"), "--hotkey", "h"));
        cli.fails(2, "this one has 11", regen("coldkey", "bad5", words("b5.txt", "abandon ".repeat(10) + "about")));
        cli.fails(2, "empty", regen("coldkey", "bad6", words("b6.txt", " \n")));
        cli.fails(2, "cannot read mnemonic file", regen("coldkey", "bad7", cli.dir.resolve("missing.txt")));
        cli.fails(2, "no terminal", "wallet", "regen-coldkey", "--wallet", "bad8");
        cli.fails(2, "dev URI", regen("coldkey", "//Alice", words("v2.txt", valid)));
        // nothing was written for the refused ones
        for (JsonNode w : cli.ok("wallet", "list").get("wallets")) {
            assertFalse(w.get("wallet").asText().startsWith("bad"), w::toString);
        }
    }
}
