package org.tao4j.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;
import org.tao4j.node.chain.Block;
import org.tao4j.node.chain.Justification;
import org.tao4j.node.rpc.methods.SyncGetBlocks;
import org.tao4j.node.sync.WarpPoints;

/**
 * The finality and sync methods of an embedded --dev node (50 ms blocks): what they serve and how they
 * refuse bad parameters.
 */
class SyncRpcTest {

    static Node node;
    static RpcClient rpc;
    static String genesis;

    @BeforeAll
    static void start() throws Exception {
        node = Node.start(NodeConfig.forDev()
                .withTmp(true)
                .withRpc(0, false)
                .withMetricsPort(-1)
                .withBlockTime(Duration.ofMillis(50)));
        rpc = new RpcClient(node.rpcPort());
        genesis = rpc.result("chain_getBlockHash", 0).asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (node.chain().store().finalized().number() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static int errorCode(JsonNode resp) {
        assertThat(resp.has("error")).as("an error: " + resp).isTrue();
        return resp.get("error").get("code").asInt();
    }

    @Test
    void finalizedHeadAndJustificationsAreServed() throws Exception {
        String fin = rpc.result("chain_getFinalizedHead").asText();
        JsonNode h = rpc.result("chain_getHeader", fin);
        assertThat(h.get("number").asLong()).isGreaterThanOrEqualTo(5);
        JsonNode j = rpc.result("tao_getJustification", fin);
        assertThat(j.get("hash").asText()).isEqualTo(fin);
        Justification decoded =
                Justification.decode(Hex.fromHex(j.get("encoded").asText()));
        decoded.check(node.chain().genesisHash(), node.chain().headState().authorities()); // a valid proof
        // the genesis has none (it is final by definition); an unknown block neither
        assertThat(rpc.result("tao_getJustification", genesis).isNull()).isTrue();
        assertThat(rpc.result("tao_getJustification", H256.ZERO.toHex()).isNull())
                .isTrue();
    }

    @Test
    void theFinalizedHeadSubscriptionSendsIncreasingHeaders() throws Exception {
        try (RpcClient.Ws ws = rpc.ws()) {
            ws.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"chain_subscribeFinalizedHeads\",\"params\":[]}");
            String id = ws.next().get("result").asText();
            long last = -1;
            for (int i = 0; i < 3; i++) {
                JsonNode n = ws.next();
                assertThat(n.get("method").asText()).isEqualTo("chain_finalizedHead");
                assertThat(n.get("params").get("subscription").asText()).isEqualTo(id);
                long number = n.get("params").get("result").get("number").asLong();
                assertThat(number).isGreaterThan(last);
                last = number;
            }
            ws.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"chain_unsubscribeFinalizedHeads\",\"params\":[\"" + id
                    + "\"]}");
        }
        // over HTTP it is refused with the WebSocket-only error
        assertThat(errorCode(rpc.call("chain_subscribeFinalizedHeads"))).isEqualTo(RpcErrors.WEBSOCKET_ONLY);
    }

