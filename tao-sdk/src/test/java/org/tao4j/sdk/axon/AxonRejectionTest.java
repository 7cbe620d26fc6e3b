package org.tao4j.sdk.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.Hex;
import org.tao4j.sdk.Echo;
import org.tao4j.sdk.InMemoryNeuronDirectory;
import org.tao4j.sdk.TestKeys;
import org.tao4j.sdk.wire.SignedRequest;
import org.tao4j.sdk.wire.WireProtocol;

/**
 * Every way the axon must refuse a request, over real HTTP on loopback: the right status and
 * error code, and the handler never runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AxonRejectionTest {
    static final int MAX_BODY = 4096;
    static final ObjectMapper JSON = new ObjectMapper();

    final Ed25519.KeyPair minerKey = TestKeys.key(10);
    final AccountId miner = TestKeys.id(minerKey);
    final Ed25519.KeyPair validatorKey = TestKeys.key(11);
    final Ed25519.KeyPair strangerKey = TestKeys.key(12);
    final AtomicInteger handled = new AtomicInteger();
    Axon axon;
    RawCaller validator;
    RawCaller stranger;
    int port;
    int before;

    @BeforeAll
    void start() {
        InMemoryNeuronDirectory dir = new InMemoryNeuronDirectory().register(TestKeys.id(validatorKey), 5_000, true);
        axon = Axon.builder(minerKey, dir)
                .host("127.0.0.1")
                .port(0)
                .maxBodyBytes(MAX_BODY)
                .headerReadTimeout(Duration.ofMillis(600))
                .bodyReadTimeout(Duration.ofMillis(600))
                .serve(Echo.ECHO, (ask, ctx) -> {
                    handled.incrementAndGet();
                    if (ask.text().equals("boom")) {
                        throw new IllegalStateException("secret internal detail /etc/axon.conf");
                    }
                    if (ask.sleepMillis() > 0) {
                        Thread.sleep(ask.sleepMillis());
                    }
                    return new Echo.Answer(ask.text());
                })
                .start();
        port = axon.port();
        validator = new RawCaller(validatorKey, HttpClient.Version.HTTP_1_1);
        stranger = new RawCaller(strangerKey, HttpClient.Version.HTTP_1_1);
    }

    @AfterAll
    void stop() {
        validator.close();
        stranger.close();
        axon.close();
    }

    @BeforeEach
    void count() {
        before = handled.get();
    }

    static byte[] body(String text) {
        return ("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    void assertRejected(HttpResponse<String> r, int status, String error) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode j = json(r);
        assertThat(j.get("status").asInt()).isEqualTo(status);
        assertThat(j.get("error").asText()).isEqualTo(error);
        assertThat(j.get("errorId").asText()).matches("[0-9a-f]{16}");
        assertThat(r.headers().firstValue(WireProtocol.ERROR_ID_HEADER))
                .hasValue(j.get("errorId").asText());
        assertThat(handled.get()).as("handler must not run").isEqualTo(before);
    }

    /** The axon's response signature, checked by hand against the request's fields. */
    boolean responseVerifies(HttpResponse<String> r, SignedRequest s) {
        String sig = r.headers().firstValue(WireProtocol.SIGNATURE_HEADER).orElse(null);
        if (sig == null) {
            return false;
        }
        String hash = WireProtocol.hashHex(r.body().getBytes(StandardCharsets.UTF_8));
        assertThat(r.headers().firstValue(WireProtocol.RESPONSE_HASH_HEADER)).hasValue(hash);
        byte[] msg = WireProtocol.signedMessage(s.nonce(), s.caller(), s.axon(), s.uuid(), hash);
        return Ed25519.verify(miner.bytes(), msg, Hex.fromHex(sig));
    }

    @Test
    void acceptsAWellFormedRequestAndSignsTheAnswer() throws Exception {
        byte[] b = body("hello");
        SignedRequest s = validator.sign(miner, RawCaller.now(), b);
        HttpResponse<String> r = validator.post(port, "Echo", s, b);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("text").asText()).isEqualTo("hello");
        assertThat(responseVerifies(r, s)).isTrue();
        assertThat(handled.get()).isEqualTo(before + 1);
    }

    @Test
    void tamperedBody() throws Exception {
        SignedRequest s = validator.sign(miner, RawCaller.now(), body("pay 1"));
        HttpResponse<String> r = validator.post(port, "Echo", s, body("pay 9"));
        assertRejected(r, 401, "bad_body_hash");
        assertThat(r.headers().firstValue(WireProtocol.SIGNATURE_HEADER)).isEmpty();
    }

    @Test
    void replayedNonce() throws Exception {
        byte[] b = body("once");
        SignedRequest s = validator.sign(miner, RawCaller.now(), b);
        assertThat(validator.post(port, "Echo", s, b).statusCode()).isEqualTo(200);
        before = handled.get();
        assertRejected(validator.post(port, "Echo", s, b), 401, "replayed_nonce");
    }

    @Test
    void lowerNonceOnTheSameUuid() throws Exception {
        byte[] b = body("order");
        long n = RawCaller.now();
        assertThat(validator.post(port, "Echo", validator.sign(miner, n, b), b).statusCode())
                .isEqualTo(200);
        before = handled.get();
        assertRejected(validator.post(port, "Echo", validator.sign(miner, n - 1_000, b), b), 401, "replayed_nonce");
    }

    @Test
    void oldNonce() throws Exception {
        byte[] b = body("late");
        // window = 8 s + the 5 s timeout; one second beyond it
        long old = RawCaller.now() - Duration.ofSeconds(14).toNanos();
        assertRejected(validator.post(port, "Echo", validator.sign(miner, old, b), b), 401, "stale_nonce");
    }

    @Test
    void futureNonce() throws Exception {
        byte[] b = body("early");
        long future = RawCaller.now() + Duration.ofSeconds(14).toNanos();
        assertRejected(validator.post(port, "Echo", validator.sign(miner, future, b), b), 401, "future_nonce");
    }

    @Test
    void nonceWindowGrowsWithTheTimeout() throws Exception {
        byte[] b = body("slow path");
        long old = RawCaller.now() - Duration.ofSeconds(14).toNanos();
        // the same age passes with a 10 s timeout: 8 s + 10 s window (on a fresh uuid, whose last nonce is unknown)
        try (RawCaller fresh = new RawCaller(validatorKey, HttpClient.Version.HTTP_1_1)) {
            HttpResponse<String> r = fresh.post(port, "Echo", fresh.sign(miner, old, b), b, 10_000, h -> h);
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void wrongTargetHotkey() throws Exception {
        byte[] b = body("misrouted");
        AccountId other = TestKeys.id(TestKeys.key(99));
        SignedRequest s = validator.sign(other, RawCaller.now(), b);
        assertRejected(validator.post(port, "Echo", s, b), 401, "wrong_axon");
    }

    @Test
    void signedForAnotherAxonButRelabelled() throws Exception {
        byte[] b = body("relabelled");
        AccountId other = TestKeys.id(TestKeys.key(99));
        SignedRequest s = validator.sign(other, RawCaller.now(), b);
        HttpResponse<String> r = validator.post(port, "Echo", s, b, 5000, h -> {
            h.put(WireProtocol.AXON_HEADER, miner.toSs58());
            return h;
        });
        assertRejected(r, 401, "bad_signature");
    }

    @Test
    void missingSignature() throws Exception {
        byte[] b = body("unsigned");
        SignedRequest s = validator.sign(miner, RawCaller.now(), b);
        HttpResponse<String> r = validator.post(port, "Echo", s, b, 5000, h -> {
            h.remove(WireProtocol.SIGNATURE_HEADER);
            return h;
        });
        assertRejected(r, 401, "missing_signature");
    }

    @Test
    void emptySignature() throws Exception {
        // bittensor#3392: an empty signature skipped verification altogether
        byte[] b = body("empty");
        SignedRequest s = validator.sign(miner, RawCaller.now(), b).withSignature("");
        assertRejected(validator.post(port, "Echo", s, b), 401, "missing_signature");
    }

    @Test
    void signatureOfAnotherKey() throws Exception {
        byte[] b = body("forged");
        SignedRequest real = validator.sign(miner, RawCaller.now(), b);
        String forged = strangerKey.sign(real.message()).toHex();
        assertRejected(validator.post(port, "Echo", real.withSignature(forged), b), 401, "bad_signature");
    }

    @Test
    void unregisteredCaller() throws Exception {
        byte[] b = body("who am i");
        SignedRequest s = stranger.sign(miner, RawCaller.now(), b);
        HttpResponse<String> r = stranger.post(port, "Echo", s, b);
        assertRejected(r, 403, "blacklisted");
        // the caller is authenticated by then, so the refusal is signed by the axon
        assertThat(responseVerifies(r, s)).isTrue();
    }

    @Test
    void oversizedBody() throws Exception {
        byte[] b = body("x".repeat(MAX_BODY));
        SignedRequest s = validator.sign(miner, RawCaller.now(), b);
        assertRejected(validator.post(port, "Echo", s, b), 413, "body_too_large");
    }

    @Test
    void oversizedChunkedBody() throws Exception {
        // no Content-Length: the limit must hold while reading
        byte[] b = body("y".repeat(MAX_BODY));
        SignedRequest s = validator.sign(miner, RawCaller.now(), b);
        try (Socket sock = new Socket("127.0.0.1", port)) {
            sock.setSoTimeout(5000);
            OutputStream out = sock.getOutputStream();
            StringBuilder head = new StringBuilder("POST /Echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n");
            s.headers(5000)
                    .forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            boolean cutOff = false;
            try {
                out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
                for (int off = 0; off < b.length; off += 1000) {
                    int n = Math.min(1000, b.length - off);
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(b, off, n);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.net.SocketException e) {
                // the axon answered 413 and closed while we were still sending: that is the refusal
                cutOff = true;
            }
            String answer;
            try {
                answer = readAll(sock.getInputStream());
            } catch (java.net.SocketException e) {
                answer = ""; // reset before we could read the 413: only possible when cut off
            }
            if (!cutOff || !answer.isEmpty()) {
                assertThat(answer).startsWith("HTTP/1.1 413");
                assertThat(answer).contains("\"error\":\"body_too_large\"");
            }
            assertThat(cutOff || answer.startsWith("HTTP/1.1 413"))
                    .as("the oversized body was refused")
                    .isTrue();
        }
        assertThat(handled.get()).isEqualTo(before);
    }

    @Test
    void slowLorisHeaders() throws Exception {
        long before408 = axon.answered(408);
        try (Socket sock = new Socket("127.0.0.1", port)) {
            sock.setSoTimeout(200);
            OutputStream out = sock.getOutputStream();
            InputStream in = sock.getInputStream();
            byte[] head =
                    "POST /Echo HTTP/1.1\r\nHost: x\r\nX-Trickle: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                            .getBytes(StandardCharsets.US_ASCII);
            // a generous deadline: the event awaited is the server closing the connection
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            boolean closed = false;
            // one byte every ~200 ms (the read timeout): never idle long enough for an idle timeout, and the
            // header never ends (after the prefix it goes on with more 'a's until the server cuts it off)
            for (int i = 0; !closed && System.nanoTime() < deadline; i++) {
                try {
                    out.write(i < head.length ? head[i] : 'a');
                    out.flush();
                } catch (IOException e) {
                    closed = true;
                    break;
                }
                try {
                    int n;
                    byte[] buf = new byte[1024];
                    while ((n = in.read(buf)) > 0) {
                        answer.write(buf, 0, n);
                    }
                    if (n < 0) {
                        closed = true;
                    }
                } catch (SocketTimeoutException e) {
                    // nothing yet
                }
            }
            assertThat(closed)
                    .as("server closed the trickling connection (within a generous 60 s)")
                    .isTrue();
            assertThat(answer.toString(StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 408")
                    .contains("header_timeout");
        }
        assertThat(axon.answered(408)).isGreaterThan(before408);
        assertThat(handled.get()).isEqualTo(before);
    }

    @Test
    void slowLorisBody() throws Exception {
        byte[] b = body("z".repeat(200));
        SignedRequest s = validator.sign(miner, RawCaller.now(), b);
        try (Socket sock = new Socket("127.0.0.1", port)) {
            sock.setSoTimeout(200);
            OutputStream out = sock.getOutputStream();
            StringBuilder head =
                    new StringBuilder("POST /Echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + b.length + "\r\n");
            s.headers(5000)
                    .forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the body trickles at one byte per ~200 ms: all of it would take 40 s, far past the request's
            // 5 s deadline; the event awaited is the server cutting it off before the body is complete
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            boolean closed = false;
            int sent = 0;
            for (int i = 0; i < b.length && !closed; i++) {
                try {
                    out.write(b[i]);
                    sent++;
                    out.flush();
                } catch (IOException e) {
                    closed = true;
                    break;
                }
                try {
                    int n;
                    byte[] buf = new byte[1024];
                    while ((n = sock.getInputStream().read(buf)) > 0) {
                        answer.write(buf, 0, n);
                    }
                    closed = n < 0;
                } catch (SocketTimeoutException e) {
                    // nothing yet
                }
            }
            assertThat(closed).isTrue();
            assertThat(sent).as("cut off before the whole body was sent").isLessThan(b.length);
            assertThat(answer.toString(StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 408")
                    .contains("deadline_exceeded");
        }
        assertThat(handled.get()).isEqualTo(before);
    }

    @Test
    void unknownSynapse() throws Exception {
        byte[] b = body("nobody");
        SignedRequest s = validator.sign(miner, RawCaller.now(), b);
        assertRejected(validator.post(port, "Nope", s, b), 404, "unknown_synapse");
    }

    @Test
    void malformedNonce() throws Exception {
        byte[] b = body("bad nonce");
        SignedRequest s = validator.sign(miner, RawCaller.now(), b);
        HttpResponse<String> r = validator.post(port, "Echo", s, b, 5000, h -> {
            h.put(WireProtocol.NONCE_HEADER, "0012");
            return h;
        });
        assertRejected(r, 400, "malformed");
        assertThat(json(r).get("message").asText()).contains(WireProtocol.NONCE_HEADER);
    }

    @Test
    void duplicatedProtocolHeader() throws Exception {
        byte[] b = body("twice");
        SignedRequest s = validator.sign(miner, RawCaller.now(), b);
        // a second nonce header: which one was signed would be up to the reader, so neither is taken
        HttpResponse<String> r = validator.http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/Echo"))
                        .headers(s.headers(5000).entrySet().stream()
                                .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                                .toArray(String[]::new))
                        .header(WireProtocol.NONCE_HEADER, Long.toString(s.nonce() + 1))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(b))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertRejected(r, 400, "malformed");
        assertThat(json(r).get("message").asText()).contains("more than once");
    }

    @Test
    void oversizedHeaderBlock() throws Exception {
        byte[] b = body("fat");
        SignedRequest s = validator.sign(miner, RawCaller.now(), b);
        HttpResponse<String> r = validator.post(port, "Echo", s, b, 5000, h -> {
            h.put("x-padding", "p".repeat(9000));
            return h;
        });
        assertThat(r.statusCode()).isEqualTo(431);
        assertThat(json(r).get("error").asText()).isEqualTo("headers_too_large");
        assertThat(handled.get()).isEqualTo(before);
    }

    @Test
    void missingCaller() throws Exception {
        byte[] b = body("anonymous");
        SignedRequest s = validator.sign(miner, RawCaller.now(), b);
        HttpResponse<String> r = validator.post(port, "Echo", s, b, 5000, h -> {
            h.remove(WireProtocol.CALLER_HEADER);
            return h;
        });
        assertRejected(r, 400, "malformed");
    }

    @Test
    void undecodableJsonIsRefusedAfterAuthentication() throws Exception {
        byte[] b = "[not json".getBytes(StandardCharsets.UTF_8);
        SignedRequest s = validator.sign(miner, RawCaller.now(), b);
        HttpResponse<String> r = validator.post(port, "Echo", s, b);
        assertRejected(r, 400, "malformed_body");
        assertThat(responseVerifies(r, s)).isTrue();
    }

    @Test
    void handlerErrorLeaksNothing() throws Exception {
        byte[] b = body("boom");
        SignedRequest s = validator.sign(miner, RawCaller.now(), b);
        HttpResponse<String> r = validator.post(port, "Echo", s, b);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(json(r).get("error").asText()).isEqualTo("handler_error");
        assertThat(r.body())
                .doesNotContain("secret")
                .doesNotContain("IllegalState")
                .doesNotContain("axon.conf");
        assertThat(responseVerifies(r, s)).isTrue();
    }

    @Test
    void handlerPastItsDeadlineIsAnswered408() throws Exception {
        // the handler would take 120 s; the 300 ms deadline ends it (the bound below is generous: it only
        // says the answer came at the deadline, not when the handler would have finished)
        byte[] b = "{\"text\":\"slow\",\"sleepMillis\":120000}".getBytes(StandardCharsets.UTF_8);
        SignedRequest s = validator.sign(miner, RawCaller.now(), b);
        long start = System.nanoTime();
        HttpResponse<String> r = validator.post(port, "Echo", s, b, 300, h -> h);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.statusCode()).isEqualTo(408);
        assertThat(json(r).get("error").asText()).isEqualTo("deadline_exceeded");
        assertThat(took).isLessThan(Duration.ofSeconds(60));
        assertThat(responseVerifies(r, s)).isTrue();
    }

    @Test
    void getIsRefused() throws Exception {
        HttpResponse<String> r = validator.http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/Echo"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertRejected(r, 405, "method_not_allowed");
    }

    @Test
    void garbageHttpGetsJsonWithoutServerDetails() throws Exception {
        try (Socket sock = new Socket("127.0.0.1", port)) {
            sock.setSoTimeout(5000);
            sock.getOutputStream().write("BLAH\u0001 / HTTP/9.9\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String answer = readAll(sock.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(answer).contains("\"error\":\"malformed\"").doesNotContainIgnoringCase("jetty");
        }
    }

    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        try {
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // the server keeps the connection: what came so far is the answer
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
