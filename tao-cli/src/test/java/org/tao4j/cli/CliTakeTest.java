package org.tao4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code tao stake take get|set} against a dev node: the 18% default and maximum, decreases at once,
 * one increase per {@code take_increase_rate_limit} (216,000 blocks), and input that is refused before
 * anything is submitted.
 */
class CliTakeTest {

    static CliHarness cli;

    @RegisterExtension
    static final CliHarness.PerClass NODE = new CliHarness.PerClass(h -> cli = h);

    static JsonNode take(String wallet) {
        return cli.ok("stake", "take", "get", "--wallet", wallet, "--hotkey", "d");
    }

    @Test
    void takeDecreaseIncreaseAndLimits() {
        JsonNode del = cli.createWallet("del", "d");
        String cold = del.get("coldkey").asText();
        String hot = del.get("hotkey_address").asText();
        cli.fund(cold, "50");
        // the hotkey becomes the coldkey's by joining root (no burn)
        cli.ok("root", "register", "--wallet", "del", "--hotkey", "d");

        // default and maximum: 18%
        JsonNode t = take("del");
        assertEquals(hot, t.get("hotkey").asText());
        assertEquals(180_000, t.get("take_ppm").asInt());
        assertEquals(18.0, t.get("take_percent").asDouble());
        assertEquals(
                180_000,
                cli.ok("stake", "take", "get", "--hotkey-address", hot)
                        .get("take_ppm")
                        .asInt());

        // refused before submitting: nothing is signed, the nonce stays
        long nonce = cli.nonce(cold);
        cli.fails(2, "between 0 and 18", "stake", "take", "set", "18.5", "--wallet", "del", "--hotkey", "d");
        cli.fails(2, "between 0 and 18", "stake", "take", "set", "100", "--wallet", "del", "--hotkey", "d");
        cli.fails(2, "not a number", "stake", "take", "set", "lots", "--wallet", "del", "--hotkey", "d");
        cli.fails(2, "not a number", "stake", "take", "set", "NaN", "--wallet", "del", "--hotkey", "d");
        cli.fails(2, "not a number", "stake", "take", "set", "Infinity", "--wallet", "del", "--hotkey", "d");
        cli.fails(2, "", "stake", "take", "set", "-1", "--wallet", "del", "--hotkey", "d");
        cli.fails(2, "already 18", "stake", "take", "set", "18.0", "--wallet", "del", "--hotkey", "d");
        cli.fails(2, "", "stake", "take", "set", "--wallet", "del", "--hotkey", "d");
        cli.fails(2, "no hotkey 'nope'", "stake", "take", "set", "9", "--wallet", "del", "--hotkey", "nope");
        cli.fails(2, "not a valid address", "stake", "take", "get", "--hotkey-address", "5Fnope");
        assertEquals(nonce, cli.nonce(cold));
        assertEquals(180_000, take("del").get("take_ppm").asInt());

        // decreases apply at once, any number of times
        JsonNode s = cli.ok("stake", "take", "set", "9", "--wallet", "del", "--hotkey", "d");
        assertEquals(90_000, s.get("take_ppm").asInt());
        assertEquals(hot, s.get("hotkey").asText());
        assertTrue(s.get("tx").get("events").toString().contains("TakeDecreased"), s::toString);
        assertEquals(90_000, take("del").get("take_ppm").asInt());
        assertEquals(
                45_000,
                cli.ok("stake", "take", "set", "4.5", "--wallet", "del", "--hotkey", "d")
                        .get("take_ppm")
                        .asInt());

        // the first increase is allowed (up to the maximum) ...
        JsonNode up = cli.ok("stake", "take", "set", "10", "--wallet", "del", "--hotkey", "d");
        assertEquals(100_000, up.get("take_ppm").asInt());
        assertTrue(up.get("tx").get("events").toString().contains("TakeIncreased"), up::toString);
        // ... a second one within 216,000 blocks is refused by the chain, with the wait in words
        String msg = cli.fails(
                1, "increased too recently", "stake", "take", "set", "12", "--wallet", "del", "--hotkey", "d");
        assertTrue(msg.contains("Try again in") && msg.contains("TakeRateLimited"), msg);
        assertEquals(
                "TakeRateLimited",
                cli.tao("stake", "take", "set", "12", "--wallet", "del", "--hotkey", "d")
                        .json()
                        .path("error")
                        .path("chain_error")
                        .asText());
        assertEquals(100_000, take("del").get("take_ppm").asInt());
        // decreasing is still allowed right after, and to zero
        assertEquals(
                0,
                cli.ok("stake", "take", "set", "0", "--wallet", "del", "--hotkey", "d")
                        .get("take_ppm")
                        .asInt());
        assertEquals(0.0, take("del").get("take_percent").asDouble());

        // the delegates view shows the take once the hotkey holds stake
        cli.ok("stake", "add", "--wallet", "del", "--hotkey", "d", "--amount", "5");
        boolean seen = false;
        for (JsonNode d : cli.ok("stake", "delegates").get("delegates")) {
            if (d.get("hotkey").asText().equals(hot)) {
                assertEquals(0, d.get("take_ppm").asInt());
                seen = true;
            }
        }
        assertTrue(seen);
    }

    @Test
    void onlyTheOwnerColdkeySetsTheTake() {
        JsonNode b = cli.createWallet("stranger", "d");
        String cold = b.get("coldkey").asText();
        cli.fund(cold, "10");
        long nonce = cli.nonce(cold);
        // a hotkey that is registered nowhere has no owner, so no take to set
        cli.fails(2, "not registered", "stake", "take", "set", "5", "--wallet", "stranger", "--hotkey", "d");
        assertEquals(nonce, cli.nonce(cold));

        // //Alice's hotkey //Charlie, set by //Bob: refused before submitting
        cli.ok("root", "register", "--wallet", "//Alice", "--hotkey", "//Charlie");
        String bob =
                cli.ok("wallet", "balance", "--wallet", "//Bob").get("coldkey").asText();
        long bobNonce = cli.nonce(bob);
        cli.fails(2, "owned by", "stake", "take", "set", "5", "--wallet", "//Bob", "--hotkey", "//Charlie");
        assertEquals(bobNonce, cli.nonce(bob));
        assertEquals(
                50_000,
                cli.ok("stake", "take", "set", "5", "--wallet", "//Alice", "--hotkey", "//Charlie")
                        .get("take_ppm")
                        .asInt());
    }
}
