package org.tao4j.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;
import org.tao4j.node.TestNet;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * Thousands of random and mutated requests: every one gets a well-formed JSON-RPC response (or
 * none, for a notification), none is an internal error (an unhandled exception would be), and the
 * node keeps serving afterwards.
 */
class RpcFuzzProperties {

    static Node node;
    static RpcClient rpc;
    static final Set<Integer> KNOWN_CODES = Set.of(
            RpcErrors.PARSE_ERROR,
            RpcErrors.INVALID_REQUEST,
            RpcErrors.METHOD_NOT_FOUND,
            RpcErrors.INVALID_PARAMS,
            RpcErrors.UNKNOWN_BLOCK,
            RpcErrors.STATE_PRUNED,
            RpcErrors.BAD_EXTRINSIC,
            RpcErrors.INVALID_TRANSACTION,
            RpcErrors.ALREADY_IMPORTED,
            RpcErrors.PRIORITY_TOO_LOW,
            RpcErrors.POOL_FULL,
            RpcErrors.WEBSOCKET_ONLY);

    @BeforeContainer
    static void start() throws Exception {
        node = Node.start(NodeConfig.forDev()
                .withTmp(true)
                .withRpc(0, false)
                .withMetricsPort(-1)
                .withBlockTime(java.time.Duration.ofMillis(200))
                .withPoolLimit(64));
        rpc = new RpcClient(node.rpcPort());
    }

    @AfterContainer
    static void stop() {
        node.close();
    }

    static String validTransfer(int nonce) {
        Extrinsic x = Extrinsic.sign(
                TestNet.key("Bob"),
                nonce,
                0,
                1_000_000,
                new Call.Transfer(TestNet.id("Alice"), 1_000_000_000L),
                node.chain().runtime().genesisHash());
        return Hex.toHex(x.encode());
    }