    @Test
    void helloBlocksAndStateChunksServeTheChain() throws Exception {
        JsonNode hello = rpc.result("sync_hello", genesis);
        assertThat(hello.get("genesis").asText()).isEqualTo(genesis);
        assertThat(hello.get("finalized").get("number").asLong()).isGreaterThanOrEqualTo(5);
        JsonNode blocks = rpc.result("sync_getBlocks", 1, 3).get("blocks");
        assertThat(blocks).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Block b = Block.decode(Hex.fromHex(blocks.get(i).get("block").asText()));
            assertThat(b.number()).isEqualTo(1 + i);
            Justification j = Justification.decode(
                    Hex.fromHex(blocks.get(i).get("justification").asText()));
            assertThat(j.blockHash()).isEqualTo(b.hash());
        }
        // the warp point's whole state, chunk by chunk, in key order
        JsonNode warp = hello.get("warp");
        assertThat(warp.isObject()).isTrue();
        String at = warp.get("hash").asText();
        String start = "0x";
        int entries = 0;
        String lastKey = null;
        for (int chunks = 0; chunks < 10_000; chunks++) {
            JsonNode c = rpc.result("sync_getStateChunk", at, start, 7);
            assertThat(c.get("entries").size()).isLessThanOrEqualTo(7);
            for (JsonNode e : c.get("entries")) {
                String k = e.get(0).asText();
                if (lastKey != null) {
                    assertThat(java.util.Arrays.compareUnsigned(Hex.fromHex(k), Hex.fromHex(lastKey)))
                            .isPositive();
                }
                lastKey = k;
                entries++;
            }
            if (c.get("next").isNull()) {
                break;
            }
            start = c.get("next").asText();
        }
        assertThat(entries).isGreaterThan(6); // at least the six dev accounts
    }

    @Test
    void badParamsGetClearErrors() throws Exception {
        // another chain's genesis: refused with the wrong-chain error, naming both hashes
        JsonNode wrong = rpc.call("sync_hello", H256.ZERO.toHex());
        assertThat(errorCode(wrong)).isEqualTo(RpcErrors.WRONG_CHAIN);
        assertThat(wrong.get("error").get("message").asText()).contains("another chain", genesis);
        assertThat(errorCode(rpc.call("sync_hello", "0x1234"))).isEqualTo(RpcErrors.INVALID_PARAMS);
        assertThat(errorCode(rpc.call("sync_hello"))).isEqualTo(RpcErrors.INVALID_PARAMS);
        // too many blocks at once, a negative start, a missing count
        JsonNode tooMany = rpc.call("sync_getBlocks", 1, SyncGetBlocks.MAX_COUNT + 1);
        assertThat(errorCode(tooMany)).isEqualTo(RpcErrors.INVALID_PARAMS);
        assertThat(tooMany.get("error").get("message").asText()).contains("'count'", "" + SyncGetBlocks.MAX_COUNT);
        assertThat(errorCode(rpc.call("sync_getBlocks", -1, 5))).isEqualTo(RpcErrors.INVALID_PARAMS);
        assertThat(errorCode(rpc.call("sync_getBlocks", 1))).isEqualTo(RpcErrors.INVALID_PARAMS);
        // beyond the head: an empty list, not an error
        assertThat(rpc.result("sync_getBlocks", Long.MAX_VALUE, 5).get("blocks"))
                .isEmpty();
        // state of a block not offered; a limit over the bound; an oversized key; no 0x prefix
        assertThat(errorCode(rpc.call("sync_getStateChunk", H256.ZERO.toHex(), "0x", 10)))
                .isEqualTo(RpcErrors.STATE_NOT_OFFERED);
        String at = rpc.result("sync_hello", genesis).get("warp").get("hash").asText();
        assertThat(errorCode(rpc.call("sync_getStateChunk", at, "0x", WarpPoints.MAX_CHUNK_ENTRIES + 1)))
                .isEqualTo(RpcErrors.INVALID_PARAMS);
        assertThat(errorCode(rpc.call("sync_getStateChunk", at, "0x", 0))).isEqualTo(RpcErrors.INVALID_PARAMS);
        assertThat(errorCode(rpc.call("sync_getStateChunk", at, "0x" + "00".repeat(2_000), 10)))
                .isEqualTo(RpcErrors.INVALID_PARAMS);
        assertThat(errorCode(rpc.call("sync_getStateChunk", at, "00", 10))).isEqualTo(RpcErrors.INVALID_PARAMS);
        assertThat(errorCode(rpc.call("tao_getJustification", "nope"))).isEqualTo(RpcErrors.INVALID_PARAMS);
        assertThat(errorCode(rpc.call("chain_getFinalizedHead", 1))).isEqualTo(RpcErrors.INVALID_PARAMS);
    }

    @Test
    void anAuthorityReportsNoPeersAndIsNotSyncing() throws Exception {
        JsonNode h = rpc.result("system_health");
        assertThat(h.get("peers").asInt()).isZero();
        assertThat(h.get("isSyncing").asBoolean()).isFalse();
        assertThat(h.get("shouldHavePeers").asBoolean()).isFalse();
    }
}
