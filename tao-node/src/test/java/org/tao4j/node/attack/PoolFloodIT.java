package org.tao4j.node.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.node.pool.TransactionPool;
import org.tao4j.node.rpc.RpcClient;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * Attack 1 of issue 12, against a real node process with {@code -Xmx512m}: random unfunded keys flood
 * the pool with transfers of future nonces (1 to 1,024 ahead) and an immortal era, and a funded account
 * tries to park 1,024 future transactions, while an honest funded client keeps submitting transfers.
 *
 * <p>Asserts: every honest transfer is admitted and included within {@value #HONEST_WITHIN} blocks of
 * its submission; no gap between consecutive blocks exceeds 5 block times; the node's resident memory
 * stays under {@value #RSS_BOUND_MB} MiB; the pool never holds an unfunded key's transaction nor more
 * than 16 future ones of the funded attacker; afterwards blocks still come and a transfer is included.
 */
class PoolFloodIT {

    static final Duration BLOCK_TIME = Duration.ofMillis(500);
    static final int HONEST_WITHIN = 5;
    static final long RSS_BOUND_MB = 768; // -Xmx512m heap + RocksDB + JIT; measured ~255 MiB
    static final int FLOOD = 12_000; // unfunded transactions (1.5 times the default pool limit)
    static final int BATCH = 500;
    static final long IMMORTAL = -1L; // era u64::MAX

    record Honest(String hash, long headAtSubmit) {}

    @Test
    void aFloodFromUnfundedKeysAndParkedFutureNoncesCannotLockOutHonestTransfers(@TempDir Path dir) throws Exception {
        try (AttackedNode node = new AttackedNode(
                dir.resolve("node"), Path.of("target", "attack-it", "pool-flood.log"), BLOCK_TIME, "512m")) {
            long start = node.head();
            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicInteger floodAdmitted = new AtomicInteger();
            AtomicInteger floodSent = new AtomicInteger();
            List<Thread> attackers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                long seed = 1_000 + t;
                attackers.add(Thread.ofPlatform().name("flood-" + t).start(() -> {
                    try {
                        flood(node, new SplittableRandom(seed), FLOOD / 2, floodSent, floodAdmitted);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            // a funded attacker (Charlie) parks future nonces 1..1024, immortal
            int parked = 0;
            for (int from = 1; from <= 1_024; from += 512) {
                ArrayNode batch = RpcClient.JSON.createArrayNode();
                for (int n = from; n < from + 512; n++) {
                    Extrinsic x = Extrinsic.sign(
                            DevAccounts.keyPair("Charlie"),
                            n,
                            0,
                            IMMORTAL,
                            new Call.Transfer(DevAccounts.account("Ferdie"), 1_000_000),
                            node.genesisHash);
                    batch.add(RpcClient.request(n, "author_submitExtrinsic", Hex.toHex(x.encode())));
                }
                JsonNode replies =
                        RpcClient.JSON.readTree(node.rpc.post(batch.toString()).body());
                assertThat(replies.isArray()).as("%s", replies).isTrue();
                for (JsonNode r : replies) {
                    if (r.has("result")) {
                        parked++;
                    } else {
                        assertThat(r.at("/error/data").asText()).as("%s", r).isIn("FutureLimit", "PoolFull");
                    }
                }
            }
            assertThat(parked).isLessThanOrEqualTo(TransactionPool.MAX_FUTURE_PER_ACCOUNT);

            // the honest client: Dave pays Eve, one transfer at a time, until the flood is over (at least 20)
            List<Honest> honest = new ArrayList<>();
            Thread watcher = Thread.ofPlatform().start(() -> {
                for (Thread a : attackers) {
                    try {
                        a.join();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                flooding.set(false);
            });
            long nonce = node.rpc
                    .result(
                            "system_accountNextIndex",
                            DevAccounts.account("Dave").toSs58())
                    .asLong();
            while (flooding.get() || honest.size() < 20) {
                Extrinsic x = Extrinsic.sign(
                        DevAccounts.keyPair("Dave"),
                        nonce,
                        0,
                        node.head() + 100,
                        new Call.Transfer(DevAccounts.account("Eve"), 1_000_000_000L),
                        node.genesisHash);
                long head = node.head();
                JsonNode r = node.rpc.call("author_submitExtrinsic", Hex.toHex(x.encode()));
                assertThat(r.has("result"))
                        .as("honest transfer #%d refused: %s", honest.size(), r)
                        .isTrue();
                honest.add(new Honest(r.get("result").asText(), head));
                nonce++;
                Thread.sleep(150);
                assertThat(node.process.isAlive())
                        .as("the node died; see %s", node.log)
                        .isTrue();
            }
            watcher.join();
            long floodEnd = node.head();
            System.out.printf(
                    "pool flood: %d unfunded sent, %d admitted; %d of Charlie's 1024 futures parked; "
                            + "%d honest transfers; blocks #%d..#%d; max RSS %d MiB%n",
                    floodSent.get(), floodAdmitted.get(), parked, honest.size(), start, floodEnd, node.maxRssMb());
            assertThat(floodSent.get()).isEqualTo(FLOOD);
            assertThat(floodAdmitted.get()).as("unfunded transactions admitted").isZero();

            // every honest transfer lands within a few blocks of its submission
            long lastNeeded = honest.get(honest.size() - 1).headAtSubmit() + HONEST_WITHIN;
            node.awaitHead(lastNeeded, Duration.ofSeconds(60));
            Map<String, Long> includedIn = new HashMap<>();
            List<JsonNode> blocks = node.blocks(start, lastNeeded);
            List<Long> stamps = new ArrayList<>();
            for (JsonNode b : blocks) {
                long number = b.at("/block/header/number").asLong();
                stamps.add(b.at("/block/header/timestamp").asLong());
                for (JsonNode x : b.at("/block/extrinsics")) {
                    includedIn.put(Hex.toHex(Blake2b.hash256(Hex.fromHex(x.asText()))), number);
                }
            }
            for (Honest h : honest) {
                assertThat(includedIn).as("honest transfer %s", h.hash()).containsKey(h.hash());
                assertThat(includedIn.get(h.hash()) - h.headAtSubmit())
                        .as("blocks until %s was included", h.hash())
                        .isLessThanOrEqualTo(HONEST_WITHIN);
            }
            // block production never paused longer than 5 block times
            long maxGap = 0;
            for (int i = 1; i < stamps.size(); i++) {
                maxGap = Math.max(maxGap, stamps.get(i) - stamps.get(i - 1));
            }
            System.out.printf(
                    "pool flood: largest gap between blocks %d ms (block time %d ms)%n", maxGap, BLOCK_TIME.toMillis());
            assertThat(maxGap).isLessThanOrEqualTo(5 * BLOCK_TIME.toMillis());
            assertThat(node.maxRssMb()).as("resident memory, MiB").isLessThan(RSS_BOUND_MB);

            // afterwards: healthy, nothing of the attack left but Charlie's capped futures, and it still works
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.rpc.port() + "/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode pending = node.rpc.result("author_pendingExtrinsics");
            for (JsonNode x : pending) {
                assertThat(Extrinsic.decode(Hex.fromHex(x.asText())).signer())
                        .isEqualTo(DevAccounts.account("Charlie"));
            }
            Extrinsic after = Extrinsic.sign(
                    DevAccounts.keyPair("Dave"),
                    nonce,
                    0,
                    IMMORTAL,
                    new Call.Transfer(DevAccounts.account("Eve"), 1),
                    node.genesisHash);
            String afterHash = node.rpc
                    .result("author_submitExtrinsic", Hex.toHex(after.encode()))
                    .asText();
            long h0 = node.head();
            node.awaitHead(h0 + HONEST_WITHIN, Duration.ofSeconds(60));
            boolean seen = false;
            for (JsonNode b : node.blocks(h0, h0 + HONEST_WITHIN)) {
                for (JsonNode x : b.at("/block/extrinsics")) {
                    seen |= Hex.toHex(Blake2b.hash256(Hex.fromHex(x.asText()))).equals(afterHash);
                }
            }
            assertThat(seen).as("a transfer after the attack is included").isTrue();
            assertThat(node.rpc.result("tao_getSupply").get("invariantHolds").asBoolean())
                    .isTrue();
        }
    }

    /** Sends {@code count} transfers signed by fresh random keys, future nonces 1..1024, immortal, in batches. */
    private static void flood(
            AttackedNode node, SplittableRandom rnd, int count, AtomicInteger sent, AtomicInteger admitted)
            throws Exception {
        byte[] seed = new byte[32];
        for (int done = 0; done < count; done += BATCH) {
            ArrayNode batch = RpcClient.JSON.createArrayNode();
            for (int i = 0; i < BATCH && done + i < count; i++) {
                rnd.nextBytes(seed);
                Extrinsic x = Extrinsic.sign(
                        Ed25519.KeyPair.fromSeed(seed),
                        1 + rnd.nextInt(1_024),
                        0,
                        IMMORTAL,
                        new Call.Transfer(DevAccounts.account("Alice"), 1_000_000_000L),
                        node.genesisHash);
                batch.add(RpcClient.request(i, "author_submitExtrinsic", Hex.toHex(x.encode())));
            }
            JsonNode replies =
                    RpcClient.JSON.readTree(node.rpc.post(batch.toString()).body());
            assertThat(replies.isArray()).as("%s", replies).isTrue();
            for (JsonNode r : replies) {
                sent.incrementAndGet();
                if (r.has("result")) {
                    admitted.incrementAndGet();
                } else {
                    assertThat(r.at("/error/data").asText()).as("%s", r).isEqualTo("CANNOT_PAY_FEE");
                }
            }
        }
    }
}
