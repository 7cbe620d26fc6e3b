package org.tao4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tao4j.core.account.AccountId;

/**
 * {@code tao wallet swap-hotkey}, {@code tao wallet swap-coldkey announce|execute|dispute|status},
 * {@code tao proxy add|remove|list} and {@code --proxy-for} against a dev node (docs/keys-and-proxies.md).
 */
class CliKeysTest {

    static CliHarness cli;

    @RegisterExtension
    static final CliHarness.PerClass NODE = new CliHarness.PerClass(h -> cli = h);

    @Test
    void swapHotkeyMovesTheRootSeatAndTheStake() throws Exception {
        JsonNode w = cli.createWallet("sw", "k1");
        String cold = w.get("coldkey").asText();
        String k1 = w.get("hotkey_address").asText();
        cli.fund(cold, "50");
        cli.ok("root", "register", "--wallet", "sw", "--hotkey", "k1");
        cli.ok("stake", "add", "--wallet", "sw", "--hotkey", "k1", "--amount", "10");
        JsonNode k2w = cli.ok(CliHarness.cat(
                new String[] {"wallet", "new-hotkey", "--wallet", "sw", "--hotkey", "k2"}, CliHarness.KDF));
        String k2 = k2w.get("hotkey_address").asText();

        cli.ok(CliHarness.cat(
                new String[] {"wallet", "new-hotkey", "--wallet", "sw", "--hotkey", "busy"}, CliHarness.KDF));
        cli.ok("root", "register", "--wallet", "sw", "--hotkey", "busy");
        // refused before submitting
        long nonce = cli.nonce(cold);
        cli.fails(2, "same key", "wallet", "swap-hotkey", "--wallet", "sw", "--hotkey", "k1", "--new-hotkey", "k1");
        cli.fails(
                2,
                "neither a hotkey",
                "wallet",
                "swap-hotkey",
                "--wallet",
                "sw",
                "--hotkey",
                "k1",
                "--new-hotkey",
                "nope");
        cli.fails(
                2,
                "already in use",
                "wallet",
                "swap-hotkey",
                "--wallet",
                "sw",
                "--hotkey",
                "k1",
                "--new-hotkey",
                "busy");
        assertEquals(nonce, cli.nonce(cold));

        JsonNode r = cli.ok("wallet", "swap-hotkey", "--wallet", "sw", "--hotkey", "k1", "--new-hotkey", "k2");
        assertEquals(k1, r.get("old_hotkey").asText());
        String newHk = r.get("new_hotkey").asText();
        assertEquals(k2, newHk);
        assertEquals(10_000_000_000L, r.get("stake").asLong());
        assertEquals("[0]", r.get("netuids").toString());
        assertTrue(r.get("tx").get("events").toString().contains("HotkeySwapped"), r::toString);
        assertEquals(
                10_000_000_000L,
                cli.client().stakeForHotkey(AccountId.fromSs58(newHk)).total());
        assertEquals(0, cli.client().stakeForHotkey(AccountId.fromSs58(k1)).total());
        // the old hotkey is no longer the coldkey's (the chain's rate limit is tested in KeySafetyTest: 10 dev blocks
        // pass within one CLI run here)
        cli.fails(
                2,
                "not registered anywhere",
                "wallet",
                "swap-hotkey",
                "--wallet",
                "sw",
                "--hotkey",
                "k1",
                "--new-hotkey",
                "//Ferdie");
        cli.ok(CliHarness.cat(
                new String[] {"wallet", "new-hotkey", "--wallet", "sw", "--hotkey", "k3"}, CliHarness.KDF));
        cli.waitBlocks(11);
        JsonNode again = cli.ok("wallet", "swap-hotkey", "--wallet", "sw", "--hotkey", "k2", "--new-hotkey", "k3");
        assertEquals(10_000_000_000L, again.get("stake").asLong());
        // human output
        CliHarness.Run help = cli.run(false, true, "wallet", "swap-hotkey", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--new-hotkey"));
    }

    @Test
    void proxyAddListUseAndRemove() {
        JsonNode real = cli.createWallet("real", "rh");
        JsonNode dele = cli.createWallet("dele", "dh");
        String realCold = real.get("coldkey").asText();
        String deleCold = dele.get("coldkey").asText();
        cli.fund(realCold, "100");
        cli.fund(deleCold, "5");
        cli.ok("root", "register", "--wallet", "real", "--hotkey", "rh");
        String rh = real.get("hotkey_address").asText();

        cli.fails(2, "not a proxy type", "proxy", "add", "--wallet", "real", "--delegate", deleCold, "--type", "root");
        cli.fails(2, "its own proxy", "proxy", "add", "--wallet", "real", "--delegate", realCold, "--type", "Any");
        JsonNode a = cli.ok("proxy", "add", "--wallet", "real", "--delegate", deleCold, "--type", "staking");
        assertEquals("Staking", a.get("type").asText());
        assertTrue(a.get("tx").get("events").toString().contains("ProxyAdded"), a::toString);
        cli.fails(1, "DuplicateProxy", "proxy", "add", "--wallet", "real", "--delegate", deleCold, "--type", "Staking");

        JsonNode l = cli.ok("proxy", "list", "--wallet", "real");
        assertEquals(1, l.get("proxies").size());
        assertEquals(deleCold, l.get("proxies").get(0).get("delegate").asText());
        assertEquals(l, cli.ok("proxy", "list", "--address", realCold));
        CliHarness.Run human = cli.run(false, true, "proxy", "list", "--address", realCold);
        assertTrue(human.out().contains("Staking"), human::out);

        // the delegate stakes the real account's TAO
        long deleFree = cli.free(deleCold);
        JsonNode s = cli.ok(
                "stake", "add", "--wallet", "dele", "--proxy-for", realCold, "--hotkey-address", rh, "--amount", "7");
        assertEquals(7_000_000_000L, s.get("stake").asLong());
        assertTrue(s.get("tx").get("events").toString().contains("ProxyExecuted"), s::toString);
        assertTrue(
                cli.free(deleCold) < deleFree && cli.free(deleCold) > deleFree - 1_000_000_000L,
                "delegate paid only a fee");
        assertEquals(
                7_000_000_000L,
                cli.client().stakeForHotkey(AccountId.fromSs58(rh)).total());
        // outside the type: the chain's clear error
        cli.fails(
                1,
                "not allowed by Staking",
                "wallet",
                "transfer",
                "--wallet",
                "dele",
                "--proxy-for",
                realCold,
                "--dest",
                deleCold,
                "--amount",
                "1");
        cli.fails(
                1,
                "NotProxy",
                "stake",
                "add",
                "--wallet",
                "//Bob",
                "--proxy-for",
                realCold,
                "--hotkey-address",
                rh,
                "--amount",
                "1");

        cli.fails(2, "either --delegate", "proxy", "remove", "--wallet", "real");
        JsonNode rm = cli.ok("proxy", "remove", "--wallet", "real", "--delegate", deleCold, "--type", "Staking");
        assertEquals(0, rm.get("left").asInt());
        cli.fails(
                1,
                "NotProxy",
                "stake",
                "add",
                "--wallet",
                "dele",
                "--proxy-for",
                realCold,
                "--hotkey-address",
                rh,
                "--amount",
                "1");
        cli.fails(1, "ProxyNotFound", "proxy", "remove", "--wallet", "real", "--all");
    }

    @Test
    void coldkeySwapAnnounceStatusExecuteAndDispute() throws Exception {
        JsonNode w = cli.createWallet("old", "oh");
        JsonNode fresh = cli.createWallet("fresh", "fh");
        String cold = w.get("coldkey").asText();
        String next = fresh.get("coldkey").asText();
        cli.fund(cold, "30");
        cli.ok("root", "register", "--wallet", "old", "--hotkey", "oh");

        JsonNode st = cli.ok("wallet", "swap-coldkey", "status", "--wallet", "old");
        assertFalse(st.get("pending").asBoolean());
        cli.fails(
                2,
                "no swap is announced",
                "wallet",
                "swap-coldkey",
                "execute",
                "--wallet",
                "old",
                "--new-coldkey",
                next);
        JsonNode an = cli.ok("wallet", "swap-coldkey", "announce", "--wallet", "old", "--new-coldkey", next);
        assertTrue(an.get("pending").asBoolean());
        long at = an.get("executable_at").asLong();
        assertEquals(an.get("announced_at").asLong() + an.get("delay").asLong(), at);
        JsonNode early = cli.tao("wallet", "swap-coldkey", "execute", "--wallet", "old", "--new-coldkey", next)
                .json();
        if (cli.head() + 1 < at) {
            assertTrue(early.path("error").path("message").asText().contains("executes from block"), early::toString);
        }
        cli.waitUntil(at);
        cli.fails(
                2,
                "not the announced coldkey",
                "wallet",
                "swap-coldkey",
                "execute",
                "--wallet",
                "old",
                "--new-coldkey",
                cold);
        JsonNode ex = cli.ok("wallet", "swap-coldkey", "execute", "--wallet", "old", "--new-coldkey", next);
        assertEquals(next, ex.get("new_coldkey").asText());
        assertTrue(ex.get("balance").asLong() > 29_000_000_000L, ex::toString);
        assertEquals(
                next,
                cli.client()
                        .stakeForHotkey(
                                AccountId.fromSs58(w.get("hotkey_address").asText()))
                        .owner()
                        .toSs58());

        // the new coldkey disputes its own fresh announcement: frozen
        cli.ok("wallet", "swap-coldkey", "announce", "--wallet", "fresh", "--new-coldkey", cold);
        JsonNode d = cli.ok("wallet", "swap-coldkey", "dispute", "--wallet", "fresh");
        assertTrue(d.get("disputed").asBoolean());
        cli.fails(2, "frozen", "wallet", "swap-coldkey", "execute", "--wallet", "fresh", "--new-coldkey", cold);
        CliHarness.Run human = cli.run(false, true, "wallet", "swap-coldkey", "status", "--address", next);
        assertTrue(human.out().contains("FROZEN"), human::out);
    }

    @Test
    void subnetCommitAndCommitments() throws Exception {
        int n = cli.ok("subnet", "create", "--wallet", "//Alice", "--hotkey", "//Dave")
                .get("netuid")
                .asInt();
        String net = Integer.toString(n);
        cli.fails(2, "either --data", "subnet", "commit", net, "--wallet", "//Alice", "--hotkey", "//Dave");
        cli.fails(
                2,
                "at most 1024",
                "subnet",
                "commit",
                net,
                "--wallet",
                "//Alice",
                "--hotkey",
                "//Dave",
                "--data",
                "x".repeat(1025));
        cli.fails(
                2,
                "no subnet 999",
                "subnet",
                "commit",
                "999",
                "--wallet",
                "//Alice",
                "--hotkey",
                "//Dave",
                "--data",
                "x");
        JsonNode c =
                cli.ok("subnet", "commit", net, "--wallet", "//Alice", "--hotkey", "//Dave", "--data", "sha256:00ff");
        assertEquals(11, c.get("length").asInt());
        assertTrue(c.get("tx").get("events").toString().contains("Committed"), c::toString);
        java.nio.file.Path f = cli.dir.resolve("model.bin");
        java.nio.file.Files.write(f, new byte[] {(byte) 0xff, 0, 1});
        cli.fails(
                1,
                "CommitmentRateLimited",
                "subnet",
                "commit",
                net,
                "--wallet",
                "//Alice",
                "--hotkey",
                "//Dave",
                "--data-file",
                f.toString());
        cli.fails(
                1, "NotRegistered", "subnet", "commit", net, "--wallet", "//Alice", "--hotkey", "//Eve", "--data", "x");

        JsonNode l = cli.ok("subnet", "commitments", net);
        assertEquals(1, l.get("commitments").size());
        JsonNode e = l.get("commitments").get(0);
        assertEquals(0, e.get("uid").asInt());
        assertEquals("sha256:00ff", e.get("text").asText());
        assertTrue(e.get("block").asLong() > 0);
        CliHarness.Run human = cli.run(false, true, "subnet", "commitments", net);
        assertTrue(human.out().contains("sha256:00ff"), human::out);

        cli.waitBlocks(11);
        cli.ok("subnet", "commit", net, "--wallet", "//Alice", "--hotkey", "//Dave", "--data-file", f.toString());
        JsonNode bin = cli.ok("subnet", "commitments", net).get("commitments").get(0);
        assertEquals("0xff0001", bin.get("data").asText());
        assertTrue(bin.get("text").isNull(), bin::toString);
    }

    @Test
    void walletSetIdentityShowsTheChangeAndClears() throws Exception {
        JsonNode w = cli.createWallet("idw", "ih");
        String cold = w.get("coldkey").asText();
        cli.fund(cold, "5");
        long nonce = cli.nonce(cold);
        cli.fails(2, "at least one of --name", "wallet", "set-identity", "--wallet", "idw");
        cli.fails(2, "no identity to clear", "wallet", "set-identity", "--wallet", "idw", "--clear");
        cli.fails(
                2,
                "name is 65 bytes; at most 64",
                "wallet",
                "set-identity",
                "--wallet",
                "idw",
                "--name",
                "n".repeat(65));
        cli.fails(2, "control character", "wallet", "set-identity", "--wallet", "idw", "--name", "two\nlines");
        assertEquals(nonce, cli.nonce(cold));

        JsonNode r = cli.ok("wallet", "set-identity", "--wallet", "idw", "--name", "Idw Labs ✓", "--github", "idw/x");
        assertEquals(cold, r.get("address").asText());
        assertEquals("Idw Labs ✓", r.get("identity").get("name").asText());
        assertEquals("idw/x", r.get("identity").get("github").asText());
        assertEquals(100_000_000L, r.get("cost").asLong());
        assertTrue(r.get("tx").get("events").toString().contains("IdentitySet"), r::toString);
        assertEquals(
                "Idw Labs ✓", cli.client().identity(AccountId.fromSs58(cold)).name());

        // a field not given keeps its value; the effect lines show what changes before submitting
        CliHarness.Run human =
                cli.run(false, true, "wallet", "set-identity", "--wallet", "idw", "--url", "https://idw.example");
        assertEquals(0, human.code(), human::err);
        assertTrue(human.err().contains("url: (none) → 'https://idw.example'"), human::err);
        assertTrue(human.err().contains("identity fee τ0.100000000 (recycled)"), human::err);
        assertFalse(human.err().contains("name:"), human::err);
        var now = cli.client().identity(AccountId.fromSs58(cold));
        assertEquals("Idw Labs ✓", now.name());
        assertEquals("https://idw.example", now.url());

        JsonNode c = cli.ok("wallet", "set-identity", "--wallet", "idw", "--clear");
        assertTrue(c.get("identity").isNull(), c::toString);
        assertEquals(0, c.get("cost").asLong());
        assertTrue(c.get("tx").get("events").toString().contains("IdentityCleared"), c::toString);
        assertEquals(null, cli.client().identity(AccountId.fromSs58(cold)));
    }

    @Test
    void subnetSetIdentityAndNamesInListAndMetagraph() throws Exception {
        int n = cli.ok("subnet", "create", "--wallet", "//Alice", "--hotkey", "//Charlie")
                .get("netuid")
                .asInt();
        String net = Integer.toString(n);
        cli.fails(2, "is owned by", "subnet", "set-identity", net, "--wallet", "//Bob", "--name", "mine");
        cli.fails(2, "root network", "subnet", "set-identity", "0", "--wallet", "//Alice", "--name", "root");
        cli.fails(2, "no subnet 999", "subnet", "set-identity", "999", "--wallet", "//Alice", "--name", "x");

        JsonNode r = cli.ok(
                "subnet",
                "set-identity",
                net,
                "--wallet",
                "//Alice",
                "--name",
                "Prompting",
                "--description",
                "text in, text out");
        assertEquals(n, r.get("netuid").asInt());
        assertEquals("Prompting", r.get("identity").get("name").asText());
        assertTrue(r.get("tx").get("events").toString().contains("SubnetIdentitySet"), r::toString);
        cli.ok("wallet", "set-identity", "--wallet", "//Alice", "--name", "Alice");

        JsonNode list = cli.ok("subnet", "list");
        boolean seen = false;
        for (JsonNode s : list.get("subnets")) {
            if (s.get("netuid").asInt() == n) {
                assertEquals("Prompting", s.get("name").asText());
                seen = true;
            }
        }
        assertTrue(seen, list::toString);
        CliHarness.Run human = cli.run(false, true, "subnet", "list");
        assertTrue(human.out().contains("Prompting"), human::out);

        JsonNode mg = cli.ok("subnet", "metagraph", net);
        assertEquals("Prompting", mg.get("name").asText());
        assertEquals("Alice", mg.get("neurons").get(0).get("name").asText());
        CliHarness.Run mh = cli.run(false, true, "subnet", "metagraph", net);
        assertTrue(mh.out().contains("Alice"), mh::out);
        assertTrue(mh.err().contains("(Prompting)") || mh.out().contains("(Prompting)"), mh::err);

        JsonNode c = cli.ok("subnet", "set-identity", net, "--wallet", "//Alice", "--clear");
        assertTrue(c.get("identity").isNull(), c::toString);
        assertTrue(cli.ok("subnet", "metagraph", net).get("name").isNull());
    }

    @Test
    void aDelayedProxyCallIsAnnouncedThenMade() throws Exception {
        JsonNode real = cli.createWallet("dreal", "drh");
        JsonNode dele = cli.createWallet("ddele", "ddh");
        String realCold = real.get("coldkey").asText();
        String deleCold = dele.get("coldkey").asText();
        String dest = cli.createWallet("ddest", "x").get("coldkey").asText();
        cli.fund(realCold, "20");
        cli.fund(deleCold, "5");
        cli.ok("proxy", "add", "--wallet", "dreal", "--delegate", deleCold, "--type", "Any", "--delay", "3");
        String[] transfer = {
            "wallet", "transfer", "--wallet", "ddele", "--proxy-for", realCold, "--dest", dest, "--amount", "1"
        };

        cli.fails(
                2,
                "give --proxy-for",
                "wallet",
                "transfer",
                "--wallet",
                "ddele",
                "--dest",
                dest,
                "--amount",
                "1",
                "--announce");
        // without the announcement the chain refuses the delayed proxy
        cli.fails(1, "ProxyNotAnnounced", transfer);

        JsonNode a = cli.ok(CliHarness.cat(transfer, "--announce"));
        assertEquals(realCold, a.get("real").asText());
        assertEquals(deleCold, a.get("delegate").asText());
        assertEquals("Transfer", a.get("call").asText());
        assertEquals(3, a.get("delay").asLong());
        assertEquals(a.get("block").asLong() + 3, a.get("executable_at").asLong());
        String expected = org.tao4j.core.crypto.Hex.toHex(org.tao4j.runtime.keys.Proxies.callHash(
                new org.tao4j.runtime.tx.Call.Transfer(AccountId.fromSs58(dest), 1_000_000_000L)));
        assertEquals(expected, a.get("call_hash").asText());
        assertTrue(a.get("tx").get("events").toString().contains("ProxyAnnounced"), a::toString);
        assertEquals(0, cli.free(dest));
        JsonNode l = cli.ok("proxy", "list", "--address", deleCold);
        assertEquals(expected, l.get("announcements").get(0).get("call_hash").asText());

        cli.waitUntil(a.get("executable_at").asLong());
        cli.ok(transfer);
        assertEquals(1_000_000_000L, cli.free(dest));
        // the announcement was consumed
        assertEquals(
                0,
                cli.ok("proxy", "list", "--address", deleCold)
                        .get("announcements")
                        .size());
        // a proxy without a delay needs no announcement, and --announce says so before signing
        cli.ok("proxy", "add", "--wallet", "dreal", "--delegate", deleCold, "--type", "Staking");
        cli.ok("proxy", "remove", "--wallet", "dreal", "--delegate", deleCold, "--type", "Any");
        cli.fails(2, "no proxy for", CliHarness.cat(transfer, "--announce"));
    }
}
