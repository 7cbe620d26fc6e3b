package org.tao4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Nothing (or the wrong thing) at the URL: a {@link NodeUnreachableException}, quickly, saying what to do. */
class UnreachableTest {

    @Test
    void aClosedPortIsUnreachableOverWebSocketAndHttp() throws Exception {
        int port = TestNodes.freePort();
        for (String scheme : new String[] {"ws", "http"}) {
            URI uri = URI.create(scheme + "://127.0.0.1:" + port);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> TaoClient.connect(uri, TestNodes.fastOptions()))
                    .isInstanceOfSatisfying(NodeUnreachableException.class, e -> {
                        assertThat(e.uri()).isEqualTo(uri);
                        assertThat(e.reason()).isEqualTo("connection refused");
                        assertThat(e.getMessage())
                                .contains(uri.toString())
                                .contains("tao node --dev")
                                .contains("--network");
                        assertThat(e.isRetryable()).isTrue();
                    });
            // refused fails at once, without the reconnect loop; the bound is generous (a loaded machine
            // must not fail it) and only catches retrying or waiting out timeouts over and over
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as(scheme).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void anUnknownHostIsUnreachable() {
        URI uri = URI.create("ws://no-such-host.invalid:9944");
        assertThatThrownBy(() -> TaoClient.connect(uri, TestNodes.fastOptions()))
                .isInstanceOfSatisfying(
                        NodeUnreachableException.class,
                        e -> assertThat(e.getMessage()).contains("no-such-host.invalid"));
    }

    @Test
    void somethingThatIsNotANodeIsReportedAsSuch() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] body = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(404, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            assertThatThrownBy(() -> TaoClient.connect(URI.create("ws://127.0.0.1:" + port), TestNodes.fastOptions()))
                    .isInstanceOf(NodeUnreachableException.class)
                    .hasMessageContaining("HTTP 404");
            assertThatThrownBy(() -> TaoClient.connect(URI.create("http://127.0.0.1:" + port), TestNodes.fastOptions()))
                    .isInstanceOf(NodeUnreachableException.class)
                    .hasMessageContaining("not JSON");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void badUrlsAreRefusedBeforeConnecting() {
        assertThatThrownBy(() -> TaoClient.connect("ftp://x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaoClient.connect("nonsense"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ws://nonsense");
    }
}
