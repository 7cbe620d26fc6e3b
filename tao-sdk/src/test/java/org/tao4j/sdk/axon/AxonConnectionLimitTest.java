package org.tao4j.sdk.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.Echo;
import org.tao4j.sdk.InMemoryNeuronDirectory;
import org.tao4j.sdk.TestKeys;
import org.tao4j.sdk.wire.SignedRequest;

/**
 * Connections are bounded per address and in total. Loopback is all of 127.0.0.0/8 on Linux, so
 * a client socket bound to 127.0.0.2 is another address to the axon.
 */
class AxonConnectionLimitTest {
    @Test
    void oneAddressCannotTakeEveryConnectionAndTheTotalIsBounded() throws Exception {
        Ed25519.KeyPair minerKey = TestKeys.key(110);
        Ed25519.KeyPair validatorKey = TestKeys.key(111);
        InMemoryNeuronDirectory dir = new InMemoryNeuronDirectory().register(TestKeys.id(validatorKey), 5_000, true);
        InetAddress attacker = InetAddress.getByName("127.0.0.1");
        InetAddress attacker2 = InetAddress.getByName("127.0.0.3");
        InetAddress validator = InetAddress.getByName("127.0.0.2");
        AtomicInteger maxSeen = new AtomicInteger();
        List<Socket> idle = new ArrayList<>();
        try (Axon axon = Axon.builder(minerKey, dir)
                .host("127.0.0.1")
                .port(0)
                .maxConnections(8)
                .maxConnectionsPerAddress(4)
                .limitedIdleTimeout(Duration.ofSeconds(1))
                .serve(Echo.ECHO, (ask, ctx) -> new Echo.Answer(ask.text()))
                .start()) {
            try {
                // the fifth idle connection from one address is closed as it opens
                for (int i = 0; i < 5; i++) {
                    idle.add(connect(attacker, axon.port()));
                }
                await(() -> axon.connectionsRefusedPerAddress() == 1, "the fifth connection refused");
                int closed = 0;
                for (Socket s : idle) {
                    if (closedByServer(s)) {
                        closed++;
                    }
                }
                assertThat(closed).isEqualTo(1);

                // another address fills the total: 8 open, and the axon stops accepting
                for (int i = 0; i < 4; i++) {
                    idle.add(connect(attacker2, axon.port()));
                }
                await(() -> axon.openConnections() == 8, "the total reached");
                maxSeen.accumulateAndGet(axon.openConnections(), Math::max);

                // a validator from a third address is still served: at the total, idle connections
                // are closed after the shorter idle timeout, and its connection is accepted then
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .localAddress(validator)
                        .connectTimeout(Duration.ofSeconds(30))
                        .build();
                try (http) {
                    byte[] body = "{\"text\":\"hi\",\"sleepMillis\":0}".getBytes(StandardCharsets.UTF_8);
                    String ss58 = TestKeys.id(validatorKey).toSs58();
                    SignedRequest s = SignedRequest.sign(
                            validatorKey,
                            ss58,
                            axon.hotkey().toSs58(),
                            RawCaller.now(),
                            UUID.randomUUID().toString(),
                            body);
                    HttpRequest.Builder b = HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + axon.port() + "/Echo"))
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                    s.headers(20_000).forEach(b::header);
                    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).isEqualTo(200);
                }
                maxSeen.accumulateAndGet(axon.openConnections(), Math::max);
                assertThat(maxSeen.get()).isLessThanOrEqualTo(8);
            } finally {
                for (Socket s : idle) {
                    s.close();
                }
            }
            // every connection is counted back, though a closed channel no longer tells its address
            await(() -> axon.openConnections() == 0, "all connections closed");
            await(
                    () -> axon.connectionCap().connections() == 0
                            && axon.connectionCap().addresses() == 0,
                    "the per-address counts back to nothing");
        }
    }

    private static Socket connect(InetAddress from, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return s;
    }

    /** Whether the server closed the socket (EOF or reset) within a short read. */
    private static boolean closedByServer(Socket s) throws IOException {
        s.setSoTimeout(200);
        InputStream in = s.getInputStream();
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
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
