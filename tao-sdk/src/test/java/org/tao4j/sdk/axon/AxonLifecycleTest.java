package org.tao4j.sdk.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.Echo;
import org.tao4j.sdk.InMemoryNeuronDirectory;
import org.tao4j.sdk.TestKeys;
import org.tao4j.sdk.dendrite.AxonResult;
import org.tao4j.sdk.dendrite.Dendrite;

class AxonLifecycleTest {
    static long axonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive()
                        && (t.getName().startsWith("axon-http") || t.getName().equals("axon-timer")))
                .count();
    }

    @Test
    void closingReleasesThePortAndTheThreads() throws Exception {
        long before = axonThreads();
        Ed25519.KeyPair minerKey = TestKeys.key(80);
        Ed25519.KeyPair caller = TestKeys.key(81);
        InMemoryNeuronDirectory dir = new InMemoryNeuronDirectory().register(TestKeys.id(caller), 1, true);
        int port;
        try (Axon axon = Axon.builder(minerKey, dir)
                        .host("127.0.0.1")
                        .port(0)
                        .serve(Echo.ECHO, (ask, ctx) -> new Echo.Answer(ask.text()))
                        .start();
                Dendrite d = Dendrite.builder(caller).build()) {
            port = axon.port();
            AxonResult<Echo.Answer> r = d.call(axon.endpoint(), Echo.ECHO, new Echo.Ask("x"), Duration.ofSeconds(5))
                    .join();
            assertThat(r.ok()).isTrue();
            assertThat(axonThreads()).isGreaterThan(before);
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (axonThreads() > before && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(axonThreads()).isLessThanOrEqualTo(before);
    }

    @Test
    void hooksCompose() {
        var dir = new InMemoryNeuronDirectory()
                .register(TestKeys.id(TestKeys.key(1)), 100, false)
                .register(TestKeys.id(TestKeys.key(2)), 5_000, true);
        Caller c1 = new Caller(TestKeys.id(TestKeys.key(1)), "Echo", null);
        Caller c2 = new Caller(TestKeys.id(TestKeys.key(2)), "Echo", null);
        Caller c3 = new Caller(TestKeys.id(TestKeys.key(3)), "Echo", null);
        assertThat(Blacklist.unregistered().reject(c1, dir)).isEmpty();
        assertThat(Blacklist.unregistered().reject(c3, dir)).isPresent();
        assertThat(Blacklist.standard(true, 0).reject(c1, dir)).contains("caller hotkey has no validator permit");
        assertThat(Blacklist.standard(false, 1_000).reject(c1, dir))
                .contains("caller stake is below this axon's minimum");
        assertThat(Blacklist.standard(true, 1_000).reject(c2, dir)).isEmpty();
        Blacklist onlyEcho = (c, d) -> c.synapse().equals("Echo") ? Optional.empty() : Optional.of("no");
        assertThat(Blacklist.unregistered().andThen(onlyEcho).reject(new Caller(c2.hotkey(), "Other", null), dir))
                .contains("no");
        assertThat(Priority.byStake().of(c2, dir)).isEqualTo(5_000.0);
        assertThat(Priority.byStake().of(c3, dir)).isZero();
    }
}
