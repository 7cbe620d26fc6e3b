package org.tao4j.sdk.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.Echo;
import org.tao4j.sdk.InMemoryNeuronDirectory;
import org.tao4j.sdk.TestKeys;
import org.tao4j.sdk.dendrite.AxonResult;
import org.tao4j.sdk.dendrite.Dendrite;

/** A handler may run longer than the connection idle timeout: the request's own deadline rules. */
class AxonIdleTimeoutTest {
    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void aHandlerOutlivingTheIdleTimeoutStillAnswers(HttpClient.Version version) {
        Ed25519.KeyPair minerKey = TestKeys.key(70);
        Ed25519.KeyPair caller = TestKeys.key(71);
        InMemoryNeuronDirectory dir = new InMemoryNeuronDirectory().register(TestKeys.id(caller), 1, true);
        try (Axon axon = Axon.builder(minerKey, dir)
                        .host("127.0.0.1")
                        .port(0)
                        .idleTimeout(Duration.ofMillis(300))
                        .serve(Echo.ECHO, (ask, ctx) -> {
                            Thread.sleep(ask.sleepMillis());
                            return new Echo.Answer(ask.text());
                        })
                        .start();
                Dendrite d = Dendrite.builder(caller).version(version).build()) {
            AxonResult<Echo.Answer> r = d.call(
                            axon.endpoint(), Echo.ECHO, new Echo.Ask("patient", 1200), Duration.ofSeconds(5))
                    .join();
            assertThat(r.outcome()).as(r.toString()).isEqualTo(AxonResult.Outcome.OK);
        }
    }
}
