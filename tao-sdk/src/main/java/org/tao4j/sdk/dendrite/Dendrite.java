package org.tao4j.sdk.dendrite;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.AxonEndpoint;
import org.tao4j.sdk.StreamingSynapse;
import org.tao4j.sdk.Synapse;
import org.tao4j.sdk.dendrite.AxonResult.Outcome;
import org.tao4j.sdk.wire.ErrorBody;
import org.tao4j.sdk.wire.SignedRequest;
import org.tao4j.sdk.wire.SynapseCodec;
import org.tao4j.sdk.wire.WireProtocol;

/**
 * A neuron's client: signs requests with its hotkey, sends them to axons over one pooled
 * {@link HttpClient} (HTTP/1.1 keep-alive by default, or HTTP/2 over h2c), verifies every
 * answer's signature against the hotkey it addressed, and keeps per-axon statistics.
 *
 * <p>Queries never throw: every axon yields an {@link AxonResult}, timeouts and dead axons
 * included, and a fan-out completes within its timeout whatever the axons do.
 *
 * <p><b>Lanes.</b> The axon requires each nonce to exceed the last one it saw for the same
 * (hotkey, uuid). Concurrent requests from one client can overtake each other on the way, so
 * one uuid per dendrite would get its own requests refused as replays. Instead the dendrite
 * keeps a pool of uuids ("lanes") and never has two requests in flight on one lane; nonces
 * come from one monotonic clock, so on each lane they rise in the order the axon sees them.
 */
