package org.tao4j.node.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.node.TestNet;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.production.ImportedBlock;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

class TransactionPoolTest {

    static final long TAO = 1_000_000_000L;

    private static PoolRejection.Reason rejection(TransactionPool pool, Extrinsic x) {
        try {
            pool.submit(x, null);
        } catch (PoolRejection e) {
            return e.reason();
        }
        throw new AssertionError("admitted " + x);
    }

    @Test
    void blocksTakeTheHighestTipFirstThenTheEarliestArrival(@TempDir Path dir) {
        try (TestNet net = new TestNet(dir, 256)) {
            Extrinsic bob = net.transfer("Bob", "Alice", TAO, 0, 0);
            Extrinsic charlie = net.transfer("Charlie", "Alice", TAO, 0, 50);
            Extrinsic dave = net.transfer("Dave", "Alice", TAO, 0, 0);
            Extrinsic eve = net.transfer("Eve", "Alice", TAO, 0, 50);
            net.submit(bob, charlie, dave, eve);
            ImportedBlock b = net.block();
            assertThat(b.block().extrinsics()).containsExactly(charlie, eve, bob, dave);
        }
    }

    @Test
    void anAccountsTransactionsGoInNonceOrderAndFutureOnesWait(@TempDir Path dir) {
        try (TestNet net = new TestNet(dir, 256)) {
            List<TxStatus> seen = new ArrayList<>();
            Extrinsic n2 = net.transfer("Bob", "Alice", TAO, 2, 1_000);
            Extrinsic n1 = net.transfer("Bob", "Alice", TAO, 1, 500);
            Extrinsic n0 = net.transfer("Bob", "Alice", TAO, 0, 0);
            Extrinsic n4 = net.transfer("Bob", "Alice", TAO, 4, 0);
            try {
                net.pool.submit(n2, seen::add);
            } catch (PoolRejection e) {
                throw new AssertionError(e);
            }
            assertThat(seen).containsExactly(new TxStatus.Future());
            net.submit(n1);
            assertThat(net.block().block().extrinsics()).isEmpty();
            net.submit(n0, n4);
            assertThat(seen).containsExactly(new TxStatus.Future(), new TxStatus.Ready());
            ImportedBlock b = net.block();
            assertThat(b.block().extrinsics()).containsExactly(n0, n1, n2);
            assertThat(seen).hasSize(4);
            assertThat(seen.get(2)).isEqualTo(new TxStatus.InBlock(b.hash(), b.number(), 2));
            assertThat(seen.get(3)).isEqualTo(new TxStatus.Finalized(b.hash(), b.number()));
            assertThat(net.pool.size()).isEqualTo(1); // nonce 4 waits for 3
            assertThat(net.pool.nextNonce(TestNet.id("Bob"), 3)).isEqualTo(3);
        }
    }

    @Test
    void admissionChecksSignatureNonceEraAndFee(@TempDir Path dir) {
        try (TestNet net = new TestNet(dir, 256)) {
            byte[] genesis = net.chain.runtime().genesisHash();
            Extrinsic other = Extrinsic.sign(
                    TestNet.key("Bob"), 0, 0, 100, new Call.Transfer(TestNet.id("Alice"), TAO), new byte[32]);
            assertThat(rejection(net.pool, other)).isEqualTo(PoolRejection.Reason.INVALID);
            net.submit(net.transfer("Bob", "Alice", TAO, 0));
            net.block();
            assertThat(rejection(net.pool, net.transfer("Bob", "Alice", 2 * TAO, 0)))
                    .isEqualTo(PoolRejection.Reason.INVALID);
            Extrinsic expired =
                    Extrinsic.sign(TestNet.key("Bob"), 1, 0, 0, new Call.Transfer(TestNet.id("Alice"), TAO), genesis);
            assertThat(rejection(net.pool, expired)).isEqualTo(PoolRejection.Reason.INVALID);
            Extrinsic broke = Extrinsic.sign(
                    org.tao4j.core.crypto.Ed25519.KeyPair.fromSeed(new byte[32]),
                    0,
                    0,
                    100,
                    new Call.Transfer(TestNet.id("Alice"), TAO),
                    genesis);
            assertThat(rejection(net.pool, broke)).isEqualTo(PoolRejection.Reason.INVALID);
            assertThat(rejection(net.pool, net.transfer("Bob", "Alice", TAO, 5_000)))
                    .isEqualTo(PoolRejection.Reason.TOO_FAR_IN_FUTURE);
            assertThatThrownBy(() -> net.pool.submit(new byte[] {1, 2, 3}, null))
                    .isInstanceOf(PoolRejection.class)
                    .hasMessageContaining("cannot decode");
        }
    }

