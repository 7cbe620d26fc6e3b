package org.tao4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tao4j.client.TestNodes.TAO;
import static org.tao4j.client.TestNodes.id;
import static org.tao4j.client.TestNodes.key;
import static org.tao4j.client.TransportTest.awaitTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.client.model.Header;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.Node;
import org.tao4j.runtime.tx.Call;

/**
 * The WebSocket client across a node restart: stop a real node, start it again on the same port and
 * base path (its chain persists in RocksDB), and check that the client reconnects by itself and its
 * subscriptions carry on.
 */
class ReconnectTest {

    @Test
    void theHeadSubscriptionResumesAfterTheNodeRestarts(@TempDir Path dir) throws Exception {
        int port = TestNodes.freePort();
        Duration blockTime = Duration.ofMillis(100);
        Node node = TestNodes.at(dir, port, blockTime, false);
        List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
        List<Header> heads = new CopyOnWriteArrayList<>();
        try (TaoClient c = TaoClient.connect(TestNodes.ws(node), TestNodes.fastOptions(), events::add)) {
            H256 genesis = c.genesisHash();
            Subscription sub = c.subscribeNewHeads(heads::add);
            awaitTrue(() -> heads.size() >= 3);

            node.close();
            awaitTrue(() -> events.stream().anyMatch(e -> e instanceof ConnectionEvent.Disconnected));
            long lastBefore = heads.get(heads.size() - 1).number();
            // while the node is away: calls wait for it, then give up with a retryable error
            assertThatThrownBy(() ->
                            c.callAsync(Duration.ofMillis(300), "system_chain").get(5, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOfSatisfying(NodeUnreachableException.class, e -> {
                        assertThat(e.isRetryable()).isTrue();
                        assertThat(e.getMessage()).contains("reconnecting");
                    });
            awaitTrue(() ->
                    events.stream().anyMatch(e -> e instanceof ConnectionEvent.Reconnecting r && r.attempt() >= 3));
            assertThat(c.connectionState()).isEqualTo(ConnectionState.RECONNECTING);
            int before = heads.size();

            node = TestNodes.at(dir, port, blockTime, false);
            awaitTrue(() -> events.stream().anyMatch(e -> e instanceof ConnectionEvent.Connected x && x.reconnected()));
            awaitTrue(() -> heads.size() >= before + 3);

            assertThat(sub.isClosed()).isFalse();
            assertThat(c.connectionState()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(c.genesisHash()).isEqualTo(genesis);
            List<Header> after = heads.subList(before, heads.size());
            assertThat(after.get(0).number())
                    .as("the persisted chain continues")
                    .isGreaterThanOrEqualTo(lastBefore);
            for (int i = 1; i < heads.size(); i++) {
                Header prev = heads.get(i - 1);
                Header h = heads.get(i);
                assertThat(h.number()).as("heads only move forward").isGreaterThan(prev.number());
                if (h.number() == prev.number() + 1) {
                    assertThat(h.parentHash()).isEqualTo(prev.hash());
                }
            }
            // the reconnect delays grew from the minimum (50 ms) and stayed under the maximum (500 ms)
            List<Duration> delays = events.stream()
                    .filter(e -> e instanceof ConnectionEvent.Reconnecting)
                    .map(e -> ((ConnectionEvent.Reconnecting) e).delay())
                    .toList();
            assertThat(delays.get(0)).isEqualTo(Duration.ofMillis(50));
            assertThat(delays).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(500)));
            assertThat(delays.get(delays.size() - 1)).isGreaterThan(delays.get(0));
            sub.close();
        } finally {
            node.close();
        }
    }

    @Test
    void aWatchedTransactionIsFollowedAcrossARestart(@TempDir Path dir) throws Exception {
        int port = TestNodes.freePort();
        Node node = TestNodes.at(dir, port, null, true);
        List<ConnectionEvent> events = new CopyOnWriteArrayList<>();
        try (TaoClient c = TaoClient.connect(TestNodes.ws(node), TestNodes.fastOptions(), events::add)) {
            long next = c.nextNonce(id("Alice"));
            List<TxStatus> stages = new CopyOnWriteArrayList<>();
            TxHandle waiting = c.tx(key("Alice"), new Call.Transfer(id("Bob"), TAO))
                    .nonce(next + 1)
                    .submitAndWatch(stages::add);
            awaitTrue(() -> stages.stream().anyMatch(s -> s instanceof TxStatus.Future));

            node.close(); // the pool (in memory) is lost
            awaitTrue(() -> waiting.outcome().isDone()
                    || events.stream().anyMatch(e -> e instanceof ConnectionEvent.Disconnected));
            node = TestNodes.at(dir, port, null, true);
            // a node that tells watchers it drops its pool before closing their sockets ends the watch
            // (nothing left to reconnect for); otherwise the client reconnects and follows it up
            awaitTrue(() -> waiting.outcome().isDone()
                    || events.stream().anyMatch(e -> e instanceof ConnectionEvent.Connected x && x.reconnected()));
            // a node that closes sockets before telling watchers it drops its pool: the client finds the
            // transaction neither included nor in the pool, and submits the same bytes again
            awaitTrue(() ->
                    stages.stream().filter(s -> s instanceof TxStatus.Submitted).count() == 2
                            || waiting.outcome().isDone());

            // the client may still hold the dead socket until its ping notices: a call on it times
            // out as a retryable error, and the next one goes over the new connection
            TxOutcome first = null;
            for (int attempt = 0; first == null; attempt++) {
                try {
                    first = c.tx(key("Alice"), new Call.Transfer(id("Bob"), TAO))
                            .nonce(next)
                            .submitAndWatch()
                            .await();
                } catch (TaoClientException e) {
                    if (attempt >= 3) {
                        throw e;
                    }
                }
            }
            assertThat(first.isSuccess()).isTrue();
            TxOutcome o = waiting.await(Duration.ofSeconds(20));
            if (o instanceof TxOutcome.Dropped d) {
                // a node that tells watchers about its shutdown before closing their sockets
                assertThat(d.reason()).contains("shutting down");
            } else {
                assertThat(o.isSuccess()).isTrue();
                awaitTrue(() -> stages.size() >= 6);
                assertThat(stages.stream().map(TxStatus::stage).toList())
                        .as(stages.toString())
                        .containsSubsequence("submitted", "future", "submitted", "future", "inBlock", "finalized");
                assertThat(c.balance(id("Alice")).nonce()).isEqualTo(next + 2);
            }
        } finally {
            node.close();
        }
    }
}