public final class Dendrite implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dendrite.class);

    private final Ed25519.KeyPair keyPair;
    private final AccountId hotkey;
    private final String ss58;
    private final HttpClient client;
    private final ExecutorService executor;
    private final SynapseCodec codec;
    private final int maxResponseBytes;
    private final AxonStatsPool stats = new AxonStatsPool();
    private final AtomicLong lastNonce = new AtomicLong();
    private final ConcurrentLinkedDeque<String> idleLanes = new ConcurrentLinkedDeque<>();
    private final boolean http2;
    // SS58 of each axon hotkey, encoded once (a BLAKE2b-512 and a base-58 encoding each time otherwise)
    private final Map<AccountId, String> axonSs58 = new ConcurrentHashMap<>();
    // HTTP/2 only: per host:port, the bodiless HEAD / over which the JDK client upgrades to h2c
    private final Map<String, CompletableFuture<Void>> upgraded = new ConcurrentHashMap<>();

    private Dendrite(Builder b) {
        this.keyPair = b.keyPair;
        this.hotkey = AccountId.of(b.keyPair.publicKey());
        this.ss58 = hotkey.toSs58();
        this.codec = b.codec;
        this.maxResponseBytes = b.maxResponseBytes;
        this.http2 = b.version == HttpClient.Version.HTTP_2;
        this.executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("dendrite-", 0).factory());
        this.client = HttpClient.newBuilder()
                .version(b.version)
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    public static Builder builder(Ed25519.KeyPair hotkey) {
        return new Builder(hotkey);
    }

    public AccountId hotkey() {
        return hotkey;
    }

    /** Per-axon latency and failure statistics of everything this dendrite has sent. */
    public AxonStatsPool stats() {
        return stats;
    }

    /** Queries one axon. The future always completes normally, within {@code timeout}. */
    public <Q, R> CompletableFuture<AxonResult<R>> call(
            AxonEndpoint axon, Synapse<Q, R> synapse, Q request, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] body = codec.write(request);
        return send(axon, synapse, body, WireProtocol.hashHex(body), deadline);
    }

    /**
     * Sends {@code request} to every axon at once and gathers one result per axon, in the order
     * given. The future always completes normally, within {@code timeout}.
     */
    public <Q, R> CompletableFuture<List<AxonResult<R>>> query(
            Collection<AxonEndpoint> axons, Synapse<Q, R> synapse, Q request, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] body = codec.write(request);
        String bodyHash = WireProtocol.hashHex(body);
        List<CompletableFuture<AxonResult<R>>> calls = new ArrayList<>(axons.size());
        for (AxonEndpoint axon : axons) {
            calls.add(send(axon, synapse, body, bodyHash, deadline));
        }
        return CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0]))
                .thenApply(v -> calls.stream().map(CompletableFuture::join).toList());
    }

    /**
     * A streaming query, sent when the returned stream is first consumed (subscribed to or
     * iterated). Chunks arrive as the axon sends them; the stream is verified at its end frame.
     */
    public <Q, C> SynapseStream<C> stream(
            AxonEndpoint axon, StreamingSynapse<Q, C> synapse, Q request, Duration timeout) {
        byte[] body = codec.write(request);
        return new SynapseStream<>(() -> new StreamSession<>(this, axon, synapse, body, timeout));
    }

    @Override
    public void close() {
        client.shutdownNow();
        executor.shutdownNow();
    }

    // ---- one call ----

    private <R> CompletableFuture<AxonResult<R>> send(
            AxonEndpoint axon, Synapse<?, R> synapse, byte[] body, String bodyHash, long deadline) {
        long start = System.nanoTime();
        long remaining = deadline - start;
        if (remaining <= 0) {
            return CompletableFuture.completedFuture(
                    local(axon, Outcome.TIMEOUT, start, "timeout", "no time left to send"));
        }
        Lane lane = new Lane(acquireLane());
        try {
            long nonce = nextNonce();
            HttpRequest req = request(axon, synapse.name(), body, bodyHash, nonce, lane.uuid, remaining)
                    .header("content-type", WireProtocol.JSON)
                    .build();
            // the exchange itself, so a timeout can abort it (cancelling a dependent stage would not)
            AtomicReference<CompletableFuture<?>> exchange = new AtomicReference<>();
            CompletableFuture<HttpResponse<byte[]>> http = upgrade(axon, remaining)
                    .thenCompose(v -> {
                        CompletableFuture<HttpResponse<byte[]>> f =
                                client.sendAsync(req, LimitedBody.handler(maxResponseBytes));
                        exchange.set(f);
                        return f;
                    });
            CompletableFuture<AxonResult<R>> result = http.handle((resp, failure) -> {
                lane.release();
                if (resp != null && http2 && resp.version() != HttpClient.Version.HTTP_2) {
                    upgraded.remove(hostPort(axon)); // the connection was replaced: upgrade again next time
                }
                try {
                    return resp != null
                            ? answered(
                                    axon,
                                    synapse.responseType(),
                                    resp.statusCode(),
                                    resp.headers(),
                                    resp.body(),
                                    nonce,
                                    lane.uuid,
                                    start)
                            : failed(axon, failure, start);
                } catch (RuntimeException e) {
                    // a result, never an exception: whatever the axon sent, the fan-out completes
                    return local(
                            axon,
                            Outcome.INVALID_RESPONSE,
                            start,
                            "bad_response",
                            e.getClass().getSimpleName());
                }
            });
            AxonResult<R> timedOut = null;
            CompletableFuture<AxonResult<R>> bounded = result.completeOnTimeout(
                            timedOut, remaining, TimeUnit.NANOSECONDS)
                    .thenApply(r -> {
                        if (r != null) {
                            return r;
                        }
                        CompletableFuture<?> x = exchange.get();
                        if (x != null) {
                            x.cancel(true); // frees the connection or stream of an axon that will not answer in time
                        }
                        http.cancel(true);
                        lane.release();
                        return local(axon, Outcome.TIMEOUT, start, "timeout", "no answer within the timeout");
                    });
            bounded.thenAccept(r -> record(r, start));
            return bounded;
        } catch (RuntimeException e) {
            lane.release();
            AxonResult<R> r = local(axon, Outcome.FAILED, start, "client_error", e.toString());
            record(r, start);
            return CompletableFuture.completedFuture(r);
        }
    }

    /**
     * The JDK client attempts the h2c upgrade only on a request without a body, so an HTTP/2
     * dendrite sends {@code HEAD /} once per axon and its POSTs then share that HTTP/2
     * connection. Failures are ignored: the POST itself reports an unreachable axon.
     */
    CompletableFuture<Void> upgrade(AxonEndpoint axon, long remainingNanos) {
        if (!http2) {
            return CompletableFuture.completedFuture(null);
        }
        String k = hostPort(axon);
        CompletableFuture<Void> existing = upgraded.get(k);
        if (existing != null) {
            return existing;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        existing = upgraded.putIfAbsent(k, mine);
        if (existing != null) {
            return existing;
        }
        HttpRequest head = HttpRequest.newBuilder(axon.uri("/"))
                .timeout(Duration.ofNanos(remainingNanos))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build();
        client.sendAsync(head, HttpResponse.BodyHandlers.discarding()).whenComplete((r, x) -> {
            if (r == null || r.version() != HttpClient.Version.HTTP_2) {
                upgraded.remove(k, mine); // try again on the next call
            }
            mine.complete(null);
        });
        return mine;
    }

    private String ss58Of(AxonEndpoint axon) {
        if (axonSs58.size() > 65_536) {
            axonSs58.clear(); // a bound, not an eviction policy: a metagraph has far fewer axons
        }
        return axonSs58.computeIfAbsent(axon.hotkey(), AccountId::toSs58);
    }

    private static String hostPort(AxonEndpoint axon) {
        return axon.host() + ":" + axon.port();
    }

    HttpRequest.Builder request(
            AxonEndpoint axon,
            String synapse,
            byte[] body,
            String bodyHash,
            long nonce,
            String uuid,
            long remainingNanos) {
        SignedRequest signed = SignedRequest.sign(keyPair, ss58, ss58Of(axon), nonce, uuid, bodyHash);
        HttpRequest.Builder rb = HttpRequest.newBuilder(axon.uri("/" + synapse))
                .timeout(Duration.ofNanos(remainingNanos))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        long timeoutMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos));
        signed.headers(timeoutMillis).forEach(rb::header);
        return rb;
    }

    <R> AxonResult<R> answered(
            AxonEndpoint axon,
            Class<R> type,
            int status,
            HttpHeaders headers,
            byte[] body,
            long nonce,
            String uuid,
            long start) {
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        AccountId verified = verify(axon, headers, body, nonce, uuid) ? axon.hotkey() : null;
        if (status == 200) {
            if (verified == null) {
                return new AxonResult<>(
                        axon,
                        Outcome.INVALID_RESPONSE,
                        status,
                        null,
                        latency,
                        null,
                        "bad_response_signature",
                        "the answer is not signed by the addressed axon hotkey",
                        null);
            }
            try {
                return new AxonResult<>(
                        axon, Outcome.OK, status, codec.read(body, type), latency, verified, null, null, null);
            } catch (IOException e) {
                return new AxonResult<>(
                        axon,
                        Outcome.INVALID_RESPONSE,
                        status,
                        null,
                        latency,
                        verified,
                        "bad_response_body",
                        "the answer is not a valid " + type.getSimpleName(),
                        null);
            }
        }
        ErrorBody err = errorBody(body);
        Outcome outcome = status == 408 ? Outcome.TIMEOUT : Outcome.REJECTED;
        return new AxonResult<>(
                axon,
                outcome,
                status,
                null,
                latency,
                verified,
                err == null ? "http_" + status : err.error(),
                err == null ? null : err.message(),
                err == null ? headers.firstValue(WireProtocol.ERROR_ID_HEADER).orElse(null) : err.errorId());
    }

    /** Whether the answer is signed by the axon we addressed, over this request's fields. */
    boolean verify(AxonEndpoint axon, HttpHeaders headers, byte[] body, long nonce, String uuid) {
        String sig = headers.firstValue(WireProtocol.SIGNATURE_HEADER).orElse(null);
        if (sig == null) {
            return false;
        }
        String hash = WireProtocol.hashHex(body);
        String claimed = headers.firstValue(WireProtocol.RESPONSE_HASH_HEADER).orElse(hash);
        if (!claimed.equals(hash)) {
            return false;
        }
        return verifyHash(axon, hash, sig, nonce, uuid);
    }

    boolean verifyHash(AxonEndpoint axon, String hash, String sigHex, long nonce, String uuid) {
        byte[] sig;
        try {
            sig = WireProtocol.parseSignature(sigHex);
        } catch (RuntimeException e) {
            return false;
        }
        byte[] msg = WireProtocol.signedMessage(nonce, ss58, ss58Of(axon), uuid, hash);
        return Ed25519.verify(axon.hotkey().bytes(), msg, sig);
    }

    ErrorBody errorBody(byte[] body) {
        try {
            return codec.read(body, ErrorBody.class);
        } catch (IOException | RuntimeException e) {
            return null; // not our error shape (a proxy, or not an axon at all)
        }
    }

    <R> AxonResult<R> failed(AxonEndpoint axon, Throwable failure, long start) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof HttpConnectTimeoutException) {
            return local(axon, Outcome.UNREACHABLE, start, "connect_timeout", "could not connect in time");
        }
        if (t instanceof HttpTimeoutException || t instanceof CancellationException) {
            return local(axon, Outcome.TIMEOUT, start, "timeout", "no answer within the timeout");
        }
        if (t instanceof LimitedBody.TooLargeException) {
            return local(axon, Outcome.INVALID_RESPONSE, start, "response_too_large", t.getMessage());
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return local(axon, Outcome.UNREACHABLE, start, "connect_failed", "connection refused or no route");
            }
        }
        LOG.debug("dendrite.call_failed axon={} cause={}", axon, t.toString());
        return local(
                axon,
                Outcome.FAILED,
                start,
                "io_error",
                t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
    }

    <R> AxonResult<R> local(AxonEndpoint axon, Outcome outcome, long start, String error, String message) {
        return new AxonResult<>(
                axon, outcome, 0, null, Duration.ofNanos(System.nanoTime() - start), null, error, message, null);
    }

    void record(AxonResult<?> r, long start) {
        boolean answered = r.httpStatus() > 0 && r.outcome() != Outcome.TIMEOUT;
        stats.record(r.axon(), r.outcome(), r.latency().toNanos(), answered);
    }

    // ---- nonces and lanes ----

    /** Epoch nanoseconds, strictly increasing across all of this dendrite's requests. */
    long nextNonce() {
        long now = WireProtocol.epochNanos(Instant.now());
        return lastNonce.accumulateAndGet(now, (prev, t) -> Math.max(prev + 1, t));
    }

    String acquireLane() {
        String lane = idleLanes.pollFirst();
        return lane != null ? lane : UUID.randomUUID().toString();
    }

    void releaseLane(String lane) {
        idleLanes.offerFirst(lane);
    }

    /** A lane held by one call, released once whichever of answer or timeout comes first. */
    final class Lane {
        final String uuid;
        private final AtomicBoolean released = new AtomicBoolean();

        Lane(String uuid) {
            this.uuid = uuid;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                releaseLane(uuid);
            }
        }
    }

    HttpClient client() {
        return client;
    }

    SynapseCodec codec() {
        return codec;
    }

    int maxResponseBytes() {
        return maxResponseBytes;
    }

    /** Sends a streaming request and waits for the answer's head; for {@link StreamSession}. */
    HttpResponse<InputStream> openStream(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Configures a {@link Dendrite}. */
    public static final class Builder {
        private final Ed25519.KeyPair keyPair;
        private HttpClient.Version version = HttpClient.Version.HTTP_1_1;
        private Duration connectTimeout = Duration.ofSeconds(3);
        private int maxResponseBytes = 8 << 20;
        private SynapseCodec codec = new SynapseCodec();

        private Builder(Ed25519.KeyPair keyPair) {
            this.keyPair = Objects.requireNonNull(keyPair, "hotkey");
        }

        /** HTTP/1.1 with keep-alive (default) or HTTP/2 (upgraded from h2c on first use). */
        public Builder version(HttpClient.Version v) {
            this.version = Objects.requireNonNull(v);
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = Objects.requireNonNull(d);
            return this;
        }

        /** Largest answer accepted; default 8 MiB. Larger ones are INVALID_RESPONSE. */
        public Builder maxResponseBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("max response must be >= 1 byte, got " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        public Builder codec(SynapseCodec codec) {
            this.codec = Objects.requireNonNull(codec);
            return this;
        }

        public Dendrite build() {
            return new Dendrite(this);
        }
    }
}
