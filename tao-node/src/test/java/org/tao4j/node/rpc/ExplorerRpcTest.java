package org.tao4j.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;
import org.tao4j.node.NodeMain;
import org.tao4j.node.TestNet;
import org.tao4j.node.rpc.methods.TaoFindExtrinsic;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/** The read-only methods the explorer's pages use: tao_getBlocks, tao_getBlockDetail, tao_findExtrinsic. */
class ExplorerRpcTest {

    static final long TAO = 1_000_000_000L;
    static Node node;
    static RpcClient rpc;
    static Extrinsic ok;
    static Extrinsic failing;

    @BeforeAll
    static void start() throws Exception {
        node = Node.start(NodeConfig.forDev()
                .withTmp(true)
                .withRpc(0, false)
                .withMetricsPort(-1)
                .withInstant(true));
        rpc = new RpcClient(node.rpcPort());
        byte[] genesis = node.chain().runtime().genesisHash();
        ok = Extrinsic.sign(
                TestNet.key("Charlie"), 0, 0, 1_000_000, new Call.Transfer(TestNet.id("Dave"), 3 * TAO), genesis);
        // more than Eve has: included, pays its fee, fails
        failing = Extrinsic.sign(
                TestNet.key("Eve"),
                0,
                0,
                1_000_000,
                new Call.Transfer(TestNet.id("Dave"), Long.MAX_VALUE / 2),
                genesis);
        rpc.result("author_submitExtrinsic", Hex.toHex(ok.encode()));
        rpc.result("author_submitExtrinsic", Hex.toHex(failing.encode()));
        waitBoth();
    }