    static final List<String> TEMPLATES = List.of(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"chain_getHeader\",\"params\":[]}",
            "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"chain_getBlockHash\",\"params\":[0]}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tao_getBalance\",\"params\":[\"5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty\"]}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tao_getMetagraph\",\"params\":{\"netuid\":0,\"fields\":\"stake,axons\"}}",
            "[{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"system_chain\"},{\"jsonrpc\":\"2.0\",\"method\":\"rpc_methods\"}]",
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tao_getNeuron\",\"params\":[1,2,\"0x00\"]}",
            "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"author_submitExtrinsic\",\"params\":[\"EXT\"]}",
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tao_getFee\",\"params\":[\"EXT\"]}");

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> base = Arbitraries.of(TEMPLATES).map(t -> t.replace("EXT", validTransfer(0)));
        Arbitrary<List<int[]>> edits = Arbitraries.integers()
                .between(0, 1 << 20)
                .array(int[].class)
                .ofSize(3)
                .list()
                .ofMinSize(1)
                .ofMaxSize(6);
        Arbitrary<Character> junk = Arbitraries.of(
                '{', '}', '[', ']', '"', ',', ':', '0', '9', '-', 'e', '.', 'x', '\\', ' ', 'n', 't', '\u0000',
                '\uFFFF', 'é', '\n');
        return Combinators.combine(base, edits, junk.list().ofSize(6)).as((s, es, cs) -> {
            StringBuilder b = new StringBuilder(s);
            int k = 0;
            for (int[] e : es) {
                if (b.length() == 0) {
                    break;
                }
                int at = e[1] % b.length();
                switch (e[0] % 5) {
                    case 0 -> b.deleteCharAt(at);
                    case 1 -> b.insert(at, cs.get(k++ % cs.size()));
                    case 2 -> b.setCharAt(at, cs.get(k++ % cs.size()));
                    case 3 -> b.setLength(at);
                    default -> b.insert(at, b.substring(at, Math.min(b.length(), at + 1 + e[2] % 20)));
                }
            }
            return b.toString();
        });
    }

    @Provide
    Arbitrary<String> structured() {
        Arbitrary<String> methods = Arbitraries.oneOf(
                Arbitraries.of(node.dispatcher().methods().names()),
                Arbitraries.strings().ofMaxLength(30));
        Arbitrary<JsonNode> values = Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (JsonNode) Json.F.numberNode(i)),
                Arbitraries.longs().map(l -> (JsonNode) Json.F.numberNode(l)),
                Arbitraries.doubles().map(d -> (JsonNode) Json.F.numberNode(d)),
                Arbitraries.strings().ofMaxLength(70).map(s -> (JsonNode) Json.F.textNode(s)),
                Arbitraries.strings()
                        .withChars("0123456789abcdef")
                        .ofMaxLength(80)
                        .map(s -> (JsonNode) Json.F.textNode("0x" + s)),
                Arbitraries.of(
                                "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty",
                                "stake,incentive,axons",
                                "archive",
                                "0x" + "00".repeat(32),
                                "-1",
                                "0x10")
                        .map(s -> (JsonNode) Json.F.textNode(s)),
                Arbitraries.of(true, false).map(b -> (JsonNode) Json.F.booleanNode(b)),
                Arbitraries.just((JsonNode) Json.F.nullNode()),
                Arbitraries.just((JsonNode) Json.F.arrayNode().add(1).add("x")),
                Arbitraries.just((JsonNode) Json.F.objectNode().put("a", 1)));
        Arbitrary<JsonNode> params = Arbitraries.oneOf(
                values.list().ofMaxSize(4).map(l -> {
                    ArrayNode a = Json.array();
                    l.forEach(a::add);
                    return (JsonNode) a;
                }),
                values.list().ofMaxSize(3).map(l -> {
                    ObjectNode o = Json.object();
                    String[] names = {"netuid", "uid", "at", "address", "fields", "hash", "number", "extrinsic"};
                    for (int i = 0; i < l.size(); i++) {
                        o.set(names[(i * 3 + l.size()) % names.length], l.get(i));
                    }
                    return (JsonNode) o;
                }),
                values);
        Arbitrary<JsonNode> ids = Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (JsonNode) Json.F.numberNode(i)),
                Arbitraries.strings().ofMaxLength(5).map(s -> (JsonNode) Json.F.textNode(s)),
                Arbitraries.just((JsonNode) Json.F.nullNode()),
                Arbitraries.just((JsonNode) Json.F.objectNode()));
        return Combinators.combine(methods, params, ids, Arbitraries.of("2.0", "1.0", ""))
                .as((m, p, id, v) -> {
                    ObjectNode o = Json.object();
                    if (!v.isEmpty()) {
                        o.put("jsonrpc", v);
                    }
                    o.set("id", id);
                    o.put("method", m);
                    o.set("params", p);
                    return o.toString();
                });
    }

    static void checkReply(String request, String reply) throws Exception {
        if (reply == null) {
            return; // a notification or a batch of notifications
        }
        JsonNode r = RpcClient.JSON.readTree(reply);
        if (r.isArray()) {
            assertThat(r).as(request).isNotEmpty();
            for (JsonNode one : r) {
                checkResponse(request, one);
            }
        } else {
            checkResponse(request, r);
        }
    }

    static void checkResponse(String request, JsonNode r) {
        assertThat(r.path("jsonrpc").asText()).as(request).isEqualTo("2.0");
        assertThat(r.has("id")).as(request).isTrue();
        assertThat(r.has("result") ^ r.has("error")).as(request).isTrue();
        if (r.has("error")) {
            int code = r.at("/error/code").asInt();
            assertThat(KNOWN_CODES).as("code %d for %s: %s", code, request, r).contains(code);
            assertThat(r.at("/error/message").asText()).as(request).isNotBlank();
        }
    }

    @Property(tries = 2500)
    void mutatedRequestsGetWellFormedAnswers(@ForAll("mutated") String request) throws Exception {
        checkReply(request, node.dispatcher().handle(request, null).text());
    }

    @Property(tries = 2500)
    void structuredNonsenseGetsWellFormedAnswers(@ForAll("structured") String request) throws Exception {
        checkReply(request, node.dispatcher().handle(request, null).text());
    }

    @Property(tries = 1000)
    void randomTextGetsWellFormedAnswers(@ForAll String request) throws Exception {
        checkReply(request, node.dispatcher().handle(request, null).text());
    }

    @Property(tries = 300)
    void overHttpRandomBytesNeverBreakTheServer(@ForAll byte[] body) throws Exception {
        HttpResponse<String> r = rpc.postBytes(body);
        assertThat(r.statusCode()).isIn(200, 413);
        if (!r.body().isEmpty()) {
            checkReply("bytes", r.body());
        }
        assertThat(rpc.result("system_chain").asText()).isEqualTo("Development");
    }
}
