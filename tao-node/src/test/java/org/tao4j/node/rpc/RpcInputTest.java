package org.tao4j.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tao4j.core.kv.StorageException;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;

/**
 * The small input rules of the RPC (issue 12, attack 10): one JSON value per request, exact ids,
 * 0x-prefixed hex, internal errors that reveal nothing, and JSON (never HTML) for every HTTP error.
 */
class RpcInputTest {

    static Node node;
    static RpcClient rpc;

    @BeforeAll
    static void start() throws Exception {
        node = Node.start(NodeConfig.forDev()
                .withTmp(true)
                .withRpc(0, false)
                .withMetricsPort(-1)
                .withInstant(true));
        rpc = new RpcClient(node.rpcPort());
        node.dispatcher().methods().register(new RpcMethod() {
            @Override
            public String name() {
                return "test_storageFault";
            }

            @Override
            public JsonNode execute(RpcContext ctx, Params params) {
                throw new StorageException("IO error: /home/operator/.tao/db/000042.sst: Input/output error");
            }
        });
        node.dispatcher().methods().register(new RpcMethod() {
            @Override
            public String name() {
                return "test_bug";
            }

            @Override
            public JsonNode execute(RpcContext ctx, Params params) {
                throw new IllegalStateException("secret internal state at /var/lib/tao/db");
            }
        });
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static JsonNode post(String body) throws Exception {
        return RpcClient.JSON.readTree(rpc.post(body).body());
    }

    @Test
    void trailingGarbageIsAParseError() throws Exception {
        JsonNode r = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system_chain\"} garbage");
        assertThat(r.at("/error/code").asInt()).isEqualTo(RpcErrors.PARSE_ERROR);
        JsonNode two = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system_chain\"}{\"jsonrpc\":\"2.0\",\"id\":2}");
        assertThat(two.at("/error/code").asInt()).isEqualTo(RpcErrors.PARSE_ERROR);
        assertThat(two.at("/error/message").asText()).contains("trailing data");
        assertThat(post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system_chain\"}] 1")
                        .at("/error/code")
                        .asInt())
                .isEqualTo(RpcErrors.PARSE_ERROR);
        // trailing whitespace is not garbage
        assertThat(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system_chain\"}\n  ")
                        .get("result")
                        .asText())
                .isEqualTo("Development");
    }

    @Test
    void numericIdsAreIntegersEchoedExactly() throws Exception {
        for (String id : new String[] {"1e999999999", "1.5", "1e3", "18446744073709551616", "-1e999999999"}) {
            JsonNode r = post("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"system_chain\"}");
            assertThat(r.at("/error/code").asInt()).as(id).isEqualTo(RpcErrors.INVALID_REQUEST);
            assertThat(r.at("/error/message").asText()).as(id).contains("numeric 'id' must be an integer");
            assertThat(r.get("id").isNull()).as(id).isTrue();
            assertThat(r.toString()).doesNotContain("Infinity");
        }
        String max = rpc.post("{\"jsonrpc\":\"2.0\",\"id\":9223372036854775807,\"method\":\"system_chain\"}")
                .body();
        assertThat(max).contains("\"id\":9223372036854775807");
        String text = rpc.post("{\"jsonrpc\":\"2.0\",\"id\":\"1e999999999\",\"method\":\"system_chain\"}")
                .body();
        assertThat(text).contains("\"id\":\"1e999999999\"");
    }

    @Test
    void hexWithoutThePrefixIsRefused() throws Exception {
        String genesis = rpc.result("chain_getBlockHash", 0).asText();
        JsonNode bare = rpc.call("chain_getBlock", genesis.substring(2));
        assertThat(bare.at("/error/code").asInt()).isEqualTo(RpcErrors.INVALID_PARAMS);
        assertThat(bare.at("/error/message").asText()).contains("0x prefix is missing");
        assertThat(rpc.call("chain_getBlock", genesis).has("result")).isTrue();
        JsonNode submit = rpc.call("author_submitExtrinsic", "0102");
        assertThat(submit.at("/error/code").asInt()).isEqualTo(RpcErrors.INVALID_PARAMS);
        assertThat(submit.at("/error/message").asText()).contains("0x prefix is missing");
    }

    @Test
    void internalErrorsRevealNothing() throws Exception {
        for (String m : new String[] {"test_storageFault", "test_bug"}) {
            JsonNode r = rpc.call(m);
            assertThat(r.at("/error/code").asInt()).isEqualTo(RpcErrors.INTERNAL_ERROR);
            String msg = r.at("/error/message").asText();
            assertThat(msg)
                    .matches("internal error: .*reference [0-9a-f]{8}")
                    .doesNotContain("/", "sst", "Exception", "secret");
        }
    }

    @Test
    void everyHttpErrorIsJsonNeverHtml() throws Exception {
        String[] requests = {
            "BLAH\r\n\r\n", // not HTTP
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", // bad length
            "POST / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n", // headers too large
            "GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", // wrong method
            "POST /%zz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", // bad URI
        };
        for (String req : requests) {
            String resp = rawExchange(req);
            String label = req.substring(0, Math.min(30, req.length()));
            assertThat(resp).as(label).startsWith("HTTP/1.1 4");
            assertThat(resp.toLowerCase())
                    .as(label)
                    .contains("content-type: application/json")
                    .doesNotContain("<html");
            String body = resp.substring(resp.indexOf("\r\n\r\n") + 4);
            JsonNode json = RpcClient.JSON.readTree(body.isBlank() ? "{}" : body);
            assertThat(json.at("/error/code").isInt()).as(label + ": " + body).isTrue();
        }
    }

    /** Sends raw bytes, reads until the server closes (or 10 s pass). */
    private static String rawExchange(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", node.rpcPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    got.write(buf, 0, n);
                    String sofar = got.toString(StandardCharsets.ISO_8859_1);
                    int head = sofar.indexOf("\r\n\r\n");
                    if (head >= 0) {
                        int cl = sofar.toLowerCase().indexOf("content-length: ");
                        if (cl >= 0 && cl < head) {
                            int len = Integer.parseInt(sofar.substring(cl + 16, sofar.indexOf("\r\n", cl))
                                    .trim());
                            if (got.size() >= head + 4 + len) {
                                break;
                            }
                        }
                    }
                }
            } catch (java.net.SocketException e) {
                // reset after the answer: what was read is what counts
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
