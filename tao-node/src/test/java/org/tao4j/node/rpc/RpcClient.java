package org.tao4j.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A minimal JSON-RPC client over HTTP and WebSocket (JDK HttpClient) for tests. */
public final class RpcClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;
    private final AtomicLong ids = new AtomicLong(1);

    public RpcClient(int port) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/");
    }

    public int port() {
        return uri.getPort();
    }

    /** POSTs a raw body; returns the HTTP response. */
    public HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postBytes(byte[] body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The whole response object of one call. */
    public JsonNode call(String method, Object... params) throws IOException, InterruptedException {
        ObjectNode req = request(ids.getAndIncrement(), method, params);
        return JSON.readTree(post(JSON.writeValueAsString(req)).body());
    }

    /** The result of one call; fails on an error response. */
    public JsonNode result(String method, Object... params) throws IOException, InterruptedException {
        JsonNode r = call(method, params);
        if (r.has("error")) {
            throw new AssertionError(method + " failed: " + r.get("error"));
        }
        return r.get("result");
    }

    public static ObjectNode request(long id, String method, Object... params) {
        ObjectNode req =
                JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        ArrayNode p = req.putArray("params");
        for (Object o : params) {
            p.add(JSON.valueToTree(o));
        }
        return req;
    }

    /** Opens a WebSocket; every text message received lands in {@link Ws#messages}. */
    public Ws ws() throws Exception {
        Ws ws = new Ws();
        ws.socket = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + uri.getPort() + "/"), ws)
                .get(10, TimeUnit.SECONDS);
        return ws;
    }

    /** A WebSocket connection that queues every message it receives. */
    public static final class Ws implements WebSocket.Listener, AutoCloseable {
        public final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        public synchronized void send(String text) {
            socket.sendText(text, true).join();
        }

        public JsonNode next() throws InterruptedException {
            JsonNode n = messages.poll(20, TimeUnit.SECONDS);
            if (n == null) {
                throw new AssertionError("no WebSocket message within 20 s");
            }
            return n;
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
