package org.tao4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworksTest {

    @Test
    void devAndLocalAreTheLocalNode() {
        assertThat(Networks.resolve("dev")).isEqualTo(URI.create("ws://127.0.0.1:9944"));
        assertThat(Networks.resolve("local")).isEqualTo(Networks.resolve("dev"));
        assertThat(Networks.resolve(" DEV ")).isEqualTo(Networks.LOCAL);
    }

    @Test
    void urlsPassThroughNormalised() {
        assertThat(Networks.resolve("ws://node.example:9944")).isEqualTo(URI.create("ws://node.example:9944"));
        assertThat(Networks.resolve("WSS://node.example/rpc")).isEqualTo(URI.create("wss://node.example/rpc"));
        assertThat(Networks.resolve("http://127.0.0.1:9944/")).isEqualTo(URI.create("http://127.0.0.1:9944/"));
        assertThat(Networks.resolve("https://[::1]:443")).isEqualTo(URI.create("https://[::1]:443"));
    }

    @Test
    void badNetworksSayWhatIsAccepted() {
        assertThatThrownBy(() -> Networks.resolve(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dev, local");
        assertThatThrownBy(() -> Networks.resolve("mainnet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ws://mainnet");
        assertThatThrownBy(() -> Networks.resolve("localhost:9944"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ws://localhost:9944");
        assertThatThrownBy(() -> Networks.resolve("127.0.0.1:9944"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ws://127.0.0.1:9944");
        assertThatThrownBy(() -> Networks.resolve("ftp://host:21"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported scheme 'ftp'");
        assertThatThrownBy(() -> Networks.resolve("ws://")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Networks.resolve("ws://h:1/?x=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("query");
    }

    @Test
    void httpAndWsConvert() {
        assertThat(Networks.toWebSocket(URI.create("http://h:1/"))).isEqualTo(URI.create("ws://h:1/"));
        assertThat(Networks.toWebSocket(URI.create("http://h:1"))).isEqualTo(URI.create("ws://h:1"));
        assertThat(Networks.toWebSocket(URI.create("https://h/x"))).isEqualTo(URI.create("wss://h/x"));
        assertThat(Networks.toWebSocket(URI.create("ws://h:1/"))).isEqualTo(URI.create("ws://h:1/"));
        assertThat(Networks.toHttp(URI.create("wss://h:2/"))).isEqualTo(URI.create("https://h:2/"));
        assertThat(Networks.isWebSocket(URI.create("wss://h"))).isTrue();
        assertThat(Networks.isWebSocket(URI.create("http://h"))).isFalse();
    }

    @Test
    void backoffDoublesToItsCapWithSeededJitter() {
        Backoff a = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 7);
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 7);
        List<Duration> da = new ArrayList<>();
        List<Duration> db = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            da.add(a.delay(i));
            db.add(b.delay(i));
        }
        assertThat(da).as("one seed, one sequence").isEqualTo(db);
        assertThat(da.get(0)).isEqualTo(Duration.ofMillis(100));
        for (int i = 0; i < 12; i++) {
            Duration ceiling = a.ceiling(i);
            assertThat(da.get(i))
                    .isLessThanOrEqualTo(ceiling)
                    .isGreaterThanOrEqualTo(
                            ceiling.dividedBy(2).compareTo(Duration.ofMillis(100)) < 0
                                    ? Duration.ofMillis(100)
                                    : ceiling.dividedBy(2));
        }
        assertThat(a.ceiling(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(a.ceiling(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(a.ceiling(60)).isEqualTo(Duration.ofSeconds(5));
        Backoff c = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 8);
        List<Duration> dc = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            dc.add(c.delay(i));
        }
        assertThat(dc).as("another seed jitters differently").isNotEqualTo(da);
    }
}
