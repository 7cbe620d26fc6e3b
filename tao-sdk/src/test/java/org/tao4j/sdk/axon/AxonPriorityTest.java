package org.tao4j.sdk.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.Echo;
import org.tao4j.sdk.InMemoryNeuronDirectory;
import org.tao4j.sdk.TestKeys;
import org.tao4j.sdk.dendrite.AxonResult;
import org.tao4j.sdk.dendrite.AxonResult.Outcome;
import org.tao4j.sdk.dendrite.Dendrite;

/**
 * The admission queue over real HTTP: one handler slot, two queue places, priority = stake.
 * A full queue refuses the lowest priority with 429, and waiting requests run highest first; a request
 * whose deadline passes in the queue is answered 408 by the axon (its own count) and never runs.
 */
class AxonPriorityTest {
    @Test
    void fullQueueRefusesTheLowestPriorityAndServesTheHighestFirst() throws Exception {
        Ed25519.KeyPair minerKey = TestKeys.key(60);
        Ed25519.KeyPair blocker = TestKeys.key(61);
        Ed25519.KeyPair low1 = TestKeys.key(62);
        Ed25519.KeyPair low2 = TestKeys.key(63);
        Ed25519.KeyPair high = TestKeys.key(64);
        Ed25519.KeyPair low3 = TestKeys.key(65);
        InMemoryNeuronDirectory dir = new InMemoryNeuronDirectory()
                .register(TestKeys.id(blocker), 1, true)
                .register(TestKeys.id(low1), 10, true)
                .register(TestKeys.id(low2), 10, true)
                .register(TestKeys.id(high), 1_000_000, true)
                .register(TestKeys.id(low3), 10, true);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        List<String> served = new CopyOnWriteArrayList<>();
        try (Axon axon = Axon.builder(minerKey, dir)
                .host("127.0.0.1")
                .port(0)
                .maxConcurrentHandlers(1)
                .admissionQueueCapacity(2)
                .serve(Echo.ECHO, (ask, ctx) -> {
                    served.add(ask.text());
                    if (ask.text().equals("blocker")) {
                        entered.countDown();
                        gate.await();
                    }
                    return new Echo.Answer(ask.text());
                })
                .start()) {
            Duration timeout = Duration.ofSeconds(10);
            CompletableFuture<AxonResult<Echo.Answer>> b = call(blocker, axon, "blocker", timeout);
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<AxonResult<Echo.Answer>> l1 = call(low1, axon, "low1", timeout);
            await(() -> axon.admission().waiting() == 1);
            CompletableFuture<AxonResult<Echo.Answer>> l2 = call(low2, axon, "low2", timeout);
            await(() -> axon.admission().waiting() == 2);

            // full: the newcomer outranks the lowest waiter (low2: same stake as low1, arrived later)
            CompletableFuture<AxonResult<Echo.Answer>> h = call(high, axon, "high", timeout);
            AxonResult<Echo.Answer> refused = l2.get(30, TimeUnit.SECONDS);
            assertThat(refused.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(refused.httpStatus()).isEqualTo(429);
            assertThat(refused.error()).isEqualTo("over_capacity");
            assertThat(refused.verified()).isTrue();

            // full again: a newcomer that does not outrank the lowest waiter is refused itself
            AxonResult<Echo.Answer> l3 = call(low3, axon, "low3", timeout).get(30, TimeUnit.SECONDS);
            assertThat(l3.httpStatus()).isEqualTo(429);

            gate.countDown();
            assertThat(b.get(30, TimeUnit.SECONDS).ok()).isTrue();
            assertThat(h.get(30, TimeUnit.SECONDS).ok()).isTrue();
            assertThat(l1.get(30, TimeUnit.SECONDS).ok()).isTrue();
            assertThat(served).containsExactly("blocker", "high", "low1");
            assertThat(axon.answered(429)).isEqualTo(2);
        }
    }

    @Test
    void aRequestWhoseDeadlinePassesWhileQueuedIsAnswered408AndNeverRuns() throws Exception {
        Ed25519.KeyPair minerKey = TestKeys.key(66);
        Ed25519.KeyPair caller = TestKeys.key(67);
        InMemoryNeuronDirectory dir = new InMemoryNeuronDirectory().register(TestKeys.id(caller), 1, true);
        CountDownLatch gate = new CountDownLatch(1);
        List<String> served = new CopyOnWriteArrayList<>();
        try (Axon axon = Axon.builder(minerKey, dir)
                .host("127.0.0.1")
                .port(0)
                .maxConcurrentHandlers(1)
                .serve(Echo.ECHO, (ask, ctx) -> {
                    served.add(ask.text());
                    gate.await();
                    return new Echo.Answer(ask.text());
                })
                .start()) {
            CompletableFuture<AxonResult<Echo.Answer>> first = call(caller, axon, "first", Duration.ofSeconds(60));
            await(() -> axon.admission().running() == 1);
            // the queued request's deadline (sent with it) passes while it waits behind "first"
            CompletableFuture<AxonResult<Echo.Answer>> queued = call(caller, axon, "queued", Duration.ofSeconds(1));
            // what the axon answered: a 408, counted by the axon itself (the dendrite gives up at the same
            // deadline, so on the client side it is a TIMEOUT and the 408 may never reach it)
            await(() -> axon.answered(408) == 1);
            assertThat(queued.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.TIMEOUT);
            // answered means dropped: the queue is empty, so once "first" is done nothing else can run
            assertThat(axon.admission().waiting()).isZero();
            gate.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS).ok()).isTrue();
            assertThat(served).containsExactly("first");
            assertThat(axon.answered(408)).isEqualTo(1);
        }
    }

    private static CompletableFuture<AxonResult<Echo.Answer>> call(
            Ed25519.KeyPair who, Axon axon, String text, Duration timeout) {
        Dendrite d = Dendrite.builder(who).build();
        return d.call(axon.endpoint(), Echo.ECHO, new Echo.Ask(text), timeout).whenComplete((r, x) -> d.close());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // generous: an event, not a timing claim
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached in 30 s");
            }
            Thread.sleep(5);
        }
    }
}
