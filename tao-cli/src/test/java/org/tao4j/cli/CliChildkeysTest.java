package org.tao4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code tao stake child set|get|revoke|take} against a dev node (cooldown 10 blocks; the rate limits, 5
 * and 10 blocks of 100 ms here, are tested in the runtime's ChildkeysTest, where time does not run): the pending list, its effect after the cooldown, parents, revocation, the
 * childkey take, and refusals before anything is signed.
 */
class CliChildkeysTest {

    static CliHarness cli;

    @RegisterExtension
    static final CliHarness.PerClass NODE = new CliHarness.PerClass(h -> cli = h);

    @Test
    void setGetRevokeAndTake() throws Exception {
        JsonNode owner = cli.createWallet("owner", "v");
        String cold = owner.get("coldkey").asText();
        String v = owner.get("hotkey_address").asText();
        cli.fund(cold, "100");
        int netuid = cli.ok("subnet", "create", "--wallet", "owner", "--hotkey", "v")
                .get("netuid")
                .asInt();
        String n = String.valueOf(netuid);
        cli.ok("stake", "add", "--wallet", "owner", "--hotkey", "v", "--amount", "40");
        JsonNode kid = cli.createWallet("kid", "c");
        String c = kid.get("hotkey_address").asText();
        cli.fund(kid.get("coldkey").asText(), "20");
        cli.ok("subnet", "register", n, "--wallet", "kid", "--hotkey", "c");

        // refused before signing
        long nonce = cli.nonce(cold);
        cli.fails(
                2,
                "own child",
                "stake",
                "child",
                "set",
                "--wallet",
                "owner",
                "--hotkey",
                "v",
                "--netuid",
                n,
                "--child",
                v + "=0.5");
        cli.fails(
                2,
                "above 0 and at most 1",
                "stake",
                "child",
                "set",
                "--wallet",
                "owner",
                "--hotkey",
                "v",
                "--netuid",
                n,
                "--child",
                c + "=1.5");
        cli.fails(
                2,
                "not a number",
                "stake",
                "child",
                "set",
                "--wallet",
                "owner",
                "--hotkey",
                "v",
                "--netuid",
                n,
                "--child",
                c + "=lots");
        cli.fails(
                2,
                "not ss58=proportion",
                "stake",
                "child",
                "set",
                "--wallet",
                "owner",
                "--hotkey",
                "v",
                "--netuid",
                n,
                "--child",
                c);
        cli.fails(
                2,
                "root network",
                "stake",
                "child",
                "set",
                "--wallet",
                "owner",
                "--hotkey",
                "v",
                "--netuid",
                "0",
                "--child",
                c + "=0.5");
        cli.fails(
                2,
                "no subnet 99",
                "stake",
                "child",
                "set",
                "--wallet",
                "owner",
                "--hotkey",
                "v",
                "--netuid",
                "99",
                "--child",
                c + "=0.5");
        cli.fails(
                2,
                "not registered anywhere",
                "stake",
                "child",
                "set",
                "--wallet",
                "//Bob",
                "--hotkey",
                "//Dave",
                "--netuid",
                n,
                "--child",
                c + "=0.5");
        assertEquals(nonce, cli.nonce(cold));

        JsonNode set = cli.ok(
                "stake", "child", "set", "--wallet", "owner", "--hotkey", "v", "--netuid", n, "--child", c + "=0.25");
        long at = set.get("effective_block").asLong();
        assertTrue(at > 0, set::toString);
        assertTrue(set.get("tx").get("events").toString().contains("ChildrenPending"), set::toString);
        JsonNode g = cli.ok("stake", "child", "get", "--netuid", n, "--hotkey-address", v);
        assertEquals(0, g.get("children").size());
        assertEquals(at, g.get("pending").get("effective_block").asLong());
        assertEquals(c, g.get("pending").get("children").get(0).get("child").asText());
        assertEquals(
                250_000,
                g.get("pending").get("children").get(0).get("proportion_ppm").asLong());
        cli.waitUntil(at);
        g = cli.ok("stake", "child", "get", "--netuid", n, "--hotkey-address", v);
        assertTrue(g.get("pending").isNull(), g::toString);
        JsonNode child = g.get("children").get(0);
        assertEquals(c, child.get("child").asText());
        long lent = child.get("stake").asLong();
        assertTrue(lent > 0, g::toString);
        JsonNode cg = cli.ok("stake", "child", "get", "--netuid", n, "--hotkey-address", c);
        assertEquals(v, cg.get("parents").get(0).get("parent").asText());
        assertTrue(cg.get("subnet_stake").asLong() >= lent, cg::toString);
        // the RPC reads through the client library, and their errors
        org.tao4j.core.account.AccountId vid = org.tao4j.core.account.AccountId.fromSs58(v);
        assertEquals(1, cli.client().children(vid, netuid).children().size());
        assertEquals(
                vid,
                cli.client()
                        .parents(org.tao4j.core.account.AccountId.fromSs58(c), netuid)
                        .parents()
                        .get(0)
                        .parent());
        org.tao4j.client.RpcException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.tao4j.client.RpcException.class, () -> cli.client().children(vid, 99));
        assertTrue(e.getMessage().contains("subnet 99 does not exist"), e::getMessage);
        org.junit.jupiter.api.Assertions.assertThrows(
                org.tao4j.client.RpcException.class, () -> cli.client().call("tao_getParents", "5Fnope", netuid));
        org.junit.jupiter.api.Assertions.assertThrows(
                org.tao4j.client.RpcException.class, () -> cli.client().call("tao_getChildren", v, 70_000));
        // the human form
        CliHarness.Run human = cli.run(false, true, "stake", "child", "get", "--netuid", n, "--hotkey-address", c);
        assertEquals(0, human.code());
        assertTrue(human.out().contains("parent") && human.out().contains(v), human::out);

        // the childkey take: shown, set, limited
        assertEquals(
                0,
                cli.ok("stake", "child", "take", "--wallet", "kid", "--hotkey", "c", "--netuid", n)
                        .get("take_ppm")
                        .asInt());
        JsonNode tk = cli.ok("stake", "child", "take", "10", "--wallet", "kid", "--hotkey", "c", "--netuid", n);
        assertEquals(100_000, tk.get("take_ppm").asInt());
        assertTrue(tk.get("tx").get("events").toString().contains("ChildkeyTakeSet"), tk::toString);
        cli.fails(
                2,
                "between 0 and 18",
                "stake",
                "child",
                "take",
                "19",
                "--wallet",
                "kid",
                "--hotkey",
                "c",
                "--netuid",
                n);
        assertEquals(
                100_000,
                cli.ok("stake", "child", "get", "--netuid", n, "--hotkey-address", c)
                        .get("childkey_take_ppm")
                        .asInt());

        // revoke: pending, then in effect
        JsonNode r = cli.ok("stake", "child", "revoke", "--wallet", "owner", "--hotkey", "v", "--netuid", n);
        cli.waitUntil(r.get("effective_block").asLong());
        g = cli.ok("stake", "child", "get", "--netuid", n, "--hotkey-address", v);
        assertEquals(0, g.get("children").size(), g::toString);
        assertEquals(
                0,
                cli.ok("stake", "child", "get", "--netuid", n, "--hotkey-address", c)
                        .get("parents")
                        .size());
    }
}
