package org.tao4j.sdk.axon;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.wire.SignedRequest;
import org.tao4j.sdk.wire.WireProtocol;

/**
 * A hand-driven caller for forging requests: builds the protocol's headers itself so a test can
 * break exactly one thing. Closes its HttpClient on close.
 */
final class RawCaller implements AutoCloseable {
    final Ed25519.KeyPair key;
    final String ss58;
    final HttpClient http;
    final String uuid = UUID.randomUUID().toString();

    RawCaller(Ed25519.KeyPair key, HttpClient.Version version) {
        this.key = key;
        this.ss58 = AccountId.of(key.publicKey()).toSs58();
        this.http = HttpClient.newBuilder()
                .version(version)
                .connectTimeout(Duration.ofSeconds(3))
                .build();
    }

    static long now() {
        return WireProtocol.epochNanos(Instant.now());
    }

    SignedRequest sign(AccountId axon, long nonce, byte[] body) {
        return SignedRequest.sign(key, ss58, axon.toSs58(), nonce, uuid, body);
    }

    HttpResponse<String> post(
            int port,
            String synapse,
            SignedRequest s,
            byte[] body,
            long timeoutMillis,
            UnaryOperator<Map<String, String>> edit)
            throws IOException, InterruptedException {
        Map<String, String> headers = edit.apply(new java.util.LinkedHashMap<>(s.headers(timeoutMillis)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + synapse))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((k, v) -> {
            if (v != null) {
                b.header(k, v);
            }
        });
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(int port, String synapse, SignedRequest s, byte[] body)
            throws IOException, InterruptedException {
        return post(port, synapse, s, body, 5000, h -> h);
    }

    @Override
    public void close() {
        http.close();
    }
}
