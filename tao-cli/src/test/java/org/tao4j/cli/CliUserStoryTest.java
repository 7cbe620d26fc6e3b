package org.tao4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.account.AccountId;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;

/**
 * The user story of docs/first-ten-minutes.md against an in-process {@code tao node --dev}: wallets,
 * funding from //Alice, a subnet, registration, stake, weights, the metagraph after an epoch,
 * unstake and transfer; then bad input. Every step parses the {@code --json} output.
 */
class CliUserStoryTest {

    static Node node;
    static String url;

    @TempDir
    static Path dir;

    record Run(int code, JsonNode json, String err) {}

    @BeforeAll
    static void start() throws Exception {
        node = Node.start(NodeConfig.forDev()
                .withTmp(true)
                .withRpc(0, false)
                .withMetricsPort(-1)
                .withBlockTime(Duration.ofMillis(100))
                .withSyncWrites(false));
        url = "ws://127.0.0.1:" + node.rpcPort();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    static Run tao(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of(args));
        if (!a.contains("--network")) {
            a.addAll(List.of("--network", url));
        }
        a.addAll(List.of(
                "--json",
                "-y",
                "--wallet-path",
                dir.resolve("wallets").toString(),
                "--config",
                dir.resolve("config.yaml").toString(),
                "--password-file",
                dir.resolve("pw").toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TaoCli.execute(a.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        String o = out.toString().strip();
        JsonNode j = Ctx.JSON.readTree(o); // exactly one JSON document
        return new Run(code, j, err.toString());
    }

    static JsonNode ok(String... args) throws Exception {
        Run r = tao(args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + " -> " + r.json() + " " + r.err());
        return r.json();
    }

    static void fails(int code, String fragment, String... args) throws Exception {
        Run r = tao(args);
        assertEquals(code, r.code(), () -> String.join(" ", args) + " -> " + r.json());
        String msg = r.json().path("error").path("message").asText();
        assertEquals(code, r.json().path("error").path("code").asInt());
        assertTrue(msg.contains(fragment), () -> "'" + msg + "' lacks '" + fragment + "'");
    }

    /** Waits until the head is {@code n} blocks further; fails (instead of hanging) after a generous 2 minutes. */
    static void waitBlocks(int n) throws Exception {
        long start = ok("chain", "status").get("head").asLong();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long head;
        while ((head = ok("chain", "status").get("head").asLong()) < start + n) {
            assertTrue(
                    System.nanoTime() < deadline,
                    () -> "the node made no " + n + " blocks from #" + start + " within 2 minutes");
            Thread.sleep(100);
        }
    }

    /** The account's nonce on chain, read from the node's head state. */
    static long nonceOf(String ss58) {
        return node.chain().headState().account(AccountId.fromSs58(ss58)).nonce();
    }

    static final String[] KDF = {"--kdf-memory", "64", "--kdf-iterations", "1"};

    static String[] cat(String[] a, String[] b) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray(String[]::new);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void userStory() throws Exception {
        Files.writeString(dir.resolve("pw"), "correct horse battery staple\n");
        // 1. wallets
        JsonNode owner = ok(cat(new String[] {"wallet", "create", "--wallet", "owner"}, KDF));
        JsonNode miner = ok(cat(new String[] {"wallet", "create", "--wallet", "miner", "--hotkey", "m1"}, KDF));
        String ownerCold = owner.get("coldkey").asText();
        String minerCold = miner.get("coldkey").asText();
        assertTrue(ownerCold.startsWith("5"));
        JsonNode list = ok("wallet", "list");
        assertEquals(2, list.get("wallets").size());

        // 2. fund from //Alice
        JsonNode t = ok("wallet", "transfer", "--wallet", "//Alice", "--dest", ownerCold, "--amount", "5000");
        assertEquals(5_000_000_000_000L, t.get("amount").asLong());
        assertTrue(t.get("tx").get("block").asLong() > 0);
        ok("wallet", "transfer", "--wallet", "//Alice", "--dest", minerCold, "--amount", "100");
        // the hotkey signs (and pays the fee of) weights
        ok(
                "wallet",
                "transfer",
                "--wallet",
                "//Alice",
                "--dest",
                owner.get("hotkey_address").asText(),
                "--amount",
                "1");
        JsonNode bal = ok("wallet", "balance", "--wallet", "owner");
        assertEquals(5_000_000_000_000L, bal.get("free").asLong());

        // 3. subnet
        long lock = ok("subnet", "lock-cost").get("lock_cost").asLong();
        JsonNode sn = ok("subnet", "create", "--wallet", "owner");
        int netuid = sn.get("netuid").asInt();
        assertTrue(netuid > 0);
        assertEquals(lock, sn.get("lock").asLong());
        ok("subnet", "set-hyperparameter", String.valueOf(netuid), "weights_set_rate_limit", "0", "--wallet", "owner");
        assertEquals(
                0,
                ok("subnet", "hyperparameters", String.valueOf(netuid))
                        .get("weights_set_rate_limit")
                        .asLong());

        // 4. register the miner's hotkey
        long burn =
                ok("subnet", "burn-cost", String.valueOf(netuid)).get("burn").asLong();
        JsonNode reg = ok("subnet", "register", String.valueOf(netuid), "--wallet", "miner", "--hotkey", "m1");
        assertEquals(1, reg.get("uid").asInt());
        assertTrue(reg.get("burn").asLong() > 0 && reg.get("burn").asLong() <= burn, reg::toString);

        // 5. stake on the owner's hotkey (uid 0)
        JsonNode st = ok("stake", "add", "--wallet", "owner", "--amount", "100");
        assertEquals(100_000_000_000L, st.get("stake").asLong());
        assertTrue(ok("stake", "list", "--wallet", "owner").get("total").asLong() >= 100_000_000_000L);
        waitBlocks(12); // an epoch: the staked hotkey gets a validator permit

        // 6. weights: the owner validator scores the miner
        JsonNode w = ok(
                "weights",
                "set",
                "--netuid",
                String.valueOf(netuid),
                "--uids",
                "1",
                "--weights",
                "1",
                "--wallet",
                "owner");
        assertEquals(false, w.get("committed").asBoolean());

        // 7. the metagraph after an epoch
        waitBlocks(12);
        JsonNode mg = ok("subnet", "metagraph", String.valueOf(netuid), "--sort", "incentive");
        JsonNode top = mg.get("neurons").get(0);
        assertEquals(1, top.get("uid").asInt());
        assertTrue(top.get("incentive").asDouble() > 0, mg::toString);
        JsonNode ov = ok("wallet", "overview", "--wallet", "miner");
        assertEquals(netuid, ov.get("registrations").get(0).get("netuid").asInt());
        assertTrue(ov.get("registrations").get(0).get("emission").asLong() > 0, ov::toString);

        // 8. unstake and transfer
        JsonNode un = ok("stake", "remove", "--wallet", "owner", "--all");
        assertEquals(0, un.get("stake").asLong());
        JsonNode tr = ok("wallet", "transfer", "--wallet", "miner", "--dest", ownerCold, "--amount", "1.5");
        assertEquals(1_500_000_000L, tr.get("amount").asLong());

        // chain views
        JsonNode status = ok("chain", "status");
        assertTrue(status.get("total_issuance").asLong() > 0);
        long b = tr.get("tx").get("block").asLong();
        JsonNode ev = ok("chain", "events", String.valueOf(b));
        assertTrue(ev.get("events").toString().contains("Transfer"));
        assertEquals(b, ok("chain", "block", String.valueOf(b)).get("number").asLong());
        assertTrue(ok("subnet", "list").get("subnets").size() >= 2);

        // bad input: message + exit code, nothing submitted
        long nonce = nonceOf(minerCold);
        assertTrue(nonce > 0, "the miner has signed transactions, so its nonce has moved");
        long before = ok("wallet", "balance", "--wallet", "miner").get("free").asLong();
        fails(2, "not a valid address", "wallet", "transfer", "--wallet", "miner", "--dest", "5Fbad", "--amount", "1");
        fails(2, "negative", "wallet", "transfer", "--wallet", "miner", "--dest", ownerCold, "--amount", "-1");
        fails(2, "not a number", "wallet", "transfer", "--wallet", "miner", "--dest", ownerCold, "--amount", "lots");
        fails(
                2,
                "more than the free balance",
                "wallet",
                "transfer",
                "--wallet",
                "miner",
                "--dest",
                ownerCold,
                "--amount",
                "1000000");
        fails(2, "no subnet 999", "subnet", "register", "999", "--wallet", "miner", "--hotkey", "m1");
        fails(2, "no wallet 'ghost'", "wallet", "balance", "--wallet", "ghost");
        assertEquals(
                before, ok("wallet", "balance", "--wallet", "miner").get("free").asLong());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run r = tao("chain", "status", "--network", "ws://127.0.0.1:" + port);
        assertEquals(3, r.code(), r.json()::toString);
        assertTrue(r.json().get("error").get("message").asText().contains("cannot reach"));
        assertEquals(nonce, nonceOf(minerCold), "a refused command submits nothing: the nonce is unchanged");
    }
}
