package org.tao4j.sdk.dendrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.Echo;
import org.tao4j.sdk.InMemoryNeuronDirectory;
import org.tao4j.sdk.TestKeys;
import org.tao4j.sdk.axon.Axon;

class SmokeTest {
    @Test
    void roundTrip() {
        Ed25519.KeyPair miner = TestKeys.key(1);
        Ed25519.KeyPair validator = TestKeys.key(2);
        InMemoryNeuronDirectory dir = new InMemoryNeuronDirectory().register(TestKeys.id(validator), 100, true);
        try (Axon axon = Axon.builder(miner, dir).host("127.0.0.1").port(0)
                .serve(Echo.ECHO, (ask, ctx) -> new Echo.Answer(ask.text().toUpperCase())).start();
             Dendrite d1 = Dendrite.builder(validator).build();
             Dendrite d2 = Dendrite.builder(validator).version(HttpClient.Version.HTTP_2).build()) {
            for (Dendrite d : new Dendrite[] {d1, d2}) {
                for (int i = 0; i < 3; i++) {
                    AxonResult<Echo.Answer> r = d.call(axon.endpoint(), Echo.ECHO, new Echo.Ask("hi"), Duration.ofSeconds(5)).join();
                    System.out.println(r);
                    assertThat(r.ok()).isTrue();
                }
            }
        }
    }
}
