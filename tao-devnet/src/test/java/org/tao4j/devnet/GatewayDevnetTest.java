package org.tao4j.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.client.TaoClient;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.access.AccessClient;
import org.tao4j.client.access.AccessException;
import org.tao4j.client.access.AccessLedger;
import org.tao4j.client.access.ChannelInfo;
import org.tao4j.client.access.VoucherHeader;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.H256;
import org.tao4j.gateway.Gateway;
import org.tao4j.gateway.GatewayConfig;
import org.tao4j.gateway.GatewayMain;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.runtime.channels.Voucher;
import org.tao4j.runtime.tx.Call;

/**
 * The paid-access path against a real dev node and real miners: a devnet of the forecast subnet (one
 * validator, three miners on loopback axons, every step a signed transaction), a gateway on the
 * validator's hotkey, and outside clients (funded accounts that are not neurons) paying with
 * vouchers. docs/access.md.
 */
class GatewayDevnetTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long TAO = 1_000_000_000L;
    static final long PRICE = 1_000_000;

    @TempDir
    static Path dir;

    static Devnet devnet;
    static TaoClient client;
    static Ed25519.KeyPair validatorHot;
    static AccountId validatorCold;
    static Ed25519.KeyPair minerHot;
    static int netuid;
    static final AtomicLong seeds = new AtomicLong(1);
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startDevnet() {
        devnet = Devnet.start(DevnetOptions.parse(
                "--headless",
                "--no-access",
                "--subnets",
                "forecast",
                "--commit-reveal",
                "none",
                "--validators",
                "1",
                "--miners",
                "3",
                "--tempo",
                "10",
                "--fresh",
                "--base-path",
                dir.resolve("devnet").toString(),
                "--rpc-port",
                "0",
                "--metrics-port",
                "-1"));
        client = devnet.client;
        Devnet.SubnetRun s = devnet.subnets().get(0);
        netuid = s.netuid();
        for (Devnet.Member m : s.members()) {
            if (m.role() == Devnet.Role.VALIDATOR) {
                validatorHot = m.hotkey();
                validatorCold = m.coldkeyId();
            } else if (m.role() == Devnet.Role.MINER && minerHot == null) {
                minerHot = m.hotkey();
            }
        }
    }

    @AfterAll
    static void stopDevnet() {
        if (devnet != null) {
            devnet.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A fresh outside account holding {@code tao} TAO: not a neuron, funded by //Alice. */
    static Ed25519.KeyPair outsider(long tao) {
        byte[] seed = new byte[32];
        long n = seeds.getAndIncrement();
        seed[0] = (byte) n;
        seed[1] = (byte) (n >> 8);
        seed[31] = 0x77;
        Ed25519.KeyPair k = Ed25519.KeyPair.fromSeed(seed);
        ok(client.tx(DevAccounts.keyPair("Alice"), new Call.Transfer(AccountId.of(k.publicKey()), tao * TAO))
                .submitAndWatch()
                .await(Duration.ofSeconds(60)));
        return k;
    }

    static TxOutcome.Finalized ok(TxOutcome o) {
        assertThat(o.isSuccess()).as(String.valueOf(o)).isTrue();
        return (TxOutcome.Finalized) o;
    }

    record Opened(H256 id, long fee) {}

    /** Opens the client's {@code counter}-th channel (0-based) to {@code gateway}. */
    static Opened open(Ed25519.KeyPair c, AccountId gateway, long deposit, long blocks, long counter) {
        long head = client.head().number();
        TxOutcome.Finalized f = ok(client.tx(c, new Call.OpenChannel(gateway, netuid, deposit, head + blocks))
                .submitAndWatch()
                .await(Duration.ofSeconds(60)));
        return new Opened(Voucher.channelId(AccountId.of(c.publicKey()), gateway, counter), f.fee());
    }

    static ChannelInfo channel(H256 id) {
        return ChannelInfo.fetch(client, id).orElseThrow();
    }

    static long free(AccountId a) {
        return client.balance(a).free();
    }

    static GatewayConfig config(Path data) {
        return GatewayConfig.defaults("forecast", netuid, data)
                .withHost("127.0.0.1")
                .withPort(0)
                .withPrice(PRICE)
                .withTopK(3)
                .withClaimThreshold(Long.MAX_VALUE / 4) // only explicit, deadline or startup claims
                .withClaimInterval(Duration.ofMillis(250));
    }

    static ObjectNode task(int n) {
        ObjectNode t = JSON.createObjectNode();
        var a = t.putArray("series");
        for (int i = 0; i < 48; i++) {
            a.add(100 + 10 * Math.sin((i + n) * Math.PI / 6));
        }
        t.put("horizon", 6);
        return t;
    }

    static byte[] genesis() {
        return client.genesisHash().bytes();
    }

    static HttpResponse<String> post(String url, String voucher, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/v1/query"))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (voucher != null) {
            b.header(VoucherHeader.NAME, voucher);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String voucher(Ed25519.KeyPair signer, H256 channel, long amount) {
        return new VoucherHeader(channel, amount, Voucher.sign(signer, genesis(), channel, amount)).format();
    }

    static void await(String what, Duration max, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void twoHundredPaidQueriesAndTheBalancesAddUpToTheRao() throws Exception {
        Ed25519.KeyPair c = outsider(100);
        AccountId cid = AccountId.of(c.publicKey());
        long deposit = 10 * TAO;
        long clientBefore = free(cid);
        long coldBefore = free(validatorCold);
        Opened ch = open(c, AccountId.of(validatorHot.publicKey()), deposit, 100_000, 0);
        assertThat(free(cid)).isEqualTo(clientBefore - deposit - ch.fee());

        try (Gateway g = Gateway.start(config(dir.resolve("g200")), validatorHot, client);
                AccessClient ac = new AccessClient(
                        URI.create(g.url()),
                        c,
                        genesis(),
                        new AccessLedger(dir.resolve("ledger200")),
                        Duration.ofSeconds(30),
                        3)) {
            JsonNode info = ac.info();
            assertThat(info.get("price_rao").asLong()).isEqualTo(PRICE);
            assertThat(info.get("miners")).hasSize(3);
            for (int i = 0; i < 200; i++) {
                AccessClient.Answer a = ac.query(ch.id(), task(i));
                assertThat(a.cost()).isEqualTo(PRICE);
                assertThat(a.body().at("/answer/forecast")).hasSize(6);
                assertThat(a.body().at("/receipt/total_paid_rao").asLong()).isEqualTo((i + 1) * PRICE);
                if (i == 0) {
                    JsonNode p = a.body().get("provenance");
                    assertThat(p.get("miners")).hasSize(3);
                    for (JsonNode m : p.get("miners")) {
                        assertThat(m.get("hotkey").asText()).startsWith("5");
                        assertThat(m.has("incentive")).isTrue();
                        assertThat(m.get("answered").asInt()).isEqualTo(1);
                        assertThat(m.get("latency_ms").asDouble()).isPositive();
                    }
                    assertThat(p.get("used")).isNotEmpty();
                }
            }
            assertThat(g.served()).isEqualTo(200);
            AccessLedger.Entry ledger = ac.ledger().get(ch.id());
            assertThat(ledger.paid()).isEqualTo(200 * PRICE);
            // the durable bound of what was signed: reserved at most 16 prices ahead
            assertThat(ledger.signed()).isBetween(200 * PRICE, 216 * PRICE);
            assertThat(channel(ch.id()).claimed())
                    .as("nothing claimed below the threshold")
                    .isZero();
            g.claimAll();
        }
        ChannelInfo after = channel(ch.id());
        assertThat(after.claimed()).isEqualTo(200 * PRICE);
        assertThat(after.deposit()).isEqualTo(deposit);
        // client: the deposit and the open fee left its free balance, nothing else
        assertThat(free(cid)).isEqualTo(clientBefore - deposit - ch.fee());
        // the gateway's coldkey got exactly what was claimed (claim fees are paid by the hotkey)
        assertThat(free(validatorCold) - coldBefore).isEqualTo(200 * PRICE);
        // the channel holds the rest: deposit = claimed + still locked
        assertThat(after.deposit() - after.claimed()).isEqualTo(deposit - 200 * PRICE);
    }

    @Test
    void bogusVouchersAreRefusedWith402AndNothingIsCharged() throws Exception {
        Ed25519.KeyPair c = outsider(20);
        Ed25519.KeyPair other = outsider(20);
        AccountId gw = AccountId.of(validatorHot.publicKey());
        long deposit = 5 * PRICE;
        Opened ch = open(c, gw, deposit, 100_000, 0);
        Opened toMiner = open(c, AccountId.of(minerHot.publicKey()), deposit, 100_000, 1);
        String body = task(1).toString();
        try (Gateway g = Gateway.start(config(dir.resolve("g402")), validatorHot, client)) {
            String url = g.url();
            // no voucher, a malformed one
            assertThat(code(post(url, null, body), 402)).isEqualTo("voucher_missing");
            assertThat(code(post(url, "nonsense", body), 402)).isEqualTo("voucher_malformed");
            // one good query
            String first = voucher(c, ch.id(), PRICE);
            assertThat(post(url, first, body).statusCode()).isEqualTo(200);
            // replayed, lower, and short of the price
            JsonNode replay = json(post(url, first, body), 402);
            assertThat(replay.get("error").asText()).isEqualTo("voucher_stale");
            assertThat(replay.get("last_accepted").asLong()).isEqualTo(PRICE);
            assertThat(replay.get("required_at_least").asLong()).isEqualTo(2 * PRICE);
            assertThat(replay.get("price_rao").asLong()).isEqualTo(PRICE);
            assertThat(code(post(url, voucher(c, ch.id(), PRICE / 2), body), 402))
                    .isEqualTo("voucher_stale");
            assertThat(code(post(url, voucher(c, ch.id(), 2 * PRICE - 1), body), 402))
                    .isEqualTo("voucher_stale");
            // another client's signature on this channel
            assertThat(code(post(url, voucher(other, ch.id(), 2 * PRICE), body), 402))
                    .isEqualTo("bad_signature");
            // a voucher on a channel to another gateway (a miner's hotkey)
            assertThat(code(post(url, voucher(c, toMiner.id(), PRICE), body), 402))
                    .isEqualTo("wrong_gateway");
            // an unknown channel
            H256 unknown = Voucher.channelId(AccountId.of(c.publicKey()), gw, 99);
            assertThat(code(post(url, voucher(c, unknown, PRICE), body), 402)).isEqualTo("channel_unknown");
            // overspend: more than the deposit
            assertThat(code(post(url, voucher(c, ch.id(), deposit + PRICE), body), 402))
                    .isEqualTo("over_deposit");
            // a bad input is 400 and not charged either
            assertThat(post(url, voucher(c, ch.id(), 2 * PRICE), "{\"series\":[]}")
                            .statusCode())
                    .isEqualTo(400);
            assertThat(g.served()).isEqualTo(1);
            assertThat(g.paidRao()).isEqualTo(PRICE);
            // the next honest voucher is exactly one price on
            assertThat(post(url, voucher(c, ch.id(), 2 * PRICE), body).statusCode())
                    .isEqualTo(200);
            g.claimAll();
        }
        assertThat(channel(ch.id()).claimed()).isEqualTo(2 * PRICE);
        assertThat(channel(toMiner.id()).claimed()).isZero();
    }

    @Test
    void aClaimAboveTheVoucherIsRefusedOnChain() throws Exception {
        Ed25519.KeyPair c = outsider(20);
        long deposit = 10 * PRICE;
        Opened ch = open(c, AccountId.of(validatorHot.publicKey()), deposit, 100_000, 0);
        byte[] sig = Voucher.sign(c, genesis(), ch.id(), 3 * PRICE);
        TxOutcome more = client.tx(validatorHot, new Call.ClaimChannel(ch.id(), 4 * PRICE, sig))
                .submitAndWatch()
                .await(Duration.ofSeconds(60));
        assertThat(more.isSuccess()).isFalse();
        TxOutcome aboveDeposit = client.tx(
                        validatorHot,
                        new Call.ClaimChannel(ch.id(), deposit + 1, Voucher.sign(c, genesis(), ch.id(), deposit + 1)))
                .submitAndWatch()
                .await(Duration.ofSeconds(60));
        assertThat(aboveDeposit.isSuccess()).isFalse();
        assertThat(channel(ch.id()).claimed()).isZero();
        // the voucher as signed goes through
        ok(client.tx(validatorHot, new Call.ClaimChannel(ch.id(), 3 * PRICE, sig))
                .submitAndWatch()
                .await(Duration.ofSeconds(60)));
        assertThat(channel(ch.id()).claimed()).isEqualTo(3 * PRICE);
    }

    @Test
    void afterExpiryTheGatewayClaimsAndTheClientGetsTheRestBack() throws Exception {
        Ed25519.KeyPair c = outsider(20);
        AccountId cid = AccountId.of(c.publicKey());
        long deposit = 10 * PRICE;
        long before = free(cid);
        Opened ch = open(c, AccountId.of(validatorHot.publicKey()), deposit, 40, 0);
        try (Gateway g = Gateway.start(config(dir.resolve("gexp")), validatorHot, client);
                AccessClient ac = new AccessClient(
                        URI.create(g.url()),
                        c,
                        genesis(),
                        new AccessLedger(dir.resolve("ledgerexp")),
                        Duration.ofSeconds(30),
                        3)) {
            ac.query(ch.id(), task(1));
            ac.query(ch.id(), task(2));
            ChannelInfo info = channel(ch.id());
            // the claim loop claims once the channel has expired, before its deadline
            await(
                    "the gateway claimed after expiry",
                    Duration.ofMinutes(2),
                    () -> channel(ch.id()).claimed() == 2 * PRICE);
            assertThat(client.head().number()).isGreaterThanOrEqualTo(info.expiresAt());
            await(
                    "the claim deadline passed",
                    Duration.ofMinutes(2),
                    () -> client.head().number() > info.claimDeadline());
            // after expiry the gateway refuses vouchers
            AccessException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    AccessException.class, () -> ac.query(ch.id(), task(3)));
            assertThat(e.code()).isEqualTo("channel_expired");
        }
        TxOutcome.Finalized close =
                ok(client.tx(c, new Call.CloseChannel(ch.id())).submitAndWatch().await(Duration.ofSeconds(60)));
        assertThat(channel(ch.id()).closed()).isTrue();
        // client paid: the two queries and the two fees; the rest came back
        assertThat(free(cid)).isEqualTo(before - 2 * PRICE - ch.fee() - close.fee());
    }

    @Test
    void aGatewayKilledBetweenAnsweringAndClaimingClaimsAfterRestart() throws Exception {
        Ed25519.KeyPair c = outsider(20);
        Opened ch = open(c, AccountId.of(validatorHot.publicKey()), 100 * PRICE, 100_000, 0);
        Path data = dir.resolve("gkill");
        Process p = startGatewayProcess(data);
        try {
            String url = awaitListening(p);
            try (AccessClient ac = new AccessClient(
                    URI.create(url),
                    c,
                    genesis(),
                    new AccessLedger(dir.resolve("ledgerkill")),
                    Duration.ofSeconds(30),
                    3)) {
                for (int i = 0; i < 7; i++) {
                    ac.query(ch.id(), task(i));
                }
            }
            // answered seven times, claimed nothing (threshold far away): now kill -9
            assertThat(channel(ch.id()).claimed()).isZero();
            p.destroyForcibly(); // SIGKILL on Linux
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(137);
        } finally {
            p.destroyForcibly();
        }
        assertThat(channel(ch.id()).claimed()).isZero();
        Process again = startGatewayProcess(data);
        try {
            awaitListening(again);
            await(
                    "the restarted gateway claimed what it stored",
                    Duration.ofMinutes(2),
                    () -> channel(ch.id()).claimed() == 7 * PRICE);
        } finally {
            again.destroy();
            again.waitFor(30, TimeUnit.SECONDS);
            again.destroyForcibly();
        }
    }

    @Test
    void theHttpSurfaceIsBoundedAndDocumented() throws Exception {
        GatewayConfig c = config(dir.resolve("ghttp")).withConcurrency(1, 0, Duration.ofMillis(200));
        try (Gateway g = Gateway.start(c, validatorHot, client)) {
            String url = g.url();
            HttpResponse<String> api = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode doc = JSON.readTree(api.body());
            assertThat(doc.get("openapi").asText()).startsWith("3.");
            assertThat(doc.at("/paths/~1v1~1query/post/parameters/0/name").asText())
                    .isEqualTo("X-Tao-Voucher");
            assertThat(doc.at("/paths/~1v1~1query/post/responses").has("402")).isTrue();
            JsonNode info = JSON.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(url + "/v1/info")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(info.get("netuid").asInt()).isEqualTo(netuid);
            assertThat(info.get("gateway").asText())
                    .isEqualTo(AccountId.of(validatorHot.publicKey()).toSs58());
            assertThat(info.get("task_types").get(0).asText()).isEqualTo("forecast");
            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create(url + "/nope"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(404);
            // a body over the limit is refused before anything else
            String huge = "{\"series\":[" + "1,".repeat(200_000) + "1],\"horizon\":2}";
            assertThat(post(url, null, huge).statusCode()).isEqualTo(413);
            // one slot, no queue: a client trickling its body holds the slot, the next query gets 429
            try (java.net.Socket slow = new java.net.Socket("127.0.0.1", g.port())) {
                var o = slow.getOutputStream();
                o.write(("POST /v1/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 100\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                o.flush();
                await("the slow request holds the slot", Duration.ofSeconds(30), () -> {
                    try {
                        return post(url, null, task(1).toString()).statusCode() == 429;
                    } catch (Exception e) {
                        return false;
                    }
                });
                JsonNode busy = json(post(url, null, task(1).toString()), 429);
                assertThat(busy.get("error").asText()).isEqualTo("saturated");
            }
            await("the slot is free again", Duration.ofSeconds(30), () -> {
                try {
                    return post(url, null, task(1).toString()).statusCode() == 402;
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(g.refused429()).isPositive();
        }
    }

    static Process startGatewayProcess(Path data) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                GatewayMain.class.getName(),
                "--subnet",
                "forecast",
                "--netuid",
                String.valueOf(netuid),
                "--hotkey",
                "//Devnet//forecast//validator//0//hot",
                "--url",
                devnet.rpcUrl(),
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--price",
                String.valueOf(PRICE),
                "--top-k",
                "3",
                "--claim-threshold",
                String.valueOf(1_000 * TAO),
                "--data-dir",
                data.toString());
        pb.redirectErrorStream(true);
        return pb.start();
    }

    /** Reads the process's output until its "gateway listening on URL" line; the URL. */
    static String awaitListening(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = new CompletableFuture<>();
        List<String> lines = new ArrayList<>();
        Thread t = new Thread(() -> {
            try {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    System.out.println("[gateway " + p.pid() + "] " + line);
                    if (line.startsWith("gateway listening on ")) {
                        url.complete(
                                line.substring("gateway listening on ".length()).split(" ")[0]);
                    }
                }
                url.completeExceptionally(new AssertionError("gateway exited: " + lines));
            } catch (Exception e) {
                url.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return url.get(2, TimeUnit.MINUTES);
    }

    static String code(HttpResponse<String> r, int status) throws Exception {
        return json(r, status).get("error").asText();
    }

    static JsonNode json(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }
}
