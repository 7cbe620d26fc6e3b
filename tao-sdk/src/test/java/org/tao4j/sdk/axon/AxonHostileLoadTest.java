package org.tao4j.sdk.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.Echo;
import org.tao4j.sdk.InMemoryNeuronDirectory;
import org.tao4j.sdk.TestKeys;
import org.tao4j.sdk.dendrite.AxonResult;
import org.tao4j.sdk.dendrite.Dendrite;
import org.tao4j.sdk.wire.SignedRequest;

/**
 * Hostile load on a real axon (Jetty on a free loopback port, real Ed25519 signatures): the
 * attacks of issue 12 (§5, §6), each while a registered validator keeps querying. Asserts what
 * the axon answered (status codes, error codes, its own counters), that every valid validator
 * request succeeds, that the axon's structures stay within their bounds, and that it serves
 * normally afterwards.
 */
class AxonHostileLoadTest {
    private static final Duration VALIDATOR_TIMEOUT = Duration.ofSeconds(20);

    /**
     * Attack 5: a flood of signed requests from fresh keys (and from one registered key on fresh
     * lanes), each on a new lane with a nonce 8 s ahead, far more of them than the replay cache
     * holds. Before the fix they evicted the validator's lanes and raised a shared floor, and the
     * validator's new lanes got 401 replayed_nonce.
     */
    @Test
    void aReplayCacheFloodFromManyKeysNeverFailsARegisteredValidator() throws Exception {
        Ed25519.KeyPair minerKey = TestKeys.key(70);
        Ed25519.KeyPair validatorKey = TestKeys.key(71);
        Ed25519.KeyPair registeredFlooder = TestKeys.key(72);
        InMemoryNeuronDirectory dir = new InMemoryNeuronDirectory()
                .register(TestKeys.id(validatorKey), 5_000, true)
                .register(TestKeys.id(registeredFlooder), 1, false);
        // small pools, so that a flood a loaded CI machine can send in seconds overflows each many times
        int registeredCap = 512;
        int openCap = 128;
        int freshKeyRequests = 1_500;
        int registeredFloodRequests = 600; // together 4x registeredCap: a shared cache would have overflowed
        try (Axon axon = Axon.builder(minerKey, dir)
                .host("127.0.0.1")
                .port(0)
                .nonceCacheEntries(registeredCap)
                .nonceLanesPerCaller(32)
                .openNonceCacheEntries(openCap)
                .serve(Echo.ECHO, (ask, ctx) -> new Echo.Answer(ask.text()))
                .start()) {
            AtomicBoolean attacking = new AtomicBoolean(true);
            Map<Integer, LongAdder> attackStatuses = new ConcurrentHashMap<>();
            AtomicInteger sent = new AtomicInteger();
            ExecutorService attackers = Executors.newFixedThreadPool(6);
            List<CompletableFuture<Void>> attackDone = new ArrayList<>();
            HttpClient attackHttp = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String axonSs58 = axon.hotkey().toSs58();
            int port = axon.port();
            for (int t = 0; t < 6; t++) {
                boolean registeredThread = t == 0;
                int quota = registeredThread ? registeredFloodRequests : freshKeyRequests / 5;
                attackDone.add(CompletableFuture.runAsync(
                        () -> {
                            for (int i = 0; i < quota; i++) {
                                Ed25519.KeyPair k = registeredThread ? registeredFlooder : freshKey();
                                int status = flood(attackHttp, port, axonSs58, k);
                                attackStatuses
                                        .computeIfAbsent(status, s -> new LongAdder())
                                        .increment();
                                sent.incrementAndGet();
                            }
                        },
                        attackers));
            }
            CompletableFuture<Void> allAttacks = CompletableFuture.allOf(attackDone.toArray(new CompletableFuture[0]))
                    .whenComplete((v, x) -> attacking.set(false));

            // the validator: a fresh dendrite (fresh lanes, the case a raised floor refuses) per round
            List<AxonResult<Echo.Answer>> results = new CopyOnWriteArrayList<>();
            int roundsDuringAttack = 0;
            while (attacking.get()) {
                results.addAll(validatorRound(validatorKey, axon, 3));
                roundsDuringAttack++;
            }
            allAttacks.get(5, TimeUnit.MINUTES);
            attackers.shutdown();
            attackHttp.close();

            assertThat(roundsDuringAttack)
                    .as("validator rounds that overlapped the flood")
                    .isGreaterThanOrEqualTo(3);
            assertThat(results).allSatisfy(r -> {
                assertThat(r.httpStatus())
                        .as("validator answer %s %s", r.outcome(), r.error())
                        .isEqualTo(200);
                assertThat(r.ok()).isTrue();
                assertThat(r.verified()).isTrue();
            });
            // what the axon answered the flood: fresh keys are unregistered (403 after their nonce
            // was stored in the open pool); the registered flooder is served
            assertThat(sent.get()).isEqualTo(freshKeyRequests + registeredFloodRequests);
            assertThat(count(attackStatuses, 403)).isGreaterThan(0);
            assertThat(count(attackStatuses, 200)).isGreaterThan(0);
            assertThat(attackStatuses.keySet()).as("flood statuses").isSubsetOf(200, 401, 403);
            assertThat(axon.answered("blacklisted")).isEqualTo(count(attackStatuses, 403));
            assertThat(axon.answered("replayed_nonce")).isEqualTo(count(attackStatuses, 401));
            // the flood really overflowed the open pool and pushed its floor (the attack happened)...
            assertThat(axon.nonces().evictedLive(false)).isGreaterThan(0);
            assertThat(axon.nonces().floor(false)).isGreaterThan(Long.MIN_VALUE);
            // ...and the registered flooder paid with its own floor, never the pool's
            assertThat(axon.nonces().callerFloor(TestKeys.id(registeredFlooder)))
                    .isGreaterThan(Long.MIN_VALUE);
            assertThat(axon.nonces().floor(true)).isEqualTo(Long.MIN_VALUE);
            // (the validator, on 3 fresh lanes a round, may outgrow its own 32 lanes too: its floor
            // then comes from its own older nonces, which its new requests exceed, as asserted above)
            // bounded: every pool within its limits
            assertThat(axon.replayCacheLanes(false)).isLessThanOrEqualTo(openCap);
            assertThat(axon.replayCacheCallers(false)).isLessThanOrEqualTo(openCap);
            assertThat(axon.replayCacheLanes(true)).isLessThanOrEqualTo(registeredCap);
            // and the connections: every one the flood and the validator rounds opened was counted back
            await(() -> axon.openConnections() <= 8, "the flood's connections closed");
            assertThat(axon.connectionsRefusedPerAddress()).isZero();

            // after the attack: normal service, for the validator and for a newly registered caller
            assertThat(validatorRound(validatorKey, axon, 3))
                    .allSatisfy(r -> assertThat(r.ok()).isTrue());
            Ed25519.KeyPair newcomer = TestKeys.key(73);
            dir.register(TestKeys.id(newcomer), 10, false);
            assertThat(validatorRound(newcomer, axon, 2))
                    .allSatisfy(r -> assertThat(r.ok()).isTrue());
        }
    }

