package org.tao4j.sdk.dendrite;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.AxonEndpoint;
import org.tao4j.sdk.Echo;
import org.tao4j.sdk.InMemoryNeuronDirectory;
import org.tao4j.sdk.TestKeys;
import org.tao4j.sdk.axon.Axon;
import org.tao4j.sdk.dendrite.AxonResult.Outcome;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DendriteTest {
    final Ed25519.KeyPair minerKey = TestKeys.key(30);
    final Ed25519.KeyPair validatorKey = TestKeys.key(31);
    Axon axon;
    /** Handlers asked "gated" wait here until the test opens it: "slow" by an event, not by a sleep. */
    final CountDownLatch gate = new CountDownLatch(1);

    final CountDownLatch gatedEntered = new CountDownLatch(8);

    @BeforeAll
    void start() {
        InMemoryNeuronDirectory dir = new InMemoryNeuronDirectory().register(TestKeys.id(validatorKey), 10, true);
        axon = Axon.builder(minerKey, dir)
                .host("127.0.0.1")
                .port(0)
                .serve(Echo.ECHO, (ask, ctx) -> {
                    if (ask.text().equals("gated")) {
                        gatedEntered.countDown();
                        gate.await();
                    }
                    if (ask.sleepMillis() > 0) {
                        Thread.sleep(ask.sleepMillis());
                    }
                    return new Echo.Answer(ask.text());
                })
                .start();
    }

    @AfterAll
    void stop() {
        axon.close();
    }

    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void answersAreVerifiedAndCounted(HttpClient.Version version) {
        try (Dendrite d = Dendrite.builder(validatorKey).version(version).build()) {
            AxonResult<Echo.Answer> r = d.call(axon.endpoint(), Echo.ECHO, new Echo.Ask("hi"), Duration.ofSeconds(5))
                    .join();
            assertThat(r.outcome()).isEqualTo(Outcome.OK);
            assertThat(r.httpStatus()).isEqualTo(200);
            assertThat(r.response().text()).isEqualTo("hi");
            assertThat(r.verifiedHotkey()).isEqualTo(TestKeys.id(minerKey));
            assertThat(r.latency()).isPositive();
            AxonStats s = d.stats().get(axon.endpoint()).orElseThrow();
            assertThat(s.requests()).isEqualTo(1);
            assertThat(s.successes()).isEqualTo(1);
            assertThat(s.p50()).isNotNull();
            assertThat(s.ewmaLatency()).isNotNull();
            assertThat(s.failureRate()).isZero();
        }
    }

    /**
     * Many requests in flight from one dendrite to one axon: they overtake each other on the
     * way, and none may be refused as a replay (the dendrite's lanes).
     */
    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void concurrentCallsAreNeverTakenForReplays(HttpClient.Version version) throws Exception {
        try (Dendrite d = Dendrite.builder(validatorKey).version(version).build()) {
            Semaphore inFlight = new Semaphore(64);
            List<CompletableFuture<AxonResult<Echo.Answer>>> calls = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                inFlight.acquire();
                CompletableFuture<AxonResult<Echo.Answer>> f =
                        d.call(axon.endpoint(), Echo.ECHO, new Echo.Ask("n" + i), Duration.ofSeconds(10));
                f.whenComplete((r, x) -> inFlight.release());
                calls.add(f);
            }
            for (int i = 0; i < calls.size(); i++) {
                AxonResult<Echo.Answer> r = calls.get(i).join();
                assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.OK);
                assertThat(r.response().text()).isEqualTo("n" + i);
            }
            assertThat(d.stats().get(axon.endpoint()).orElseThrow().successes()).isEqualTo(500);
        }
    }

    @Test
    void aSlowHandlerNeverBlocksOthers() throws Exception {
        try (Dendrite d = Dendrite.builder(validatorKey).build()) {
            // 8 handlers held by the gate (they cannot finish until the test opens it), then 50 fast calls:
            // every fast call must be answered while all 8 are still held. No clock is involved.
            List<CompletableFuture<AxonResult<Echo.Answer>>> slow = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                slow.add(d.call(axon.endpoint(), Echo.ECHO, new Echo.Ask("gated"), Duration.ofSeconds(120)));
            }
            assertThat(gatedEntered.await(60, TimeUnit.SECONDS))
                    .as("all 8 gated handlers running")
                    .isTrue();
            List<AxonResult<Echo.Answer>> fast = d.query(
                            java.util.Collections.nCopies(50, axon.endpoint()),
                            Echo.ECHO,
                            new Echo.Ask("fast"),
                            Duration.ofSeconds(60))
                    .join();
            assertThat(fast).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.OK));
            assertThat(slow)
                    .allSatisfy(
                            f -> assertThat(f.isDone()).as("held by the gate").isFalse());
            gate.countDown();
            assertThat(slow).allSatisfy(f -> assertThat(f.join().outcome()).isEqualTo(Outcome.OK));
        }
    }

    @Test
    void timeoutsAndDeadAxonsAreResults() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        AxonEndpoint dead = new AxonEndpoint("127.0.0.1", deadPort, TestKeys.id(TestKeys.key(39)));
        try (Dendrite d = Dendrite.builder(validatorKey).build()) {
            // the handler would take 60 s; the call's 400 ms timeout ends it. The latency is at least the
            // timeout, and far below the handler's time (the generous bound only says the timeout fired)
            AxonResult<Echo.Answer> slow = d.call(
                            axon.endpoint(), Echo.ECHO, new Echo.Ask("zzz", 60_000), Duration.ofMillis(400))
                    .join();
            assertThat(slow.outcome()).isEqualTo(Outcome.TIMEOUT);
            assertThat(slow.latency()).isBetween(Duration.ofMillis(350), Duration.ofSeconds(30));
            AxonResult<Echo.Answer> gone = d.call(dead, Echo.ECHO, new Echo.Ask("x"), Duration.ofSeconds(2))
                    .join();
            assertThat(gone.outcome()).isEqualTo(Outcome.UNREACHABLE);
            assertThat(gone.httpStatus()).isZero();
            assertThat(d.stats().get(dead).orElseThrow().unreachable()).isEqualTo(1);
            assertThat(d.stats().get(dead).orElseThrow().p50()).isNull();
            assertThat(d.stats().get(axon.endpoint()).orElseThrow().timeouts()).isEqualTo(1);
        }
    }

    @Test
    void anAxonAnsweringForAnotherHotkeyIsNotVerified() {
        // the endpoint claims a hotkey the server does not hold: the axon refuses (401, unsigned)
        AxonEndpoint impostor = new AxonEndpoint("127.0.0.1", axon.port(), TestKeys.id(TestKeys.key(38)));
        try (Dendrite d = Dendrite.builder(validatorKey).build()) {
            AxonResult<Echo.Answer> r = d.call(impostor, Echo.ECHO, new Echo.Ask("x"), Duration.ofSeconds(2))
                    .join();
            assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(r.httpStatus()).isEqualTo(401);
            assertThat(r.error()).isEqualTo("wrong_axon");
            assertThat(r.verified()).isFalse();
        }
    }

    @Test
    void forgedAndOversizedAnswersAreInvalid() throws Exception {
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Ed25519.KeyPair wrongKey = TestKeys.key(37);
        fake.createContext("/Echo", ex -> {
            byte[] body = "{\"text\":\"trust me\"}".getBytes(StandardCharsets.UTF_8);
            String hash = org.tao4j.sdk.wire.WireProtocol.hashHex(body);
            ex.getResponseHeaders().add("tao-response-hash", hash);
            ex.getResponseHeaders()
                    .add(
                            "tao-signature",
                            wrongKey.sign(hash.getBytes(StandardCharsets.US_ASCII))
                                    .toHex());
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        fake.createContext("/Big", ex -> {
            byte[] body = new byte[64 * 1024];
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        fake.start();
        try (Dendrite d = Dendrite.builder(validatorKey).maxResponseBytes(4096).build()) {
            AxonEndpoint ep = new AxonEndpoint("127.0.0.1", fake.getAddress().getPort(), TestKeys.id(minerKey));
            AxonResult<Echo.Answer> forged = d.call(ep, Echo.ECHO, new Echo.Ask("x"), Duration.ofSeconds(2))
                    .join();
            assertThat(forged.outcome()).isEqualTo(Outcome.INVALID_RESPONSE);
            assertThat(forged.response()).isNull();
            assertThat(forged.verified()).isFalse();
            AxonResult<Echo.Answer> big = d.call(
                            ep,
                            org.tao4j.sdk.Synapse.of("Big", Echo.Ask.class, Echo.Answer.class),
                            new Echo.Ask("x"),
                            Duration.ofSeconds(2))
                    .join();
            assertThat(big.outcome()).isEqualTo(Outcome.INVALID_RESPONSE);
            assertThat(big.error()).isEqualTo("response_too_large");
        } finally {
            fake.stop(0);
        }
    }
}
