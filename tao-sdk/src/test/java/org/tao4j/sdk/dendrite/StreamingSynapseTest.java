package org.tao4j.sdk.dendrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.Echo;
import org.tao4j.sdk.Echo.Token;
import org.tao4j.sdk.InMemoryNeuronDirectory;
import org.tao4j.sdk.TestKeys;
import org.tao4j.sdk.axon.Axon;
import org.tao4j.sdk.dendrite.AxonResult.Outcome;

/** Streaming synapses end to end: chunks in order, the signed end frame, and every bad ending. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingSynapseTest {
    final Ed25519.KeyPair minerKey = TestKeys.key(50);
    final Ed25519.KeyPair validatorKey = TestKeys.key(51);
    final Ed25519.KeyPair strangerKey = TestKeys.key(52);
    Axon axon;

    @BeforeAll
    void start() {
        InMemoryNeuronDirectory dir = new InMemoryNeuronDirectory().register(TestKeys.id(validatorKey), 10, true);
        axon = Axon.builder(minerKey, dir)
                .host("127.0.0.1")
                .port(0)
                .serveStream(Echo.TOKENS, (ask, sink, ctx) -> {
                    // text "n:K" streams K tokens; "fail:K" fails after K; sleepMillis paces them
                    String[] p = ask.text().split(":");
                    int k = Integer.parseInt(p[1]);
                    for (int i = 0; i < k; i++) {
                        if (ask.sleepMillis() > 0) {
                            Thread.sleep(ask.sleepMillis());
                        }
                        sink.send(new Token(i, "tok" + i + " \"quoted\"\nnewline"));
                    }
                    if (p[0].equals("fail")) {
                        throw new IllegalStateException("model crashed");
                    }
                })
                .start();
    }

    @AfterAll
    void stop() {
        axon.close();
    }

    /** Collects a publisher's signals, requesting one chunk at a time. */
    static final class Collector implements Flow.Subscriber<Token> {
        final List<Token> tokens = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        Flow.Subscription sub;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            sub = s;
            s.request(1);
        }

        @Override
        public void onNext(Token t) {
            tokens.add(t);
            sub.request(1);
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }

    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void publisherDeliversEveryChunkInOrderThenCompletesVerified(HttpClient.Version version) throws Exception {
        try (Dendrite d = Dendrite.builder(validatorKey).version(version).build()) {
            SynapseStream<Token> stream =
                    d.stream(axon.endpoint(), Echo.TOKENS, new Echo.Ask("n:20"), Duration.ofSeconds(5));
            Collector c = new Collector();
            stream.subscribe(c);
            c.done.get(10, TimeUnit.SECONDS);
            assertThat(c.tokens).hasSize(20);
            for (int i = 0; i < 20; i++) {
                assertThat(c.tokens.get(i)).isEqualTo(new Token(i, "tok" + i + " \"quoted\"\nnewline"));
            }
            AxonResult<Long> end = stream.completion().get(1, TimeUnit.SECONDS);
            assertThat(end.outcome()).isEqualTo(Outcome.OK);
            assertThat(end.response()).isEqualTo(20L);
            assertThat(end.verifiedHotkey()).isEqualTo(TestKeys.id(minerKey));
        }
    }

    @Test
    void iteratorYieldsChunksAsTheyArrive() {
        try (Dendrite d = Dendrite.builder(validatorKey).build()) {
            SynapseStream<Token> stream =
                    d.stream(axon.endpoint(), Echo.TOKENS, new Echo.Ask("n:5", 100), Duration.ofSeconds(5));
            List<Long> arrivals = new ArrayList<>();
            long start = System.nanoTime();
            List<Token> got = new ArrayList<>();
            try (SynapseStream.ChunkIterator<Token> it = stream.iterator()) {
                while (it.hasNext()) {
                    got.add(it.next());
                    arrivals.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                }
            }
            assertThat(got).extracting(Token::index).containsExactly(0, 1, 2, 3, 4);
            // token by token, not all at the end: the first arrives long before the last
            assertThat(arrivals.get(4) - arrivals.get(0)).isGreaterThan(250);
            assertThat(stream.completion().join().ok()).isTrue();
        }
    }

    @Test
    void anEmptyStreamCompletes() {
        try (Dendrite d = Dendrite.builder(validatorKey).build()) {
            SynapseStream<Token> stream =
                    d.stream(axon.endpoint(), Echo.TOKENS, new Echo.Ask("n:0"), Duration.ofSeconds(5));
            try (SynapseStream.ChunkIterator<Token> it = stream.iterator()) {
                assertThat(it.hasNext()).isFalse();
            }
            assertThat(stream.completion().join().response()).isZero();
        }
    }

    @Test
    void aHandlerFailingMidStreamEndsItWithASigned500() throws Exception {
        try (Dendrite d = Dendrite.builder(validatorKey).build()) {
            SynapseStream<Token> stream =
                    d.stream(axon.endpoint(), Echo.TOKENS, new Echo.Ask("fail:3"), Duration.ofSeconds(5));
            Collector c = new Collector();
            stream.subscribe(c);
            assertThatThrownBy(() -> c.done.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StreamFailedException.class);
            assertThat(c.tokens).hasSize(3);
            AxonResult<Long> end = stream.completion().join();
            assertThat(end.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(end.httpStatus()).isEqualTo(500);
            assertThat(end.error()).isEqualTo("handler_error");
            assertThat(end.message()).doesNotContain("crashed");
            assertThat(end.verified()).isTrue();
        }
    }

    @Test
    void aStreamPastItsDeadlineFailsWithTimeout() {
        try (Dendrite d = Dendrite.builder(validatorKey).build()) {
            // 1000 tokens at 100 ms would take 100 s; the 3 s deadline ends the stream. The bound below is
            // generous: it only says the stream ended at its deadline, not after all the tokens
            long start = System.nanoTime();
            SynapseStream<Token> stream =
                    d.stream(axon.endpoint(), Echo.TOKENS, new Echo.Ask("n:1000", 100), Duration.ofSeconds(3));
            List<Token> got = new ArrayList<>();
            try (SynapseStream.ChunkIterator<Token> it = stream.iterator()) {
                assertThatThrownBy(() -> it.forEachRemaining(got::add)).isInstanceOf(StreamFailedException.class);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
            assertThat(got).isNotEmpty().hasSizeLessThan(1000);
            assertThat(stream.completion().join().outcome()).isEqualTo(Outcome.TIMEOUT);
        }
    }

    @Test
    void anUnregisteredCallerGetsA403BeforeAnyChunk() throws Exception {
        try (Dendrite d = Dendrite.builder(strangerKey).build()) {
            SynapseStream<Token> stream =
                    d.stream(axon.endpoint(), Echo.TOKENS, new Echo.Ask("n:3"), Duration.ofSeconds(5));
            Collector c = new Collector();
            stream.subscribe(c);
            assertThatThrownBy(() -> c.done.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StreamFailedException.class);
            assertThat(c.tokens).isEmpty();
            AxonResult<Long> end = stream.completion().join();
            assertThat(end.httpStatus()).isEqualTo(403);
            assertThat(end.error()).isEqualTo("blacklisted");
            assertThat(end.verified()).isTrue();
        }
    }

    @Test
    void cancellingStopsDelivery() throws Exception {
        try (Dendrite d = Dendrite.builder(validatorKey).build()) {
            SynapseStream<Token> stream =
                    d.stream(axon.endpoint(), Echo.TOKENS, new Echo.Ask("n:50", 20), Duration.ofSeconds(5));
            List<Token> got = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> twoSeen = new CompletableFuture<>();
            stream.subscribe(new Flow.Subscriber<>() {
                Flow.Subscription sub;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    sub = s;
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(Token t) {
                    got.add(t);
                    if (got.size() == 2) {
                        sub.cancel();
                        twoSeen.complete(null);
                    }
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onComplete() {}
            });
            twoSeen.get(30, TimeUnit.SECONDS);
            // the consumer gave up: not the axon's failure. Once the stream has completed, nothing more
            // can be delivered, so the count below is final (no sleep that a slow stream could outlast)
            assertThat(stream.completion().get(30, TimeUnit.SECONDS).error()).isEqualTo("cancelled");
            assertThat(got).hasSize(2);
            assertThat(d.stats().get(axon.endpoint())).isEmpty();
        }
    }

    @Test
    void aStreamIsConsumedOnce() {
        try (Dendrite d = Dendrite.builder(validatorKey).build()) {
            SynapseStream<Token> stream =
                    d.stream(axon.endpoint(), Echo.TOKENS, new Echo.Ask("n:1"), Duration.ofSeconds(5));
            try (SynapseStream.ChunkIterator<Token> it = stream.iterator()) {
                it.forEachRemaining(t -> {});
            }
            assertThatThrownBy(stream::iterator).isInstanceOf(IllegalStateException.class);
        }
    }
}