    /**
     * Attack 6: low-stake callers (five registered keys, no permit) open many streams and never
     * read. Each key is held to its per-caller share (the rest get 429 caller_over_capacity); the
     * streams that run fill the general slots and stall, and are cut by the write timeout. A
     * permit-holding validator runs on the reserved slots meanwhile; a high-stake caller without
     * a permit waits at the head of the queue and runs once the cut streams free their slots.
     */
    @Test
    void stalledStreamsOfLowStakeCallersNeitherBlockAValidatorNorHoldTheirSlots() throws Exception {
        Ed25519.KeyPair minerKey = TestKeys.key(80);
        Ed25519.KeyPair validatorKey = TestKeys.key(81);
        Ed25519.KeyPair richKey = TestKeys.key(82);
        InMemoryNeuronDirectory dir = new InMemoryNeuronDirectory()
                .register(TestKeys.id(validatorKey), 5_000, true)
                .register(TestKeys.id(richKey), 4_000, false);
        List<Ed25519.KeyPair> lowKeys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Ed25519.KeyPair k = TestKeys.key(90 + i);
            lowKeys.add(k);
            dir.register(TestKeys.id(k), 1, false);
        }
        int handlers = 16;
        int reserved = 4;
        int perCaller = 4; // running
        int pendingPerCaller = 5; // running or waiting
        int streamsPerKey = 7;
        byte[] chunk = new byte[32 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        String chunkText = new String(chunk, StandardCharsets.US_ASCII);
        java.util.concurrent.atomic.AtomicReference<Axon> axonRef = new java.util.concurrent.atomic.AtomicReference<>();
        AtomicInteger validatorSawRunning = new AtomicInteger();
        try (Axon axon = Axon.builder(minerKey, dir)
                .host("127.0.0.1")
                .port(0)
                .maxConcurrentHandlers(handlers)
                .reservedHandlers(reserved)
                .maxRunningPerCaller(perCaller)
                .maxPendingPerCaller(pendingPerCaller)
                .writeTimeout(Duration.ofSeconds(5))
                .serve(Echo.ECHO, (ask, ctx) -> {
                    Axon self = axonRef.get();
                    if (ctx.caller().hotkey().equals(TestKeys.id(validatorKey))) {
                        validatorSawRunning.accumulateAndGet(self.runningHandlers(), Math::max);
                    }
                    return new Echo.Answer(ask.text());
                })
                .serveStream(Echo.TOKENS, (ask, sink, ctx) -> {
                    // an endless stream: only the caller's reading (or the cut) stops it
                    for (int i = 0; ; i++) {
                        sink.send(new Echo.Token(i, chunkText));
                    }
                })
                .start()) {
            axonRef.set(axon);
            List<Socket> streams = new ArrayList<>();
            try {
                for (Ed25519.KeyPair k : lowKeys) {
                    for (int i = 0; i < streamsPerKey; i++) {
                        streams.add(openStalledStream(axon, k));
                    }
                }
                int admitted = lowKeys.size() * pendingPerCaller; // 25: 12 run on the general slots, 13 wait
                int refused = lowKeys.size() * (streamsPerKey - pendingPerCaller);
                await(() -> axon.answered("caller_over_capacity") == refused, "the per-caller refusals");
                // the streams that started (each counts its 200 when it commits): the general slots are full
                await(() -> axon.answered(200) >= handlers - reserved, "the general slots filled by streams");

                // the validator (permit) is served on the reserved slots, every query within its deadline
                List<AxonResult<Echo.Answer>> during = validatorRound(validatorKey, axon, 3);
                assertThat(validatorSawRunning.get())
                        .as("running handlers seen by the validator's handler")
                        .isGreaterThan(handlers - reserved);
                // the high-stake caller without a permit: queued first, served once cuts free slots
                List<AxonResult<Echo.Answer>> rich = validatorRound(richKey, axon, 2);
                assertThat(during)
                        .allSatisfy(r -> assertThat(r.httpStatus())
                                .as("%s %s", r.outcome(), r.error())
                                .isEqualTo(200));
                assertThat(rich)
                        .allSatisfy(r -> assertThat(r.httpStatus())
                                .as("%s %s", r.outcome(), r.error())
                                .isEqualTo(200));

                // every admitted stream ran, stalled and was cut by the write timeout
                await(() -> axon.answered("write_timeout") == admitted, "all admitted streams cut");
                await(() -> axon.runningHandlers() == 0 && axon.waitingRequests() == 0, "slots freed");
                assertThat(axon.answered(200)).isGreaterThanOrEqualTo(admitted + during.size() + rich.size());
                assertThat(axon.answered("caller_over_capacity")).isEqualTo(refused);
                assertThat(axon.answered("deadline_exceeded")).isZero();
                assertThat(axon.admission().owners()).isZero();

                // what each attacker socket received: a 429, or a 200 stream that ends without an end frame
                int cut = 0;
                int tooMany = 0;
                for (Socket s : streams) {
                    String got = drain(s);
                    assertThat(got).as("the axon closed the connection").doesNotContain("(still open");
                    if (got.startsWith("HTTP/1.1 429")) {
                        assertThat(got).contains("caller_over_capacity");
                        tooMany++;
                    } else {
                        assertThat(got).startsWith("HTTP/1.1 200");
                        assertThat(got).contains("event: chunk").doesNotContain("event: end");
                        cut++;
                    }
                }
                assertThat(tooMany).isEqualTo(refused);
                assertThat(cut).isEqualTo(admitted);
            } finally {
                for (Socket s : streams) {
                    s.close();
                }
            }
            // afterwards: normal service
            assertThat(validatorRound(validatorKey, axon, 3))
                    .allSatisfy(r -> assertThat(r.ok()).isTrue());
            assertThat(validatorRound(richKey, axon, 3))
                    .allSatisfy(r -> assertThat(r.ok()).isTrue());
        }
    }

