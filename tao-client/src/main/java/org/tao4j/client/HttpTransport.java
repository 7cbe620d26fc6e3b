package org.tao4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** JSON-RPC over HTTP POST: one request per call (plain calls only; no subscriptions). */
final class HttpTransport implements Transport {

    private final URI uri;
    private final HttpClient http;
    private final ClientOptions options;
    private final AtomicLong ids = new AtomicLong(1);
    private volatile boolean closed;

    HttpTransport(URI uri, HttpClient http, ClientOptions options) {
        this.uri = uri;
        this.http = http;
        this.options = options;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public CompletableFuture<JsonNode> call(String method, ArrayNode params, Duration timeout) {
        if (closed) {
            return CompletableFuture.failedFuture(new ClientClosedException("the client is closed"));
        }
        String body = Codec.write(Codec.request(ids.getAndIncrement(), method, params));
        HttpRequest req = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        CompletableFuture<HttpResponse<String>> sent;
        try {
            sent = http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new ClientClosedException("the client is closed"));
        }
        return sent.handle((resp, err) -> {
            if (err != null) {
                throw Errors.httpFailure(uri, method, timeout, err, options.connectTimeout());
            }
            return result(method, resp);
        });
    }

    private JsonNode result(String method, HttpResponse<String> resp) {
        JsonNode n;
        try {
            n = Codec.parse(resp.body());
        } catch (IOException e) {
            throw new UnexpectedResponseException(
                    "'" + method + "' to " + uri + " got HTTP " + resp.statusCode()
                            + " and a body that is not JSON: is this a tao node's RPC port?",
                    e);
        }
        if (n == null || !n.isObject()) {
            throw new UnexpectedResponseException("'" + method + "' to " + uri + " got HTTP " + resp.statusCode()
                    + " without a JSON-RPC response object");
        }
        if (n.hasNonNull("error")) {
            throw Codec.error(n.get("error"));
        }
        if (!n.has("result")) {
            throw new UnexpectedResponseException("'" + method + "' to " + uri + " got HTTP " + resp.statusCode()
                    + " and a response with neither result nor error");
        }
        return n.get("result");
    }

    @Override
    public void close() {
        closed = true;
    }
}
