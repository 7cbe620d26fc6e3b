package org.tao4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tao4j.client.TxOutcome;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.H256;
import org.tao4j.wallet.KeyDerivation;

/**
 * {@code tao access open|top-up|channels|close} (docs/access.md "On chain") against a dev node: the gateway is
 * //Ferdie, the owner hotkey of a subnet //Alice creates; it claims a voucher through the client library in
 * between, as a gateway would; the client closes after the claim deadline and gets the rest back.
 */
class CliAccessTest {

    static final long TAO = 1_000_000_000L;
    static CliHarness cli;

    @RegisterExtension
    static final CliHarness.PerClass NODE = new CliHarness.PerClass(h -> cli = h);

    @Test
    void openTopUpListClaimAndCloseWithRefusalsBeforeSubmitting() throws Exception {
        int netuid = cli.ok("subnet", "create", "--wallet", "//Alice", "--hotkey", "//Ferdie")
                .get("netuid")
                .asInt();
        String n = String.valueOf(netuid);
        Ed25519.KeyPair ferdie = KeyDerivation.fromSuri("//Ferdie").keyPair();
        String gateway = AccountId.of(ferdie.publicKey()).toSs58();
        JsonNode w = cli.createWallet("client", "h");
        String client = w.get("coldkey").asText();
        cli.fund(client, "20");

        // refused before anything is submitted: the nonce does not move
        long nonce = cli.nonce(client);
        String[] open = {"access", "open", "--wallet", "client", "--gateway", gateway, "--netuid", n};
        cli.fails(2, "not", CliHarness.cat(new String[] {
            "access",
            "open",
            "--wallet",
            "client",
            "--gateway",
            "nope",
            "--netuid",
            n,
            "--deposit",
            "1",
            "--blocks",
            "5"
        }));
        cli.fails(2, "free balance", CliHarness.cat(open, "--deposit", "1000", "--blocks", "5"));
        cli.fails(2, "--deposit", CliHarness.cat(open, "--deposit", "0", "--blocks", "5"));
        cli.fails(2, "--blocks", CliHarness.cat(open, "--deposit", "1", "--blocks", "0"));
        cli.fails(2, "root", CliHarness.cat(new String[] {
            "access",
            "open",
            "--wallet",
            "client",
            "--gateway",
            gateway,
            "--netuid",
            "0",
            "--deposit",
            "1",
            "--blocks",
            "5"
        }));
        cli.fails(2, "channel id", "access", "close", "--wallet", "client", "--channel", "0x12");
        cli.fails(2, "no channel", "access", "close", "--wallet", "client", "--channel", H256.ZERO.toHex());

        // a gateway that is not registered on the subnet (the chain would refuse it: GatewayNotRegistered)
        String stranger = w.get("hotkey_address").asText();
        cli.fails(
                2,
                "not registered",
                "access",
                "open",
                "--wallet",
                "client",
                "--gateway",
                stranger,
                "--netuid",
                n,
                "--deposit",
                "1",
                "--blocks",
                "5");

        long free0 = cli.free(client);
        JsonNode o = cli.ok(CliHarness.cat(open, "--deposit", "2", "--blocks", "150"));
        JsonNode ch = o.get("channel");
        String id = ch.get("id").asText();
        assertEquals(2 * TAO, ch.get("deposit").asLong());
        assertEquals(client, ch.get("client").asText());
        assertEquals(gateway, ch.get("gateway").asText());
        assertEquals(
                AccountId.of(KeyDerivation.fromSuri("//Alice").keyPair().publicKey())
                        .toSs58(),
                ch.get("gatewayColdkey").asText());
        long fees = o.get("tx").get("fee").asLong();
        assertEquals(free0 - 2 * TAO - fees, cli.free(client));

        JsonNode t =
                cli.ok("access", "top-up", "--wallet", "client", "--channel", id, "--amount", "1", "--blocks", "200");
        assertEquals(3 * TAO, t.get("channel").get("deposit").asLong());
        fees += t.get("tx").get("fee").asLong();
        long expires = t.get("channel").get("expiresAt").asLong();
        assertTrue(expires > ch.get("expiresAt").asLong());
        cli.fails(2, "nothing to do", "access", "top-up", "--wallet", "client", "--channel", id);
        cli.fails(2, "--amount", "access", "top-up", "--wallet", "client", "--channel", id, "--amount", "0");

        JsonNode list = cli.ok("access", "channels", "--wallet", "client");
        assertEquals(1, list.get("channels").size());
        assertEquals("client", list.get("channels").get(0).get("role").asText());
        JsonNode asGateway = cli.ok("access", "channels", "--wallet", "client", "--address", gateway);
        assertEquals("gateway", asGateway.get("channels").get(0).get("role").asText());
        CliHarness.Run table = cli.run(false, true, "access", "channels", "--wallet", "client");
        assertEquals(0, table.code());
        assertTrue(table.out().contains(id), table.out());

        // the gateway claims a voucher for 1.25 TAO (the client library, as the gateway does)
        H256 channel = H256.fromHex(id);
        byte[] sig =
                cli.client().signVoucher(KeyDerivation.fromSuri("//nobody").keyPair(), channel, TAO); // someone else's
        TxOutcome bad = cli.client()
                .claimChannel(ferdie, channel, TAO, sig)
                .submitAndWatch()
                .await(java.time.Duration.ofSeconds(60));
        assertEquals("BadVoucherSignature", ((TxOutcome.Finalized) bad).error());
        // the client's wallet key signs the real voucher
        Ed25519.KeyPair clientKey = walletKey();
        sig = cli.client().signVoucher(clientKey, channel, 5 * TAO / 4);
        TxOutcome good = cli.client()
                .claimChannel(ferdie, channel, 5 * TAO / 4, sig)
                .submitAndWatch()
                .await(java.time.Duration.ofSeconds(60));
        assertTrue(good.isSuccess(), good::toString);
        assertEquals(5 * TAO / 4, cli.client().channel(channel).orElseThrow().claimed());

        // close: refused until after the claim deadline, then refunds the rest
        cli.fails(2, "can be closed after block", "access", "close", "--wallet", "client", "--channel", id);
        long deadline = cli.client().channel(channel).orElseThrow().claimDeadline();
        cli.waitUntil(deadline + 1);
        JsonNode c = cli.ok("access", "close", "--wallet", "client", "--channel", id);
        assertEquals(3 * TAO - 5 * TAO / 4, c.get("refund").asLong());
        assertTrue(c.get("channel").get("closed").asBoolean());
        fees += c.get("tx").get("fee").asLong();
        assertEquals(free0 - fees - 5 * TAO / 4, cli.free(client));
        cli.fails(2, "already closed", "access", "close", "--wallet", "client", "--channel", id);
        assertEquals(
                "closed",
                cli.ok("access", "channels", "--wallet", "client")
                        .get("channels")
                        .get(0)
                        .get("state")
                        .asText());
    }

    /** The "client" wallet's coldkey, decrypted with the harness's password. */
    static Ed25519.KeyPair walletKey() throws Exception {
        return org.tao4j.wallet.WalletStore.at(cli.wallets())
                .wallet("client")
                .unlockColdkey("correct horse battery staple".toCharArray())
                .keyPair();
    }
}