    /**
     * Over HTTP/2 the write timeout resets only the stalled stream: the caller's connection (and
     * its other streams) live on. The stream's reader never signals demand, so the client stops
     * opening its flow-control window and the axon's writes wait.
     */
    @Test
    void aStalledHttp2StreamIsResetAndItsConnectionServesOn() throws Exception {
        Ed25519.KeyPair minerKey = TestKeys.key(100);
        Ed25519.KeyPair callerKey = TestKeys.key(101);
        InMemoryNeuronDirectory dir = new InMemoryNeuronDirectory().register(TestKeys.id(callerKey), 1, false);
        String chunkText = "y".repeat(16 * 1024);
        try (Axon axon = Axon.builder(minerKey, dir)
                        .host("127.0.0.1")
                        .port(0)
                        .writeTimeout(Duration.ofSeconds(1))
                        .serve(Echo.ECHO, (ask, ctx) -> new Echo.Answer(ask.text()))
                        .serveStream(Echo.TOKENS, (ask, sink, ctx) -> {
                            for (int i = 0; ; i++) {
                                sink.send(new Echo.Token(i, chunkText));
                            }
                        })
                        .start();
                RawCaller h2 = new RawCaller(callerKey, HttpClient.Version.HTTP_2)) {
            HttpResponse<String> info = h2.http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + axon.port() + "/"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(info.version()).isEqualTo(HttpClient.Version.HTTP_2);

            byte[] body = "{\"text\":\"stall\",\"sleepMillis\":0}".getBytes(StandardCharsets.UTF_8);
            SignedRequest s = h2.sign(axon.hotkey(), RawCaller.now(), body);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + axon.port() + "/Tokens"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            s.headers(30_000).forEach(b::header);
            CompletableFuture<Integer> status = new CompletableFuture<>();
            CompletableFuture<HttpResponse<Void>> stalled = h2.http.sendAsync(b.build(), info2 -> {
                status.complete(info2.statusCode());
                return HttpResponse.BodySubscribers.fromSubscriber(
                        new java.util.concurrent.Flow.Subscriber<List<java.nio.ByteBuffer>>() {
                            @Override
                            public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                                // never requests: the reader stalls
                            }

                            @Override
                            public void onNext(List<java.nio.ByteBuffer> item) {}

                            @Override
                            public void onError(Throwable throwable) {}

                            @Override
                            public void onComplete() {}
                        });
            });
            assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            await(() -> axon.answered("write_timeout") == 1, "the stalled stream cut");
            await(() -> axon.runningHandlers() == 0, "its slot freed");
            assertThat(axon.answered("deadline_exceeded")).isZero();

            // the same client, over the same HTTP/2 connection: served as before (had the axon closed
            // it, these POSTs would go over a new HTTP/1.1 connection: the JDK client upgrades to
            // h2c only over a bodiless request)
            byte[] echo = "{\"text\":\"after\"}".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r =
                        h2.post(axon.port(), "Echo", h2.sign(axon.hotkey(), RawCaller.now(), echo), echo);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
            }
            stalled.cancel(true);
        }
    }

    // ---- helpers ----

    private static Ed25519.KeyPair freshKey() {
        byte[] seed = new byte[32];
        ThreadLocalRandom.current().nextBytes(seed);
        return Ed25519.KeyPair.fromSeed(seed);
    }

    /** One signed flood request on a new lane, nonce 8 s ahead; returns the axon's status. */
    private static int flood(HttpClient http, int port, String axonSs58, Ed25519.KeyPair key) {
        byte[] body = "{\"text\":\"flood\",\"sleepMillis\":0}".getBytes(StandardCharsets.UTF_8);
        String ss58 = AccountId.of(key.publicKey()).toSs58();
        long nonce = RawCaller.now() + TimeUnit.SECONDS.toNanos(8);
        SignedRequest s =
                SignedRequest.sign(key, ss58, axonSs58, nonce, UUID.randomUUID().toString(), body);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/Echo"))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        s.headers(5000).forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("flood request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code n} concurrent Echo calls from a fresh dendrite (so on fresh lanes). */
    private static List<AxonResult<Echo.Answer>> validatorRound(Ed25519.KeyPair key, Axon axon, int n)
            throws Exception {
        try (Dendrite d = Dendrite.builder(key).build()) {
            List<CompletableFuture<AxonResult<Echo.Answer>>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(d.call(axon.endpoint(), Echo.ECHO, new Echo.Ask("v" + i), VALIDATOR_TIMEOUT));
            }
            List<AxonResult<Echo.Answer>> out = new ArrayList<>();
            for (CompletableFuture<AxonResult<Echo.Answer>> c : calls) {
                out.add(c.get(VALIDATOR_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS));
            }
            return out;
        }
    }

    /** A streaming request over its own HTTP/1.1 connection, with a tiny receive buffer, never read. */
    private static Socket openStalledStream(Axon axon, Ed25519.KeyPair key) throws IOException {
        byte[] body = "{\"text\":\"stall\",\"sleepMillis\":0}".getBytes(StandardCharsets.UTF_8);
        String ss58 = AccountId.of(key.publicKey()).toSs58();
        SignedRequest s = SignedRequest.sign(
                key,
                ss58,
                axon.hotkey().toSs58(),
                RawCaller.now(),
                UUID.randomUUID().toString(),
                body);
        Socket sock = new Socket();
        sock.setReceiveBufferSize(4096); // before connect, so the window stays small
        sock.connect(new InetSocketAddress("127.0.0.1", axon.port()), 5000);
        StringBuilder head = new StringBuilder("POST /Tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n");
        s.headers(60_000)
                .forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        sock.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        sock.getOutputStream().write(body);
        sock.getOutputStream().flush();
        return sock;
    }

    /**
     * Reads what the axon sent until it closed the connection (or reset it): the status line and
     * headers (the whole answer for a 429), and whether chunks and an end frame came.
     */
    private static String drain(Socket s) throws IOException {
        s.setSoTimeout(2_000);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        boolean sawChunk = false;
        boolean sawEnd = false;
        boolean closed = false;
        byte[] buf = new byte[64 * 1024];
        String tail = "";
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        InputStream in = s.getInputStream();
        while (System.nanoTime() < end) {
            int n;
            try {
                n = in.read(buf);
            } catch (java.net.SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                closed = true; // reset by the axon's cut
                break;
            }
            if (n < 0) {
                closed = true;
                break;
            }
            if (head.size() < 4096) {
                head.write(buf, 0, Math.min(n, 4096 - head.size()));
            }
            String text = tail + new String(buf, 0, n, StandardCharsets.US_ASCII);
            sawChunk |= text.contains("event: chunk");
            sawEnd |= text.contains("event: end");
            tail = text.substring(Math.max(0, text.length() - 16));
        }
        String h = head.toString(StandardCharsets.US_ASCII);
        int cut = h.indexOf("\r\n\r\n");
        String statusAndHeaders = cut < 0 ? h : h.substring(0, cut);
        String open = closed ? "" : "\n(still open after 60 s)";
        if (h.startsWith("HTTP/1.1 429")) {
            return h + open;
        }
        return statusAndHeaders + (sawChunk ? "\nevent: chunk" : "") + (sawEnd ? "\nevent: end" : "") + open;
    }

    private static long count(Map<Integer, LongAdder> m, int status) {
        LongAdder a = m.get(status);
        return a == null ? 0 : a.sum();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached in 60 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
