package org.tao4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tao4j.client.TestNodes.TAO;
import static org.tao4j.client.TestNodes.id;
import static org.tao4j.client.TestNodes.key;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tao4j.client.model.ChainEvent;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.Node;
import org.tao4j.runtime.Runtime;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/** Signing, submitting and watching transactions on a real --dev node (instant sealing). */
class TransactionsTest {

    static Node node;
    static TaoClient client;

    @BeforeAll
    static void setUp() throws Exception {
        node = TestNodes.instant();
        client = TaoClient.connect(TestNodes.ws(node), TestNodes.fastOptions());
    }

    @AfterAll
    static void tearDown() {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
    }

    static List<String> stages(List<TxStatus> s) {
        return s.stream().map(TxStatus::stage).toList();
    }

    @Test
    void aTransferIsWatchedToFinalizationWithItsEventsAndBalances() {
        long alice0 = client.balance(id("Alice")).free();
        long bob0 = client.balance(id("Bob")).free();
        List<TxStatus> seen = new CopyOnWriteArrayList<>();
        TxHandle h =
                client.tx(key("Alice"), new Call.Transfer(id("Bob"), 3 * TAO)).submitAndWatch(seen::add);
        TxOutcome o = h.await(Duration.ofSeconds(20));

        Extrinsic x = h.extrinsic();
        assertThat(h.hash()).isEqualTo(new H256(x.hash()));
        assertThat(x.signer()).isEqualTo(id("Alice"));
        assertThat(x.era()).isBetween(TxBuilder.DEFAULT_VALIDITY, client.head().number() + TxBuilder.DEFAULT_VALIDITY);
        assertThat(o).isInstanceOf(TxOutcome.Finalized.class);
        TxOutcome.Finalized f = (TxOutcome.Finalized) o;
        assertThat(f.isSuccess()).isTrue();
        assertThat(f.error()).isNull();
        assertThat(f.txHash()).isEqualTo(h.hash());
        long fee = Runtime.fee(client.params(), x);
        assertThat(f.fee()).isEqualTo(fee);
        assertThat(f.events()).extracting(ChainEvent::type).containsExactly("Transfer", "ExtrinsicSuccess");
        assertThat(f.events().get(0).event()).isEqualTo(new Event.Transfer(id("Alice"), id("Bob"), 3 * TAO));
        assertThat(f.events().get(1).event()).isEqualTo(new Event.ExtrinsicSuccess(f.index(), id("Alice"), fee));
        assertThat(client.header(f.blockHash()).orElseThrow().number()).isEqualTo(f.blockNumber());
        assertThat(client.block(f.blockHash()).orElseThrow().indexOf(h.hash())).isEqualTo(f.index());

        awaitStages(seen, 4);
        assertThat(stages(seen)).containsExactly("submitted", "ready", "inBlock", "finalized");
        assertThat(((TxStatus.Finalized) seen.get(3)).block()).isEqualTo(f.blockHash());
        assertThat(h.status()).isInstanceOf(TxStatus.Finalized.class);

        assertThat(client.balance(id("Alice"), f.blockHash()).free()).isEqualTo(alice0 - 3 * TAO - fee);
        assertThat(client.balance(id("Bob"), f.blockHash()).free()).isEqualTo(bob0 + 3 * TAO);
        assertThat(client.findExtrinsic(h.hash(), 1)).hasValueSatisfying(l -> {
            assertThat(l.block()).isEqualTo(f.blockHash());
            assertThat(l.index()).isEqualTo(f.index());
        });
        assertThat(client.outcomeOf(h.hash(), f.blockHash())).isEqualTo(f);
    }

    @Test
    void aFailingCallReportsItsErrorAndStillPaysTheFee() {
        long eve0 = client.balance(id("Eve")).free();
        long nonce0 = client.nextNonce(id("Eve"));
        TxOutcome o = client.tx(key("Eve"), new Call.Transfer(id("Bob"), 2 * eve0))
                .submitAndWatch()
                .await();
        assertThat(o.isSuccess()).isFalse();
        TxOutcome.Finalized f = (TxOutcome.Finalized) o;
        assertThat(f.error()).isEqualTo("InsufficientBalance");
        assertThat(f.errorMessage()).isNotBlank();
        assertThat(f.events()).extracting(ChainEvent::type).containsExactly("ExtrinsicFailed");
        Event.ExtrinsicFailed failed = f.events().get(0).as(Event.ExtrinsicFailed.class);
        assertThat(failed.error()).isEqualTo("InsufficientBalance");
        assertThat(failed.message()).isEqualTo(f.errorMessage());
        assertThat(client.balance(id("Eve"), f.blockHash()).free()).isEqualTo(eve0 - f.fee());
        assertThat(client.nextNonce(id("Eve"))).isEqualTo(nonce0 + 1);
    }