    @Test
    void duplicatesAndReplacements(@TempDir Path dir) {
        try (TestNet net = new TestNet(dir, 256)) {
            Extrinsic a = net.transfer("Bob", "Alice", TAO, 0, 10);
            List<TxStatus> seen = new ArrayList<>();
            try {
                net.pool.submit(a, seen::add);
            } catch (PoolRejection e) {
                throw new AssertionError(e);
            }
            assertThat(rejection(net.pool, a)).isEqualTo(PoolRejection.Reason.ALREADY_IMPORTED);
            assertThat(rejection(net.pool, net.transfer("Bob", "Charlie", TAO, 0, 10)))
                    .isEqualTo(PoolRejection.Reason.PRIORITY_TOO_LOW);
            Extrinsic better = net.transfer("Bob", "Charlie", TAO, 0, 11);
            net.submit(better);
            assertThat(seen.get(seen.size() - 1)).isInstanceOf(TxStatus.Dropped.class);
            assertThat(net.block().block().extrinsics()).containsExactly(better);
        }
    }

    @Test
    void aFullPoolRefusesWithPoolFull(@TempDir Path dir) {
        try (TestNet net = new TestNet(ChainSpec.dev(), dir, 256, 3)) {
            net.submit(
                    net.transfer("Bob", "Alice", TAO, 0),
                    net.transfer("Bob", "Alice", TAO, 1),
                    net.transfer("Charlie", "Alice", TAO, 0));
            try {
                net.pool.submit(net.transfer("Dave", "Alice", TAO, 0), null);
                throw new AssertionError("admitted");
            } catch (PoolRejection e) {
                assertThat(e.reason()).isEqualTo(PoolRejection.Reason.POOL_FULL);
                assertThat(e.getMessage()).startsWith("PoolFull");
            }
            net.block();
            net.submit(net.transfer("Dave", "Alice", TAO, 0));
        }
    }

    @Test
    void transactionsThatBecomeInvalidAreEvicted(@TempDir Path dir) {
        try (TestNet net = new TestNet(dir, 256)) {
            // Bob's nonce-0 transfer sends almost everything away, so his nonce-1 one cannot pay its fee afterwards.
            long bob = net.free("Bob");
            long fee = org.tao4j.runtime.Runtime.fee(
                    net.chain.headState().params(),
                    net.transfer("Bob", "Alice", bob - 200_000, 0)); // same encoded length as the drain
            Extrinsic drain = net.transfer("Bob", "Alice", bob - fee - 600, 0);
            Extrinsic next = net.transfer("Bob", "Alice", 1, 1);
            List<TxStatus> seen = new ArrayList<>();
            net.submit(drain);
            net.pool.submit(next, seen::add);
            ImportedBlock b = net.block();
            assertThat(b.block().extrinsics()).containsExactly(drain);
            assertThat(net.free("Bob")).isEqualTo(600);
            assertThat(seen).last().isInstanceOf(TxStatus.Dropped.class);
            assertThat(((TxStatus.Dropped) seen.get(seen.size() - 1)).reason()).contains("cannot pay the fee");
            assertThat(net.pool.size()).isZero();
        } catch (PoolRejection e) {
            throw new AssertionError(e);
        }
    }
}
