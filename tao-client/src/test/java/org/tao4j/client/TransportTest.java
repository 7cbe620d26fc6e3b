package org.tao4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tao4j.client.model.Header;

/** The WebSocket transport against a scripted server: ordering, drops, timeouts, resubscription. */
class TransportTest {

    /** Generous: every wait below is for an event; this only turns a hang into a failure. */
    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void responsesInAnyOrderAreMatchedById() throws Exception {
        int n = 64;
        List<JsonNode> held = new ArrayList<>();
        FakeNode.Script reverse = (conn, req) -> {
            synchronized (held) {
                held.add(req);
                if (held.size() == n) {
                    for (int i = n - 1; i >= 0; i--) {
                        conn.reply(held.get(i), held.get(i).get("params").get(0).asLong() * 10);
                    }
                }
            }
        };
        try (FakeNode fake = new FakeNode(reverse);
                TaoClient c = TaoClient.connect(fake.uri(), TestNodes.fastOptions())) {
            List<CompletableFuture<JsonNode>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                fs.add(c.callAsync("echo", (long) i));
            }
            for (int i = 0; i < n; i++) {
                assertThat(fs.get(i).get(10, TimeUnit.SECONDS).asLong()).isEqualTo(i * 10L);
            }
        }
    }

    @Test
    void aDropFailsInFlightCallsRetryablyThenTheClientReconnects() throws Exception {
        FakeNode.Script script = (conn, req) -> {
            switch (req.get("method").asText()) {
                case "hang" -> {}
                case "drop" -> conn.drop();
                default -> conn.reply(req, "pong " + conn.number);
            }
        };
        List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
        try (FakeNode fake = new FakeNode(script);
                TaoClient c = TaoClient.connect(fake.uri(), TestNodes.fastOptions(), events::add)) {
            assertThat(c.call("ping").asText()).isEqualTo("pong 1");
            CompletableFuture<JsonNode> inFlight = c.callAsync("hang");
            c.callAsync("drop");
            assertThatThrownBy(() -> inFlight.get(5, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(ConnectionLostException.class, e -> {
                        assertThat(e.isRetryable()).isTrue();
                        assertThat(e).isInstanceOf(NodeUnreachableException.class);
                        assertThat(e.getMessage())
                                .contains(fake.uri().toString())
                                .contains("'hang'");
                    });
            // a call made while reconnecting waits for the connection
            assertThat(c.callAsync("ping").get(10, TimeUnit.SECONDS).asText()).isEqualTo("pong 2");
            awaitTrue(() -> events.stream().anyMatch(e -> e instanceof ConnectionEvent.Connected x && x.reconnected()));
            assertThat(events.get(0)).isEqualTo(new ConnectionEvent.Connected(fake.uri(), false));
            assertThat(events.get(1)).isInstanceOf(ConnectionEvent.Disconnected.class);
            assertThat(events.get(2)).isInstanceOfSatisfying(ConnectionEvent.Reconnecting.class, r -> {
                assertThat(r.attempt()).isEqualTo(1);
                assertThat(r.delay()).isEqualTo(Duration.ofMillis(50));
            });
            assertThat(events.get(3)).isEqualTo(new ConnectionEvent.Connected(fake.uri(), true));
            assertThat(c.connectionState()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(fake.connectionCount.get()).isEqualTo(2);
        }
    }

    @Test
    void aCallWithoutAnswerTimesOut() throws Exception {
        try (FakeNode fake = new FakeNode((conn, req) -> {});
                TaoClient c = TaoClient.connect(fake.uri(), TestNodes.fastOptions())) {
            // the call's own 200 ms timeout must end it: a generous 60 s wait that ran out would throw a
            // java.util.concurrent.TimeoutException instead of completing with RpcTimeoutException
            assertThatThrownBy(() -> c.callAsync(Duration.ofMillis(200), "hang").get(60, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(RpcTimeoutException.class, e -> {
                        assertThat(e.method()).isEqualTo("hang");
                        assertThat(e.getMessage()).contains("200 ms");
                    });
        }
    }

    @Test
    void headsAreResubscribedAfterADropAndEarlyNotificationsAreNotLost() throws Exception {
        AtomicInteger subscribes = new AtomicInteger();
        FakeNode.Script script = (conn, req) -> {
            switch (req.get("method").asText()) {
                case "chain_subscribeNewHeads" -> {
                    int k = subscribes.incrementAndGet();
                    String id = "sub" + k;
                    long base = k * 100L;
                    // a notification before the response: the client must hold it, not drop it
                    conn.notify("chain_newHead", id, FakeNode.header(base));
                    conn.reply(req, id);
                    conn.notify("chain_newHead", id, FakeNode.header(base)); // a repeat: not delivered twice
                    conn.notify("chain_newHead", id, FakeNode.header(base + 1));
                    conn.notify("chain_newHead", "unknown", FakeNode.header(7)); // not ours
                }
                case "drop" -> conn.drop();
                default -> conn.reply(req, true);
            }
        };
        try (FakeNode fake = new FakeNode(script);
                TaoClient c = TaoClient.connect(fake.uri(), TestNodes.fastOptions())) {
            List<Long> numbers = new CopyOnWriteArrayList<>();
            Subscription s = c.subscribeNewHeads((Header h) -> numbers.add(h.number()));
            awaitTrue(() -> numbers.size() == 2);
            c.callAsync("drop");
            awaitTrue(() -> numbers.size() == 4);
            assertThat(numbers).containsExactly(100L, 101L, 200L, 201L);
            assertThat(subscribes.get()).isEqualTo(2);
            s.close();
            assertThat(s.isClosed()).isTrue();
        }
    }

    @Test
    void givingUpFailsWaitingCallsAndEndsSubscriptions() throws Exception {
        FakeNode fake = new FakeNode((conn, req) -> {
            if (req.get("method").asText().equals("chain_subscribeNewHeads")) {
                conn.reply(req, "1");
            } else {
                conn.reply(req, 1);
            }
        });
        // (pings as well: a stopped Jetty has, rarely, left the client's socket open without a close)
        ClientOptions o = TestNodes.fastOptions().withMaxReconnectAttempts(2).withPingInterval(Duration.ofMillis(200));
        try (TaoClient c = TaoClient.connect(fake.uri(), o)) {
            List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
            c.addConnectionListener(events::add);
            List<TaoClientException> ended = new CopyOnWriteArrayList<>();
            c.subscribeNewHeads(h -> {}, ended::add);
            fake.close();
            awaitTrue(() -> events.stream().anyMatch(e -> e instanceof ConnectionEvent.Closed), events::toString);
            assertThat(events.stream()
                            .filter(e -> e instanceof ConnectionEvent.Reconnecting)
                            .count())
                    .isEqualTo(2);
            ConnectionEvent.Closed closed = (ConnectionEvent.Closed) events.get(events.size() - 1);
            assertThat(closed.cause()).isInstanceOf(NodeUnreachableException.class);
            assertThat(c.connectionState()).isEqualTo(ConnectionState.CLOSED);
            awaitTrue(() -> !ended.isEmpty());
            assertThat(ended.get(0)).isInstanceOf(NodeUnreachableException.class);
            assertThatThrownBy(() -> c.call("x"))
                    .isInstanceOf(NodeUnreachableException.class)
                    .hasMessageContaining("connection refused");
        }
    }

    @Test
    void closingFailsPendingCalls() throws Exception {
        try (FakeNode fake = new FakeNode((conn, req) -> {})) {
            TaoClient c = TaoClient.connect(fake.uri(), TestNodes.fastOptions());
            CompletableFuture<JsonNode> f = c.callAsync("hang");
            c.close();
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(ClientClosedException.class);
            assertThatThrownBy(() -> c.call("x")).isInstanceOf(ClientClosedException.class);
            assertThat(c.connectionState()).isEqualTo(ConnectionState.CLOSED);
        }
    }

    @Test
    void aSilentConnectionIsDetectedByPingsAndReplaced() throws Exception {
        try (FakeNode fake = new FakeNode((conn, req) -> conn.reply(req, conn.number))) {
            List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
            ClientOptions o = TestNodes.fastOptions().withPingInterval(Duration.ofMillis(300));
            try (TaoClient c = TaoClient.connect(fake.uri(), o, events::add)) {
                awaitTrue(() -> fake.pingsAnswered.get() >= 3); // pinged and answered: still the first connection
                assertThat(c.call("x").asInt()).isEqualTo(1);
                assertThat(events).containsExactly(new ConnectionEvent.Connected(fake.uri(), false));
                fake.answerPings = false;
                awaitTrue(() -> events.stream().anyMatch(e -> e instanceof ConnectionEvent.Disconnected));
                ConnectionEvent.Disconnected d = (ConnectionEvent.Disconnected) events.stream()
                        .filter(e -> e instanceof ConnectionEvent.Disconnected)
                        .findFirst()
                        .orElseThrow();
                assertThat(d.cause()).hasMessageContaining("no answer to a ping");
                fake.answerPings = true;
                awaitTrue(() ->
                        events.stream().anyMatch(e -> e instanceof ConnectionEvent.Connected x && x.reconnected()));
                assertThat(c.call("x").asInt()).isGreaterThanOrEqualTo(2);
            }
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier cond) throws InterruptedException {
        awaitTrue(cond, () -> "");
    }

    static void awaitTrue(java.util.function.BooleanSupplier cond, java.util.function.Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT + " " + state.get());
            }
            Thread.sleep(10);
        }
    }
}
