package org.tao4j.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A minimal JSON-RPC client over HTTP for the network tests. */
final class Rpc {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;
    private final AtomicLong ids = new AtomicLong(1);

    Rpc(int port) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/");
    }

    JsonNode call(String method, Object... params) throws IOException, InterruptedException {
        ObjectNode req = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", ids.getAndIncrement());
        req.put("method", method);
        ArrayNode p = req.putArray("params");
        for (Object o : params) {
            p.add(JSON.valueToTree(o));
        }
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(10))
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(req.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    JsonNode result(String method, Object... params) throws IOException, InterruptedException {
        JsonNode r = call(method, params);
        if (r.has("error")) {
            throw new IOException(method + " failed: " + r.get("error"));
        }
        return r.get("result");
    }

    /** The consensus status, or null when the node does not answer. */
    JsonNode statusOrNull() {
        try {
            return result("tao_consensusStatus");
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
