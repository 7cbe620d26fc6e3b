package org.tao4j.sdk.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.Echo;
import org.tao4j.sdk.InMemoryNeuronDirectory;
import org.tao4j.sdk.TestKeys;

/** The axon speaks HTTP/2 over cleartext (h2c), as well as HTTP/1.1 keep-alive. */
class AxonHttp2Test {
    @Test
    void servesHttp2AndHttp11() throws Exception {
        Ed25519.KeyPair minerKey = TestKeys.key(20);
        Ed25519.KeyPair callerKey = TestKeys.key(21);
        InMemoryNeuronDirectory dir = new InMemoryNeuronDirectory().register(TestKeys.id(callerKey), 1, false);
        try (Axon axon = Axon.builder(minerKey, dir)
                        .host("127.0.0.1")
                        .port(0)
                        .serve(Echo.ECHO, (ask, ctx) -> new Echo.Answer(ask.text()))
                        .start();
                RawCaller h2 = new RawCaller(callerKey, HttpClient.Version.HTTP_2);
                RawCaller h1 = new RawCaller(callerKey, HttpClient.Version.HTTP_1_1)) {
            byte[] b = "{\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8);
            // the JDK client upgrades to h2c only over a bodiless request: the axon's GET / answers one
            HttpResponse<String> info = h2.http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + axon.port() + "/"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(info.statusCode()).isEqualTo(200);
            assertThat(info.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(info.body()).contains(TestKeys.id(minerKey).toSs58());
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r =
                        h2.post(axon.port(), "Echo", h2.sign(TestKeys.id(minerKey), RawCaller.now(), b), b);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
                HttpResponse<String> r1 =
                        h1.post(axon.port(), "Echo", h1.sign(TestKeys.id(minerKey), RawCaller.now(), b), b);
                assertThat(r1.statusCode()).isEqualTo(200);
                assertThat(r1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            }
        }
    }

    @Test
    void acceptsH2cByPriorKnowledge() throws Exception {
        Ed25519.KeyPair minerKey = TestKeys.key(22);
        try (Axon axon = Axon.builder(minerKey, new InMemoryNeuronDirectory())
                        .host("127.0.0.1")
                        .port(0)
                        .serve(Echo.ECHO, (ask, ctx) -> new Echo.Answer(ask.text()))
                        .start();
                java.net.Socket sock = new java.net.Socket("127.0.0.1", axon.port())) {
            sock.setSoTimeout(5000);
            java.io.OutputStream out = sock.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
            out.flush();
            byte[] head = sock.getInputStream().readNBytes(9);
            assertThat(head).hasSize(9);
            assertThat(head[3]).as("the server's first frame is SETTINGS").isEqualTo((byte) 4);
        }
    }
}
