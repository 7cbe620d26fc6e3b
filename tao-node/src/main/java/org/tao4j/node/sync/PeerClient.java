package org.tao4j.node.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * One sync peer, reached through its JSON-RPC port: requests over HTTP (a block download may be
 * larger than a WebSocket connection's output bound), the finalized-head subscription over WebSocket.
 * Every answer is bounded ({@link #MAX_RESPONSE_BYTES}, {@link #REQUEST_TIMEOUT}); a peer that exceeds a
 * bound or answers nonsense fails with a {@link PeerException} naming what it did.
 */
final class PeerClient implements AutoCloseable {

    /** The largest answer read from a peer (a {@code sync_getBlocks} reply is at most about 10 MiB of hex). */
    static final int MAX_RESPONSE_BYTES = 24 << 20;
    /** The largest WebSocket message read from a peer (a header notification is under 1 kB). */
    static final int MAX_NOTIFICATION_CHARS = 64 << 10;
    /** How long one request may take. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A peer failed: unreachable, too slow, too large, malformed, or it refused (one-line message). */
    static class PeerException extends Exception {
        PeerException(String message) {
            super(message);
        }
    }

    /** The peer answered a JSON-RPC error. */
    static final class ErrorReply extends PeerException {
        final int code;

        ErrorReply(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private final HttpClient http;
    final URI address;
    private final URI httpUri;
    private final AtomicLong ids = new AtomicLong();
    private volatile WebSocket socket;

    PeerClient(HttpClient http, URI address) {
        this.http = http;
        this.address = address;
        String scheme = address.getScheme().equals("wss") ? "https" : "http";
        this.httpUri = URI.create(scheme + "://" + address.getHost() + ":" + address.getPort() + "/");
    }

    /** Calls a method; returns its result, or throws with the peer's error. */
    JsonNode call(String method, Object... params) throws PeerException {
        ObjectNode req = JSON.createObjectNode()
                .put("jsonrpc", "2.0")
                .put("id", ids.incrementAndGet())
                .put("method", method);
        ArrayNode ps = req.putArray("params");
        for (Object p : params) {
            ps.add(JSON.valueToTree(p));
        }
        HttpRequest r = HttpRequest.newBuilder(httpUri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(req.toString()))
                .build();
        byte[] body;
        try {
            HttpResponse<InputStream> resp = http.send(r, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = resp.body()) {
                body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            }
            if (resp.statusCode() != 200) {
                throw new PeerException("answered " + method + " with HTTP " + resp.statusCode());
            }
        } catch (IOException e) {
            throw new PeerException("unreachable (" + method + "): "
                    + (e instanceof java.net.ConnectException
                                    || e instanceof java.nio.channels.ClosedChannelException
                                    || e.getMessage() == null
                            ? "no connection (is it running? is the address right?)"
                            : oneLine(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted");
        }
        if (body.length > MAX_RESPONSE_BYTES) {
            throw new PeerException(
                    "answered " + method + " with more than " + MAX_RESPONSE_BYTES + " bytes (the bound is that)");
        }
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (IOException e) {
            throw new PeerException("answered " + method + " with malformed JSON");
        }
        if (n == null || !n.isObject()) {
            throw new PeerException("answered " + method + " with something other than a JSON-RPC response");
        }
        JsonNode err = n.get("error");
        if (err != null && !err.isNull()) {
            throw new ErrorReply(
                    err.path("code").asInt(), clip(err.path("message").asText()));
        }
        if (!n.has("result")) {
            throw new PeerException("answered " + method + " without a result");
        }
        return n.get("result");
    }

    /**
     * Subscribes to the peer's finalized heads over WebSocket; {@code onFinalized} gets each number,
     * {@code onClosed} runs when the connection ends.
     */
    void subscribeFinalized(LongConsumer onFinalized, Runnable onClosed) throws PeerException {
        WebSocket.Listener l = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                if (partial.length() + data.length() > MAX_NOTIFICATION_CHARS) {
                    ws.abort(); // a header notification is far smaller: the peer misbehaves
                    onClosed.run();
                    return null;
                }
                partial.append(data);
                if (last) {
                    try {
                        JsonNode n = JSON.readTree(partial.toString());
                        JsonNode res = n.path("params").path("result");
                        if ("chain_finalizedHead".equals(n.path("method").asText())
                                && res.path("number").canConvertToLong()) {
                            onFinalized.accept(res.path("number").asLong());
                        }
                    } catch (IOException | RuntimeException e) {
                        // a malformed notification is ignored: the loop polls sync_hello as well
                    }
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                onClosed.run();
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                onClosed.run();
            }
        };
        try {
            WebSocket ws = http.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(address, l)
                    .get(10, TimeUnit.SECONDS);
            socket = ws;
            ws.sendText(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"chain_subscribeFinalizedHeads\",\"params\":[]}",
                            true)
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted");
        } catch (Exception e) {
            throw new PeerException("cannot subscribe to finalized heads over WebSocket: " + oneLine(e));
        }
    }

    static String oneLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null
                && (t.getMessage() == null || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return clip(m.replace('\n', ' '));
    }

    static String clip(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    @Override
    public void close() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    @Override
    public String toString() {
        return address.toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
