package org.tao4j.node.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.chain.BlockHeader;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.node.rpc.RpcClient;
import org.tao4j.runtime.BlockLimits;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * Attack 4 of issue 12 (no limit in bytes), against a real node process with {@code -Xmx512m}: oversize
 * transactions (40 kB and 4.8 MB weights calls) are refused with TOO_LARGE, and a funded account that
 * (five, in fact) submit 250 transactions of nearly 32 KiB (8 MB) gets them into blocks of at most 5 MiB each, while an
 * honest client's transfers still go in within a few blocks, blocks keep coming, memory stays bounded,
 * and {@code chain_getBlock} of the largest block stays near 10 MiB of JSON.
 */
class OversizeIT {

    static final Duration BLOCK_TIME = Duration.ofSeconds(2);
    static final long RSS_BOUND_MB = 768;
    static final int FAT = 250;

    private static Extrinsic weights(AttackedNode node, String who, long nonce, int uids) {
        int[] xs = IntStream.range(0, uids).map(i -> i & 0xFFFF).toArray();
        return Extrinsic.sign(
                DevAccounts.keyPair(who), nonce, 0, -1L, new Call.SetWeights(1, xs, xs, 0), node.genesisHash);
    }

    @Test
    void oversizeTransactionsAreRefusedAndAFundedAccountCannotMakeAHugeBlock(@TempDir Path dir) throws Exception {
        try (AttackedNode node = new AttackedNode(
                dir.resolve("node"), Path.of("target", "attack-it", "oversize.log"), BLOCK_TIME, "512m")) {
            // over the transaction limit: refused before decoding, one line, no stack trace
            for (int uids : new int[] {10_000, 1_200_000}) { // 40 kB; the 4.8 MB call of the report
                JsonNode r = node.rpc.call(
                        "author_submitExtrinsic",
                        Hex.toHex(weights(node, "Bob", 0, uids).encode()));
                assertThat(r.at("/error/code").asInt()).as("%s", r).isEqualTo(1010);
                assertThat(r.at("/error/data").asText()).isEqualTo("TOO_LARGE");
                assertThat(r.at("/error/message").asText())
                        .contains("at most 32768")
                        .doesNotContain("\n");
            }

            long start = node.head();
            // 5 funded accounts: 250 transactions of nearly 32 KiB (8 MB), each a set_weights that fails in its block
            // but pays
            int uids = (BlockLimits.MAX_EXTRINSIC_BYTES - 200) / 4;
            // signed first, then sent by 5 connections at once, so that more than a block's worth waits in the pool
            List<String> bodies = new ArrayList<>();
            for (String who : List.of("Alice", "Bob", "Charlie", "Eve", "Ferdie")) { // FAT / 5 each
                ArrayNode batch = RpcClient.JSON.createArrayNode();
                for (int n = 0; n < FAT / 5; n++) {
                    Extrinsic x = weights(node, who, n, uids);
                    assertThat(x.encodedLength()).isLessThanOrEqualTo(BlockLimits.MAX_EXTRINSIC_BYTES);
                    batch.add(RpcClient.request(n, "author_submitExtrinsic", Hex.toHex(x.encode())));
                }
                bodies.add(batch.toString());
            }
            long before = node.head();
            node.awaitHead(before + 1, Duration.ofSeconds(30)); // just after a block: a whole block time to submit
            long submittedAfter = node.head();
            Set<String> fat = java.util.concurrent.ConcurrentHashMap.newKeySet();
            List<Thread> senders = new ArrayList<>();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (String body : bodies) {
                senders.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (JsonNode r : RpcClient.JSON.readTree(
                                new RpcClient(node.rpc.port()).post(body).body())) {
                            assertThat(r.has("result")).as("%s", r).isTrue();
                            fat.add(r.get("result").asText());
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            for (Thread t : senders) {
                t.join();
            }
            assertThat(failures).isEmpty();
            assertThat(fat).hasSize(FAT);
            // when all 8 MB were admitted within one block time, the next block had more than it may take
            boolean allWaiting = node.head() == submittedAfter;
            // meanwhile the honest client: Dave pays Eve
            List<String> honest = new ArrayList<>();
            List<Long> headAt = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Extrinsic x = Extrinsic.sign(
                        DevAccounts.keyPair("Dave"),
                        i,
                        0,
                        -1L,
                        new Call.Transfer(DevAccounts.account("Eve"), 1_000_000_000L),
                        node.genesisHash);
                headAt.add(node.head());
                honest.add(node.rpc
                        .result("author_submitExtrinsic", Hex.toHex(x.encode()))
                        .asText());
                Thread.sleep(200);
            }
            long end = Math.max(headAt.get(headAt.size() - 1), start + FAT / 150 + 2) + 5;
            node.awaitHead(end, Duration.ofSeconds(90));

            Map<String, Long> includedIn = new HashMap<>();
            long largest = 0;
            String largestHash = null;
            List<Long> stamps = new ArrayList<>();
            for (JsonNode b : node.blocks(start, end)) {
                JsonNode xs = b.at("/block/extrinsics");
                long size = BlockHeader.ENCODED_LENGTH + 64 + BlockLimits.compactLength(xs.size());
                for (JsonNode x : xs) {
                    byte[] raw = Hex.fromHex(x.asText());
                    size += BlockLimits.compactLength(raw.length) + raw.length;
                    includedIn.put(
                            Hex.toHex(Blake2b.hash256(raw)),
                            b.at("/block/header/number").asLong());
                }
                assertThat(size)
                        .as("block #%s", b.at("/block/header/number"))
                        .isLessThanOrEqualTo(BlockLimits.MAX_BLOCK_BYTES);
                if (size > largest) {
                    largest = size;
                    largestHash = b.at("/block/header/hash").asText();
                }
                stamps.add(b.at("/block/header/timestamp").asLong());
            }
            assertThat(includedIn.keySet())
                    .as("all the big transactions are in blocks")
                    .containsAll(fat);
            if (allWaiting) {
                assertThat(largest)
                        .as("the largest block is full, not over")
                        .isGreaterThan(BlockLimits.MAX_BLOCK_BYTES - BlockLimits.MAX_EXTRINSIC_BYTES);
            } else {
                System.out.println(
                        "oversize: admission took longer than a block time here; block fullness not checked");
            }
            for (int i = 0; i < honest.size(); i++) {
                assertThat(includedIn).containsKey(honest.get(i));
                assertThat(includedIn.get(honest.get(i)) - headAt.get(i)).isLessThanOrEqualTo(5);
            }
            long maxGap = 0;
            for (int i = 1; i < stamps.size(); i++) {
                maxGap = Math.max(maxGap, stamps.get(i) - stamps.get(i - 1));
            }
            int response = node.rpc
                    .post(RpcClient.request(1, "chain_getBlock", largestHash).toString())
                    .body()
                    .length();
            System.out.printf(
                    "oversize: largest block %d bytes, chain_getBlock of it %d bytes of JSON; largest gap "
                            + "%d ms; max RSS %d MiB%n",
                    largest, response, maxGap, node.maxRssMb());
            assertThat(response).isLessThan(11 * 1024 * 1024);
            assertThat(maxGap).isLessThanOrEqualTo(5 * BLOCK_TIME.toMillis());
            assertThat(node.maxRssMb()).isLessThan(RSS_BOUND_MB);
            assertThat(node.rpc.result("tao_getSupply").get("invariantHolds").asBoolean())
                    .isTrue();
        }
    }
}
