package org.tao4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tao4j.client.TxOutcome;
import org.tao4j.runtime.neurons.WeightSetting;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Hyperparameter;
import org.tao4j.wallet.KeyDerivation;

/**
 * The commit-reveal weights flow of {@code tao weights set|commit|reveal --pending} against a dev node:
 * a subnet with {@code commit_reveal_enabled} (tempo 30, reveal period 1 epoch), its owner's validator
 * hotkey {@code v} and a miner hotkey {@code m1} in the same wallet. Set commits and saves the salt;
 * reveal waits for the commit's epoch, reveals, deletes the file; expired commits do not block others.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliCommitRevealTest {

    static final int TEMPO = 30;

    static CliHarness cli;

    @RegisterExtension
    static final CliHarness.PerClass NODE = new CliHarness.PerClass(h -> cli = h);

    static int netuid;
    static String n;
    static Path commits;

    @BeforeAll
    static void start() throws Exception {
        JsonNode owner = cli.createWallet("owner", "v");
        cli.ok(CliHarness.cat(
                new String[] {"wallet", "new-hotkey", "--wallet", "owner", "--hotkey", "m1"}, CliHarness.KDF));
        cli.fund(owner.get("coldkey").asText(), "100");
        cli.fund(owner.get("hotkey_address").asText(), "1"); // hotkeys sign and pay for weights
        netuid = cli.ok("subnet", "create", "--wallet", "owner", "--hotkey", "v")
                .get("netuid")
                .asInt();
        n = String.valueOf(netuid);
        JsonNode reg = cli.ok("subnet", "register", n, "--wallet", "owner", "--hotkey", "m1");
        assertEquals(1, reg.get("uid").asInt());
        cli.fund(hotkeyAddress("m1"), "1");
        cli.ok("stake", "add", "--wallet", "owner", "--hotkey", "v", "--amount", "20");
        // the owner switches commit-reveal on
        JsonNode h = cli.ok("subnet", "set-hyperparameter", n, "commit_reveal_enabled", "true", "--wallet", "owner");
        assertEquals(1, h.get("value").asLong());
        // setup through the dev chain's sudo key: no weights rate limit, and 3 s epochs so that a
        // reveal window (one epoch) is wide enough for a loaded machine
        sudo(Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 0);
        sudo(Hyperparameter.TEMPO, TEMPO);
        JsonNode hp = cli.ok("subnet", "hyperparameters", n);
        assertTrue(
                hp.get("commit_reveal_enabled").asBoolean()
                        || hp.get("commit_reveal_enabled").asInt() == 1,
                hp::toString);
        assertEquals(1, hp.get("reveal_period_epochs").asInt());
        commits = cli.wallets().resolve("owner").resolve("commits");
        // the validator permit comes with the next epoch
        waitForEpochStart();
        cli.waitBlocks(1);
    }

    static String hotkeyAddress(String name) {
        for (JsonNode hk : cli.ok("wallet", "list").get("wallets").get(0).get("hotkeys")) {
            if (hk.get("name").asText().equals(name)) {
                return hk.get("address").asText();
            }
        }
        throw new AssertionError("no hotkey " + name);
    }

    static void sudo(Hyperparameter p, long value) {
        var alice = KeyDerivation.fromSuri("//Alice").keyPair();
        var x = cli.client()
                .tx(alice, new Call.Sudo(new Call.SetSubnetParameter(netuid, p, value)))
                .sign();
        TxOutcome o = cli.client().submitAndWatch(x).await(Duration.ofSeconds(30));
        assertTrue(
                o instanceof TxOutcome.Finalized f
                        && f.success()
                        && f.events().toString().contains("HyperparameterSet"),
                o::toString);
    }

    static long epoch(long block) {
        return WeightSetting.epochIndex(block, netuid, TEMPO);
    }

    /** Waits for the first block of the next epoch: the most room before the reveal window opens. */
    static void waitForEpochStart() throws InterruptedException {
        long next = WeightSetting.firstBlockOfEpoch(epoch(cli.head()) + 1, netuid, TEMPO);
        cli.waitUntil(next);
    }

    static JsonNode reveal(String hotkey) {
        return cli.ok("weights", "reveal", "--pending", "--wallet", "owner", "--hotkey", hotkey);
    }

    static List<Path> files() throws Exception {
        if (!Files.isDirectory(commits)) {
            return List.of();
        }
        try (var s = Files.list(commits)) {
            return s.sorted().toList();
        }
    }

    @Test
    @Order(1)
    void setCommitsThenRevealsInItsEpoch() throws Exception {
        waitForEpochStart();
        JsonNode c = cli.ok(
                "weights", "set", "--netuid", n, "--uids", "1", "--weights", "1", "--wallet", "owner", "--hotkey", "v");
        assertTrue(c.get("committed").asBoolean(), c::toString);
        long block = c.get("tx").get("block").asLong();
        long revealAt = c.get("reveal_block").asLong();
        assertEquals(epoch(block) + 1, epoch(revealAt));
        assertEquals(revealAt, WeightSetting.firstBlockOfEpoch(epoch(revealAt), netuid, TEMPO));
        Path file = Path.of(c.get("commit_file").asText());
        assertEquals(List.of(file), files());
        JsonNode saved = Ctx.JSON.readTree(file.toFile());
        assertEquals(hotkeyAddress("v"), saved.get("hotkey").asText());
        assertEquals(netuid, saved.get("netuid").asInt());
        assertEquals("[1]", saved.get("uids").toString());
        assertEquals("[65535]", saved.get("values").toString());
        assertTrue(saved.get("salt").asText().matches("0x[0-9a-f]{64}"), saved::toString);
        assertTrue(c.get("tx").get("events").toString().contains("WeightsCommitted"), c::toString);

        // before its epoch: nothing is submitted, the commit waits
        long nonce = cli.nonce(hotkeyAddress("v"));
        JsonNode early = reveal("v");
        assertEquals(0, early.get("revealed").size(), early::toString);
        assertEquals(file.getFileName().toString(), early.get("waiting").get(0).asText());
        assertEquals(nonce, cli.nonce(hotkeyAddress("v")));
        assertTrue(Files.exists(file));

        // a reveal the chain finds too early (the file claims a commit an epoch earlier): refused, file kept
        String original = Files.readString(file);
        Files.writeString(
                file,
                ((ObjectNode) saved.deepCopy()).put("block", block - TEMPO - 1).toPrettyString());
        String msg = cli.fails(
                1, "cannot be revealed yet", "weights", "reveal", "--pending", "--wallet", "owner", "--hotkey", "v");
        assertTrue(msg.contains("RevealTooEarly"), msg);
        assertTrue(Files.exists(file));
        Files.writeString(file, original);

        // in its epoch: revealed and forgotten
        cli.waitUntil(revealAt);
        JsonNode r = reveal("v");
        assertEquals(1, r.get("revealed").size(), r::toString);
        long at = r.get("revealed").get(0).get("block").asLong();
        assertEquals(epoch(revealAt), epoch(at));
        assertEquals(netuid, r.get("revealed").get(0).get("netuid").asInt());
        assertEquals(0, r.get("waiting").size());
        assertFalse(Files.exists(file));
        assertTrue(cli.ok("chain", "events", String.valueOf(at))
                .get("events")
                .toString()
                .contains("WeightsRevealed"));
        assertEquals(0, reveal("v").get("revealed").size());

        // the revealed weights count at the next epoch: the miner earns incentive
        cli.waitUntil(WeightSetting.firstBlockOfEpoch(epoch(at) + 1, netuid, TEMPO) + 1);
        JsonNode mg = cli.ok("subnet", "metagraph", n, "--sort", "incentive");
        assertEquals(1, mg.get("neurons").get(0).get("uid").asInt(), mg::toString);
        assertTrue(mg.get("neurons").get(0).get("incentive").asDouble() > 0, mg::toString);
    }

    @Test
    @Order(2)
    void revealsOnlyTheSelectedHotkeysCommitsAndDropsExpiredOnes() throws Exception {
        waitForEpochStart();
        // an old commit of v that will expire, then one commit per hotkey (m1 weights only itself)
        JsonNode old = cli.ok(
                "weights",
                "commit",
                "--netuid",
                n,
                "--uids",
                "0,1",
                "--weights",
                "0.5,1",
                "--wallet",
                "owner",
                "--hotkey",
                "v");
        cli.waitUntil(
                WeightSetting.firstBlockOfEpoch(epoch(old.get("reveal_block").asLong()) + 1, netuid, TEMPO));
        JsonNode cv = cli.ok(
                "weights", "set", "--netuid", n, "--uids", "1", "--weights", "1", "--wallet", "owner", "--hotkey", "v");
        JsonNode cm = cli.ok(
                "weights",
                "set",
                "--netuid",
                n,
                "--uids",
                "1",
                "--weights",
                "1",
                "--wallet",
                "owner",
                "--hotkey",
                "m1");
        assertEquals(3, files().size());
        cli.waitUntil(cv.get("reveal_block").asLong());

        JsonNode r = reveal("v");
        assertEquals(1, r.get("revealed").size(), r::toString);
        assertEquals(1, r.get("expired").size(), r::toString);
        assertEquals(
                Path.of(old.get("commit_file").asText()).getFileName().toString(),
                r.get("expired").get(0).asText());
        assertFalse(Files.exists(Path.of(old.get("commit_file").asText())));
        assertFalse(Files.exists(Path.of(cv.get("commit_file").asText())));
        // m1's commit is left for m1
        assertEquals(List.of(Path.of(cm.get("commit_file").asText())), files());
        cli.waitUntil(cm.get("reveal_block").asLong());
        JsonNode rm = reveal("m1");
        assertEquals(1, rm.get("revealed").size(), rm::toString);
        assertEquals(List.of(), files());
    }

    @Test
    @Order(3)
    void badInputIsRefusedBeforeCommitting() throws Exception {
        String v = hotkeyAddress("v");
        long nonce = cli.nonce(v);
        String[] who = {"--wallet", "owner", "--hotkey", "v"};
        cli.fails(
                2,
                "2 uids but 1 weights",
                CliHarness.cat(new String[] {"weights", "set", "--netuid", n, "--uids", "0,1", "--weights", "1"}, who));
        cli.fails(
                2,
                "non-negative",
                CliHarness.cat(
                        new String[] {"weights", "set", "--netuid", n, "--uids", "1", "--weights", "-0.5"}, who));
        cli.fails(
                2,
                "greater than zero",
                CliHarness.cat(
                        new String[] {"weights", "set", "--netuid", n, "--uids", "0,1", "--weights", "0,0"}, who));
        cli.fails(
                2,
                "",
                CliHarness.cat(new String[] {"weights", "set", "--netuid", n, "--uids", "one", "--weights", "1"}, who));
        // the chain could not check these inside a commit's hash; the reveal would fail later
        cli.fails(
                2,
                "uid 5",
                CliHarness.cat(new String[] {"weights", "set", "--netuid", n, "--uids", "5", "--weights", "1"}, who));
        cli.fails(
                2,
                "more than once",
                CliHarness.cat(
                        new String[] {"weights", "commit", "--netuid", n, "--uids", "1,1", "--weights", "1,1"}, who));
        cli.fails(
                2,
                "no subnet 999",
                CliHarness.cat(
                        new String[] {"weights", "set", "--netuid", "999", "--uids", "1", "--weights", "1"}, who));
        cli.fails(2, "--pending", CliHarness.cat(new String[] {"weights", "reveal"}, who));
        assertEquals(nonce, cli.nonce(v));
        assertEquals(List.of(), files());

        // commit on a subnet without commit-reveal
        int other = cli.ok("subnet", "create", "--wallet", "//Alice", "--hotkey", "//Ferdie")
                .get("netuid")
                .asInt();
        cli.fails(
                2,
                "commit-reveal",
                CliHarness.cat(
                        new String[] {
                            "weights", "commit", "--netuid", String.valueOf(other), "--uids", "0", "--weights", "1"
                        },
                        who));
        assertEquals(nonce, cli.nonce(v));

        // a dev-URI wallet has no directory for the salt: refused before the commit, not after
        int bobUid = cli.ok("subnet", "register", n, "--wallet", "//Alice", "--hotkey", "//Bob")
                .get("uid")
                .asInt();
        String bob =
                cli.ok("wallet", "balance", "--wallet", "//Bob").get("coldkey").asText();
        long bobNonce = cli.nonce(bob);
        cli.fails(
                2,
                "dev URI",
                "weights",
                "set",
                "--netuid",
                n,
                "--uids",
                String.valueOf(bobUid),
                "--weights",
                "1",
                "--wallet",
                "//Alice",
                "--hotkey",
                "//Bob");
        assertEquals(bobNonce, cli.nonce(bob));

        // an unreadable file in the commits directory: one line, exit 2, nothing revealed
        Files.createDirectories(commits);
        Files.writeString(commits.resolve("junk.json"), "{not json");
        cli.fails(2, "junk.json", CliHarness.cat(new String[] {"weights", "reveal", "--pending"}, who));
        assertEquals(nonce, cli.nonce(v));
        Files.delete(commits.resolve("junk.json"));
    }
}
