package org.tao4j.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;
import org.tao4j.node.TestNet;
import org.tao4j.runtime.Runtime;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/** The JSON-RPC API of an embedded --dev node (instant sealing), over HTTP and WebSocket. */
class NodeRpcTest {

    static final long TAO = 1_000_000_000L;
    static Node node;
    static RpcClient rpc;

    @BeforeAll
    static void start() throws Exception {
        node = Node.start(NodeConfig.forDev()
                .withTmp(true)
                .withRpc(0, false)
                .withMetricsPort(0)
                .withInstant(true));
        rpc = new RpcClient(node.rpcPort());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static Extrinsic transfer(String from, String to, long amount) throws Exception {
        long nonce =
                rpc.result("system_accountNextIndex", TestNet.id(from).toSs58()).asLong();
        return Extrinsic.sign(
                TestNet.key(from),
                nonce,
                0,
                1_000_000,
                new Call.Transfer(TestNet.id(to), amount),
                node.chain().runtime().genesisHash());
    }

    static JsonNode waitIncluded(String txHash) throws Exception {
        for (int i = 0; i < 200; i++) {
            JsonNode head = rpc.result("chain_getBlock");
            for (long n = head.at("/block/header/number").asLong(); n > 0; n--) {
                JsonNode b = rpc.result(
                        "chain_getBlock", rpc.result("chain_getBlockHash", n).asText());
                for (JsonNode x : b.at("/block/extrinsics")) {
                    if (Hex.toHex(org.tao4j.core.crypto.Blake2b.hash256(Hex.fromHex(x.asText())))
                            .equals(txHash)) {
                        return b;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not included: " + txHash);
    }

    @Test
    void pendingExtrinsicsComesInPages() throws Exception {
        long next = rpc.result("system_accountNextIndex", TestNet.id("Ferdie").toSs58())
                .asLong();
        List<String> parked = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // future nonces: they stay in the pool
            Extrinsic x = Extrinsic.sign(
                    TestNet.key("Ferdie"),
                    next + 100 + i,
                    0,
                    -1L,
                    new Call.Transfer(TestNet.id("Alice"), TAO),
                    node.chain().runtime().genesisHash());
            rpc.result("author_submitExtrinsic", Hex.toHex(x.encode()));
            parked.add(Hex.toHex(x.encode()));
        }
        List<String> all = new ArrayList<>();
        rpc.result("author_pendingExtrinsics").forEach(x -> all.add(x.asText()));
        assertThat(all).containsSubsequence(parked);
        int at = all.indexOf(parked.get(0));
        JsonNode page = rpc.result("author_pendingExtrinsics", at, 2);
        assertThat(page).hasSize(2);
        assertThat(page.get(1).asText()).isEqualTo(parked.get(1));
        assertThat(rpc.result("author_pendingExtrinsics", all.size())).isEmpty();
        JsonNode tooMany = rpc.call("author_pendingExtrinsics", 0, 1_001);
        assertThat(tooMany.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(tooMany.at("/error/message").asText()).contains("'limit'").contains("between 0 and 1000");
    }

    @Test
    void systemMethods() throws Exception {
        assertThat(rpc.result("system_chain").asText()).isEqualTo("Development");
        JsonNode props = rpc.result("system_properties");
        assertThat(props.get("tokenSymbol").asText()).isEqualTo("TAO");
        assertThat(props.get("tokenDecimals").asInt()).isEqualTo(9);
        assertThat(props.get("ss58Format").asInt()).isEqualTo(42);
        assertThat(rpc.result("system_health").get("isSyncing").asBoolean()).isFalse();
        List<String> methods = new ArrayList<>();
        rpc.result("rpc_methods").get("methods").forEach(m -> methods.add(m.asText()));
        assertThat(methods)
                .contains(
                        "chain_getHeader",
                        "chain_getBlock",
                        "chain_getBlockHash",
                        "chain_getFinalizedHead",
                        "chain_subscribeNewHeads",
                        "author_submitExtrinsic",
                        "author_submitAndWatchExtrinsic",
                        "system_health",
                        "system_chain",
                        "system_properties",
                        "rpc_methods",
                        "tao_getBalance",
                        "tao_getStakeForColdkey",
                        "tao_getStakeForHotkey",
                        "tao_getSubnets",
                        "tao_getNeuron",
                        "tao_getMetagraph",
                        "tao_getDelegates",
                        "tao_getRootWeights",
                        "tao_getEmission",
                        "tao_getPendingEmission",
                        "tao_getLockCost",
                        "tao_getEvents",
                        "tao_getFee");
        assertThat(rpc.result("chain_getBlockHash", 0).asText())
                .isEqualTo(node.chain().genesisHash().toHex());
        assertThat(rpc.result("chain_getFinalizedHead").asText()).startsWith("0x");
    }

    @Test
    void aTransferGoesThroughAndEveryQuerySeesIt() throws Exception {
        String before = rpc.result("chain_getFinalizedHead").asText();
        long bob0 = rpc.result("tao_getBalance", TestNet.id("Bob").toSs58())
                .get("free")
                .asLong();
        Extrinsic x = transfer("Charlie", "Bob", 7 * TAO);
        JsonNode fee = rpc.result("tao_getFee", Hex.toHex(x.encode()));
        assertThat(fee.get("validity").asText()).isEqualTo("valid");
        assertThat(fee.get("fee").asLong())
                .isEqualTo(Runtime.fee(node.chain().headState().params(), x));
        String hash =
                rpc.result("author_submitExtrinsic", Hex.toHex(x.encode())).asText();
        assertThat(hash).isEqualTo(Hex.toHex(x.hash()));
        JsonNode block = waitIncluded(hash);
        String blockHash = block.at("/block/header/hash").asText();
        assertThat(rpc.result("tao_getBalance", TestNet.id("Bob").toSs58())
                        .get("free")
                        .asLong())
                .isEqualTo(bob0 + 7 * TAO);
        // historical: Bob's balance at the earlier head
        assertThat(rpc.result("tao_getBalance", TestNet.id("Bob").toSs58(), before)
                        .get("free")
                        .asLong())
                .isEqualTo(bob0);
        JsonNode events = rpc.result("tao_getEvents", blockHash).get("events");
        assertThat(events.toString())
                .contains("\"type\":\"Transfer\"")
                .contains(TestNet.id("Charlie").toSs58());
        assertThat(rpc.result("tao_getSupply").get("invariantHolds").asBoolean())
                .isTrue();
        assertThat(rpc.result("chain_getHeader", blockHash).get("number").asLong())
                .isEqualTo(block.at("/block/header/number").asLong());
    }

    @Test
    void domainQueriesAnswerOnAFreshChain() throws Exception {
        JsonNode subnets = rpc.result("tao_getSubnets");
        assertThat(subnets).hasSize(1);
        assertThat(subnets.get(0).get("netuid").asInt()).isZero();
        assertThat(subnets.get(0).get("hyperparams").get("tempo").asInt()).isEqualTo(100);
        assertThat(rpc.result("tao_getLockCost").get("lockCost").asLong())
                .isEqualTo(node.chain().headState().params().minLock());
        assertThat(rpc.result("tao_getMetagraph", 0, "hotkeys,stake").get("n").asInt())
                .isZero();
        assertThat(rpc.result("tao_getNeuron", 0, 0).isNull()).isTrue();
        assertThat(rpc.result("tao_getDelegates")).isEmpty();
        assertThat(rpc.result("tao_getDelegates", null, 0, 1_000)).isEmpty();
        assertThat(rpc.call("tao_getDelegates", null, 0, 1_001)
                        .at("/error/message")
                        .asText())
                .contains("'limit'")
                .contains("between 0 and 1000");
        assertThat(rpc.result("tao_getRootWeights")).isEmpty();
        assertThat(rpc.result("tao_getEmission").get("subnets")).hasSize(1);
        assertThat(rpc.result("tao_getPendingEmission")).hasSize(1);
        assertThat(rpc.result("tao_getStakeForColdkey", TestNet.id("Alice").toSs58())
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(rpc.result("tao_getStakeForHotkey", TestNet.id("Alice").toSs58())
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(rpc.result("tao_getParams").get("baseFee").asLong()).isEqualTo(100_000);
        JsonNode bad = rpc.call("tao_getMetagraph", 0, "stake,nonsense");
        assertThat(bad.at("/error/code").asInt()).isEqualTo(RpcErrors.INVALID_PARAMS);
        assertThat(bad.at("/error/message").asText()).contains("nonsense");
        assertThat(rpc.call("tao_getMetagraph", 9).at("/error/message").asText())
                .contains("does not exist");
    }

    @Test
    void badInputGetsProperErrors() throws Exception {
        JsonNode parse = RpcClient.JSON.readTree(
                rpc.post("{\"jsonrpc\":\"2.0\",\"id\":1").body());
        assertThat(parse.at("/error/code").asInt()).isEqualTo(RpcErrors.PARSE_ERROR);
        assertThat(parse.at("/error/message").asText())
                .startsWith("parse error: ")
                .doesNotContain("Source");
        assertThat(rpc.call("no_such_method").at("/error/code").asInt()).isEqualTo(RpcErrors.METHOD_NOT_FOUND);
        JsonNode wrong = rpc.call("chain_getBlockHash", "twelve");
        assertThat(wrong.at("/error/code").asInt()).isEqualTo(RpcErrors.INVALID_PARAMS);
        assertThat(wrong.at("/error/message").asText()).contains("'number'");
        assertThat(rpc.call("author_submitExtrinsic", "0x0102")
                        .at("/error/code")
                        .asInt())
                .isEqualTo(RpcErrors.BAD_EXTRINSIC);
        Extrinsic foreign = Extrinsic.sign(
                TestNet.key("Bob"), 0, 0, 1_000, new Call.Transfer(TestNet.id("Alice"), TAO), new byte[32]);
        JsonNode invalid = rpc.call("author_submitExtrinsic", Hex.toHex(foreign.encode()));
        assertThat(invalid.at("/error/code").asInt()).isEqualTo(RpcErrors.INVALID_TRANSACTION);
        assertThat(invalid.at("/error/message").asText()).contains("bad signature");
        assertThat(invalid.at("/error/data").asText()).isEqualTo("BAD_SIGNATURE");
        assertThat(rpc.call("chain_subscribeNewHeads").at("/error/code").asInt())
                .isEqualTo(RpcErrors.WEBSOCKET_ONLY);
        // batch: two calls and a notification
        JsonNode batch = RpcClient.JSON.readTree(rpc.post(
                        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system_chain\"},"
                                + "{\"jsonrpc\":\"2.0\",\"method\":\"system_chain\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"x\"}]")
                .body());
        assertThat(batch).hasSize(2);
        // over 10 MiB: refused with 413 and a JSON-RPC error, and the node still serves
        byte[] huge = new byte[JsonRpcDispatcher.MAX_REQUEST_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) ' ');
        HttpResponse<String> r = rpc.postBytes(huge);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("request too large");
        assertThat(rpc.result("system_chain").asText()).isEqualTo("Development");
        // far over the limit (declared 100 MB): refused from the headers alone, and the connection is closed
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", rpc.port())) {
            s.getOutputStream()
                    .write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 100000000\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.setSoTimeout(10_000);
            String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer)
                    .startsWith("HTTP/1.1 413")
                    .containsIgnoringCase("connection: close")
                    .contains("request too large");
        }
        assertThat(rpc.result("system_chain").asText()).isEqualTo("Development");
    }

    @Test
    void webSocketSubscriptionsAndWatchedSubmission() throws Exception {
        try (RpcClient.Ws ws = rpc.ws()) {
            ws.send(RpcClient.request(1, "chain_subscribeNewHeads").toString());
            JsonNode sub = ws.next();
            String id = sub.get("result").asText();
            JsonNode first = ws.next();
            assertThat(first.get("method").asText()).isEqualTo("chain_newHead");
            assertThat(first.at("/params/subscription").asText()).isEqualTo(id);
            Extrinsic x = transfer("Dave", "Eve", TAO);
            ws.send(RpcClient.request(2, "author_submitAndWatchExtrinsic", Hex.toHex(x.encode()))
                    .toString());
            List<String> statuses = new ArrayList<>();
            String watchId = null;
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline && !statuses.contains("finalized")) {
                JsonNode m = ws.next();
                if (m.has("id") && m.get("id").asInt() == 2) {
                    assertThat(statuses)
                            .as("the id comes before its notifications")
                            .isEmpty();
                    watchId = m.get("result").asText();
                } else if ("author_extrinsicUpdate".equals(m.path("method").asText())) {
                    assertThat(m.at("/params/subscription").asText()).isEqualTo(watchId);
                    JsonNode s = m.at("/params/result");
                    statuses.add(s.isTextual() ? s.asText() : s.fieldNames().next());
                }
            }
            assertThat(statuses).containsExactly("ready", "inBlock", "finalized");
            ws.send(RpcClient.request(3, "chain_unsubscribeNewHeads", id).toString());
            // a parse error over WebSocket is answered and the socket stays usable
            ws.send("{");
            ws.send(RpcClient.request(4, "system_chain").toString());
            boolean sawParseError = false;
            boolean sawChain = false;
            while (!(sawParseError && sawChain)) {
                JsonNode m = ws.next();
                sawParseError |= m.at("/error/code").asInt() == RpcErrors.PARSE_ERROR;
                sawChain |= m.path("id").asInt() == 4
                        && "Development".equals(m.path("result").asText());
            }
        }
    }

    @Test
    void metricsAreServed() throws Exception {
        rpc.result("system_chain");
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.metricsPort() + "/metrics"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "tao_block_height",
                        "tao_pool_size",
                        "tao_block_extrinsics_bucket",
                        "tao_rpc_request_seconds_count{method=\"system_chain\"}");
    }
}
