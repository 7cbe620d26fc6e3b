package org.tao4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Sends JSON-RPC calls; futures fail only with {@link TaoClientException}s. */
interface Transport extends AutoCloseable {

    URI uri();

    /** One call; the future completes with its {@code result} (JSON null for a null result). */
    CompletableFuture<JsonNode> call(String method, ArrayNode params, Duration timeout);

    @Override
    void close();
}