    /** The head once both transactions are in (instant sealing may put them in one block or two). */
    static JsonNode waitBoth() throws Exception {
        for (int i = 0; i < 400; i++) {
            JsonNode a = rpc.result("tao_findExtrinsic", Hex.toHex(ok.hash()));
            JsonNode b = rpc.result("tao_findExtrinsic", Hex.toHex(failing.hash()));
            if (a.get("found").asBoolean() && b.get("found").asBoolean()) {
                return a;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the transactions were not included");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void blockDetailDecodesEachExtrinsicWithItsResultAndFee() throws Exception {
        JsonNode f = rpc.result("tao_findExtrinsic", Hex.toHex(ok.hash()));
        JsonNode byNumber =
                rpc.result("tao_getBlockDetail", f.get("blockNumber").asLong());
        JsonNode byHash = rpc.result("tao_getBlockDetail", f.get("block").asText());
        assertThat(byNumber).isEqualTo(byHash);
        assertThat(byHash.at("/header/hash").asText()).isEqualTo(f.get("block").asText());
        JsonNode x = byHash.get("extrinsics").get(f.get("index").asInt());
        assertThat(x.get("hash").asText()).isEqualTo(Hex.toHex(ok.hash()));
        assertThat(x.get("signer").asText()).isEqualTo(TestNet.id("Charlie").toSs58());
        assertThat(x.at("/call/call").asText()).isEqualTo("Transfer");
        assertThat(x.at("/call/dest").asText()).isEqualTo(TestNet.id("Dave").toSs58());
        assertThat(x.at("/call/amount").asLong()).isEqualTo(3 * TAO);
        assertThat(x.get("success").asBoolean()).isTrue();
        assertThat(x.get("length").asInt()).isEqualTo(ok.encodedLength());
        JsonNode success = null;
        for (JsonNode e : byHash.get("events")) {
            if (e.get("type").asText().equals("ExtrinsicSuccess")
                    && e.get("index").asInt() == f.get("index").asInt()) {
                success = e;
            }
        }
        assertThat(success).isNotNull();
        assertThat(x.get("fee").asLong()).isEqualTo(success.get("fee").asLong()).isPositive();

        JsonNode g = rpc.result("tao_findExtrinsic", Hex.toHex(failing.hash()));
        JsonNode bad = rpc.result("tao_getBlockDetail", g.get("block").asText())
                .get("extrinsics")
                .get(g.get("index").asInt());
        assertThat(bad.get("success").asBoolean()).isFalse();
        assertThat(bad.get("error").asText()).isNotBlank();
        assertThat(bad.get("fee").asLong()).isPositive();
    }

    @Test
    void blockDetailOfUnknownOrMalformedBlocks() throws Exception {
        assertThat(rpc.result("tao_getBlockDetail", 1_000_000).isNull()).isTrue();
        assertThat(rpc.result("tao_getBlockDetail", "0x" + "ab".repeat(32)).isNull())
                .isTrue();
        assertThat(rpc.result("tao_getBlockDetail").at("/header/number").asLong())
                .isEqualTo(node.chain().head().number());
        JsonNode bad = rpc.call("tao_getBlockDetail", "nope");
        assertThat(bad.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(bad.at("/error/message").asText()).contains("'block'");
        assertThat(rpc.call("tao_getBlockDetail", -1).at("/error/code").asInt()).isEqualTo(-32602);
    }

    @Test
    void blocksListsNewestFirstInBoundedPages() throws Exception {
        long head = node.chain().head().number();
        JsonNode all = rpc.result("tao_getBlocks");
        assertThat(all.get(0).get("number").asLong()).isEqualTo(head);
        assertThat(all.size()).isEqualTo((int) Math.min(25, head + 1));
        assertThat(all.get(0).get("hash").asText())
                .isEqualTo(node.chain().head().hash().toHex());
        JsonNode page = rpc.result("tao_getBlocks", 1, 5);
        assertThat(page).hasSize(2);
        assertThat(page.get(1).get("number").asLong()).isZero();
        assertThat(rpc.result("tao_getBlocks", 1_000_000, 1)
                        .get(0)
                        .get("number")
                        .asLong())
                .isEqualTo(head);
        long txs = 0;
        for (JsonNode b : rpc.result("tao_getBlocks", null, 100)) {
            txs += b.get("extrinsics").asLong();
        }
        assertThat(txs).isGreaterThanOrEqualTo(2);
        JsonNode tooMany = rpc.call("tao_getBlocks", null, 101);
        assertThat(tooMany.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(tooMany.at("/error/message").asText()).contains("'count'").contains("between 0 and 100");
    }

    @Test
    void findExtrinsicSaysHowFarItLooked() throws Exception {
        JsonNode f = rpc.result("tao_findExtrinsic", Hex.toHex(ok.hash()));
        assertThat(f.get("found").asBoolean()).isTrue();
        assertThat(f.get("blockNumber").asLong()).isPositive();
        JsonNode none = rpc.result("tao_findExtrinsic", "0x" + "cd".repeat(32));
        assertThat(none.get("found").asBoolean()).isFalse();
        assertThat(none.get("searchedFrom").asLong())
                .isEqualTo(node.chain().head().number());
        assertThat(none.get("searchedTo").asLong()).isZero();
        JsonNode shallow = rpc.result("tao_findExtrinsic", "0x" + "cd".repeat(32), 1);
        assertThat(shallow.get("searchedTo").asLong())
                .isEqualTo(shallow.get("searchedFrom").asLong());
        JsonNode deep = rpc.call("tao_findExtrinsic", "0x" + "cd".repeat(32), TaoFindExtrinsic.MAX_DEPTH + 1);
        assertThat(deep.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(rpc.call("tao_findExtrinsic", "nope").at("/error/message").asText())
                .contains("'hash'");
    }

    @Test
    void theExplorerIsOnByDefaultAndNoExplorerTurnsItOff() {
        assertThat(NodeMain.parse("--dev").explorer()).isTrue();
        assertThat(NodeMain.parse("--dev", "--no-explorer", "--tmp").explorer()).isFalse();
        assertThat(NodeMain.parse("--dev", "--no-explorer", "--rpc-port", "0")
                        .withTmp(true)
                        .explorer())
                .isFalse();
    }
}
