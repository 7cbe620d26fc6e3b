package org.tao4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code tao stake move|transfer|remove --all-hotkeys} against a dev node: the effect shown before
 * confirming, --json output, refusals before anything is signed, and the chain's events.
 */
class CliStakeMobilityTest {

    static CliHarness cli;

    @RegisterExtension
    static final CliHarness.PerClass NODE = new CliHarness.PerClass(h -> cli = h);

    static final long TAO = 1_000_000_000L;

    @Test
    void moveTransferAndUnstakeEverything() {
        JsonNode owner = cli.createWallet("owner", "v");
        String v = owner.get("hotkey_address").asText();
        cli.fund(owner.get("coldkey").asText(), "100");
        // hotkeys that join root only: no subnet pays them, so the stakes below are exact
        cli.ok("root", "register", "--wallet", "owner", "--hotkey", "v");
        JsonNode mover = cli.createWallet("mover", "a");
        String cold = mover.get("coldkey").asText();
        String a = mover.get("hotkey_address").asText();
        cli.fund(cold, "100");
        cli.ok("root", "register", "--wallet", "mover", "--hotkey", "a");
        cli.ok("stake", "add", "--wallet", "mover", "--hotkey", "a", "--amount", "20");

        // without -y and without a terminal: the effect is shown, then nothing is submitted
        long nonce = cli.nonce(cold);
        CliHarness.Run shown = cli.run(
                false,
                false,
                "stake",
                "move",
                "--wallet",
                "mover",
                "--hotkey",
                "a",
                "--dest-hotkey-address",
                v,
                "--amount",
                "5");
        assertEquals(2, shown.code(), shown::err);
        String fmt20 = Tao.format(20 * TAO);
        String fmt15 = Tao.format(15 * TAO);
        assertTrue(
                shown.err().contains("effect: stake on " + a + " " + fmt20 + " → " + fmt15),
                () -> "out: " + shown.out() + " err: " + shown.err());
        assertTrue(shown.err().contains("effect: stake on " + v), shown::err);
        assertEquals(nonce, cli.nonce(cold));

        long free = cli.free(cold);
        JsonNode m = cli.ok(
                "stake", "move", "--wallet", "mover", "--hotkey", "a", "--dest-hotkey-address", v, "--amount", "5");
        assertEquals(15 * TAO, m.get("from_stake").asLong());
        assertEquals(5 * TAO, m.get("to_stake").asLong());
        assertEquals(5 * TAO, m.get("amount").asLong());
        assertTrue(m.get("tx").get("events").toString().contains("StakeMoved"), m::toString);
        assertEquals(
                free - m.get("tx").get("fee").asLong(), cli.free(cold), "one fee, no round trip through the balance");

        // refused before signing
        nonce = cli.nonce(cold);
        cli.fails(
                2,
                "cannot move",
                "stake",
                "move",
                "--wallet",
                "mover",
                "--hotkey",
                "a",
                "--dest-hotkey-address",
                v,
                "--amount",
                "16");
        cli.fails(
                2,
                "is the origin hotkey",
                "stake",
                "move",
                "--wallet",
                "mover",
                "--hotkey",
                "a",
                "--dest-hotkey-address",
                a,
                "--amount",
                "1");
        String nobody = cli.createWallet("nobody", "n").get("hotkey_address").asText();
        cli.fails(
                2,
                "not registered anywhere",
                "stake",
                "move",
                "--wallet",
                "mover",
                "--hotkey",
                "a",
                "--dest-hotkey-address",
                nobody,
                "--amount",
                "1");
        cli.fails(
                2,
                "not a valid address",
                "stake",
                "move",
                "--wallet",
                "mover",
                "--hotkey",
                "a",
                "--dest-hotkey-address",
                "5Fnope",
                "--amount",
                "1");
        cli.fails(
                2,
                "either --amount",
                "stake",
                "move",
                "--wallet",
                "mover",
                "--hotkey",
                "a",
                "--dest-hotkey-address",
                v);
        assertEquals(nonce, cli.nonce(cold));

        // transfer: the stake on v changes owner
        String ownerCold = owner.get("coldkey").asText();
        JsonNode t = cli.ok(
                "stake", "transfer", "--wallet", "mover", "--hotkey-address", v, "--dest", ownerCold, "--amount", "2");
        assertEquals(3 * TAO, t.get("stake").asLong());
        assertEquals(2 * TAO, t.get("dest_stake").asLong());
        assertTrue(t.get("tx").get("events").toString().contains("StakeTransferred"), t::toString);
        nonce = cli.nonce(cold);
        cli.fails(
                2,
                "your own coldkey",
                "stake",
                "transfer",
                "--wallet",
                "mover",
                "--hotkey-address",
                v,
                "--dest",
                cold,
                "--amount",
                "1");
        cli.fails(
                2,
                "cannot transfer",
                "stake",
                "transfer",
                "--wallet",
                "mover",
                "--hotkey-address",
                v,
                "--dest",
                ownerCold,
                "--amount",
                "4");
        assertEquals(nonce, cli.nonce(cold));

        // everything, on every hotkey, in one transaction: 15 TAO on a and 3 TAO on v
        free = cli.free(cold);
        JsonNode all = cli.ok("stake", "remove", "--all-hotkeys", "--wallet", "mover");
        assertEquals(0, all.get("stake").asLong());
        assertEquals(18 * TAO, all.get("amount").asLong(), all::toString);
        assertEquals(free + 18 * TAO - all.get("tx").get("fee").asLong(), cli.free(cold));
        assertTrue(all.get("tx").get("events").toString().contains("StakeRemoved"), all::toString);
        assertEquals(
                0, cli.ok("stake", "list", "--wallet", "mover").get("total").asLong());
        cli.fails(2, "no stake on any hotkey", "stake", "remove", "--all-hotkeys", "--wallet", "mover");
        cli.fails(2, "takes no --amount", "stake", "remove", "--all-hotkeys", "--amount", "1", "--wallet", "mover");
    }
}