    @Test
    void badTransactionsAreRpcErrors() {
        assertThatThrownBy(() -> client.submit(new byte[] {1, 2})).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(RpcException.BAD_EXTRINSIC);
            assertThat(e.data()).isEqualTo("MALFORMED");
        });
        Extrinsic foreign = Extrinsic.sign(key("Bob"), 0, 0, 1_000, new Call.Transfer(id("Alice"), TAO), new byte[32]);
        assertThatThrownBy(() -> client.submitAndWatch(foreign)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(RpcException.INVALID_TRANSACTION);
            assertThat(e.data()).isEqualTo("BAD_SIGNATURE");
            assertThat(e.rpcMessage()).contains("bad signature");
        });
        assertThatThrownBy(() -> client.submit(foreign)).isInstanceOf(RpcException.class);

        TxOutcome ok = client.tx(key("Charlie"), new Call.Transfer(id("Bob"), TAO))
                .submitAndWatch()
                .await();
        assertThat(ok.isSuccess()).isTrue();
        Extrinsic stale = client.tx(key("Charlie"), new Call.Transfer(id("Bob"), TAO))
                .nonce(0)
                .sign();
        assertThatThrownBy(() -> client.submitAndWatch(stale)).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(RpcException.INVALID_TRANSACTION);
            assertThat(e.data()).isEqualTo("STALE_NONCE");
        });
        Extrinsic expired =
                client.tx(key("Charlie"), new Call.Transfer(id("Bob"), TAO)).sign();
        Extrinsic reallyExpired = Extrinsic.sign(
                key("Charlie"),
                expired.nonce(),
                0,
                0,
                expired.call(),
                client.genesisHash().bytes());
        assertThatThrownBy(() -> client.submit(reallyExpired))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.data()).isEqualTo("EXPIRED"));
    }

    @Test
    void aFutureTransactionReplacedByAHigherTipIsDroppedAndTheOtherGoesThrough() {
        long next = client.nextNonce(id("Dave"));
        List<TxStatus> a = new CopyOnWriteArrayList<>();
        List<TxStatus> b = new CopyOnWriteArrayList<>();
        TxHandle ha = client.tx(key("Dave"), new Call.Transfer(id("Eve"), TAO))
                .nonce(next + 1)
                .submitAndWatch(a::add);
        TxHandle hb = client.tx(key("Dave"), new Call.Transfer(id("Eve"), TAO))
                .nonce(next + 1)
                .tip(1_000)
                .submitAndWatch(b::add);
        TxOutcome oa = ha.await(Duration.ofSeconds(20));
        assertThat(oa).isInstanceOf(TxOutcome.Dropped.class);
        assertThat(((TxOutcome.Dropped) oa).reason()).isNotBlank();
        // the status listener runs on the client's own thread and may hear "dropped" just after the
        // outcome completes
        awaitStages(a, 3);
        assertThat(stages(a)).containsExactly("submitted", "future", "dropped");
        // the same bytes again are already in the pool
        assertThatThrownBy(() -> client.submit(hb.extrinsic()))
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(RpcException.ALREADY_IMPORTED));
        assertThat(client.pendingExtrinsics()).contains(hb.extrinsic());
        assertThat(hb.outcome()).isNotDone();
        // the missing nonce unblocks it
        TxOutcome oc = client.tx(key("Dave"), new Call.Transfer(id("Eve"), TAO))
                .submitAndWatch()
                .await();
        assertThat(oc.isSuccess()).isTrue();
        TxOutcome ob = hb.await(Duration.ofSeconds(20));
        assertThat(ob.isSuccess()).isTrue();
        awaitStages(b, 4);
        assertThat(stages(b)).startsWith("submitted", "future").endsWith("inBlock", "finalized");
        assertThat(((TxOutcome.Finalized) ob).fee()).isEqualTo(client.feeOf(hb.extrinsic()));
    }

    @Test
    void concurrentSubmissionsForOneAccountGetConsecutiveNonces() throws Exception {
        long first = client.nextNonce(id("Ferdie"));
        int n = 12;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<TxHandle>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long amount = (i + 1) * TAO;
                fs.add(pool.submit(() -> client.tx(key("Ferdie"), new Call.Transfer(id("Bob"), amount))
                        .submitAndWatch()));
            }
            List<Long> nonces = new ArrayList<>();
            for (Future<TxHandle> f : fs) {
                TxHandle h = f.get();
                assertThat(h.await(Duration.ofSeconds(30)).isSuccess()).isTrue();
                nonces.add(h.extrinsic().nonce());
            }
            assertThat(nonces)
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.range(first, first + n)
                            .boxed()
                            .toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anHttpClientWatchesThroughAWebSocketItOpensItself() {
        try (TaoClient http = TaoClient.connect(TestNodes.http(node), TestNodes.fastOptions())) {
            H256 hash = http.tx(key("Bob"), new Call.Transfer(id("Alice"), TAO)).submit();
            assertThat(hash).isNotNull();
            TxOutcome o = http.tx(key("Bob"), new Call.Transfer(id("Alice"), TAO))
                    .submitAndWatch()
                    .await();
            assertThat(o.isSuccess()).isTrue();
            List<Long> heads = new CopyOnWriteArrayList<>();
            try (Subscription s = http.subscribeNewHeads(hd -> heads.add(hd.number()))) {
                assertThat(s.isClosed()).isFalse();
                long deadline = System.currentTimeMillis() + 10_000;
                while (heads.isEmpty() && System.currentTimeMillis() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(heads).isNotEmpty();
            }
        }
    }

    @Test
    void unwatchCancelsTheOutcome() {
        long next = client.nextNonce(id("Bob"));
        TxHandle h = client.tx(key("Bob"), new Call.Transfer(id("Eve"), TAO))
                .nonce(next + 50)
                .submitAndWatch();
        h.unwatch();
        assertThat(h.outcome()).isCancelled();
        assertThatThrownBy(h::await).isInstanceOf(TaoClientException.class).hasMessageContaining("stopped watching");
        assertThat(client.pendingExtrinsics()).contains(h.extrinsic());
        assertThatThrownBy(() -> h.outcome().join()).isInstanceOf(CancellationException.class);
    }

    /**
     * Status listeners run on the client's own thread and may hear the last stage just after the
     * outcome future completes: wait (briefly) until {@code n} stages arrived.
     */
    private static void awaitStages(List<TxStatus> seen, int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (seen.size() < n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
