package org.tao4j.node.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.node.TestNet;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.runtime.BlockLimits;
import org.tao4j.runtime.Runtime;
import org.tao4j.runtime.Validity;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/** The pool's hostile-load rules (docs/node.md "Transaction pool" and "Limits"): paid for, capped, bounded in bytes. */
class TransactionPoolLimitsTest {

    static final long TAO = 1_000_000_000L;
    static final long IMMORTAL = -1L; // era u64::MAX

    private static PoolRejection rejection(TransactionPool pool, Extrinsic x) {
        try {
            pool.submit(x, null);
        } catch (PoolRejection e) {
            return e;
        }
        throw new AssertionError("admitted " + x);
    }

    private static Ed25519.KeyPair fresh(int i) {
        byte[] seed = new byte[32];
        seed[0] = (byte) i;
        seed[1] = (byte) (i >> 8);
        seed[31] = 7;
        return Ed25519.KeyPair.fromSeed(seed);
    }

    private static Extrinsic signed(TestNet net, Ed25519.KeyPair key, long nonce, long tip, long era, Call call) {
        return Extrinsic.sign(key, nonce, tip, era, call, net.chain.runtime().genesisHash());
    }

    private static Extrinsic transfer(TestNet net, Ed25519.KeyPair key, long nonce, long tip) {
        return signed(net, key, nonce, tip, IMMORTAL, new Call.Transfer(TestNet.id("Alice"), 1_000));
    }

    /** A set_weights of about {@code bytes} bytes: valid to pool (the call fails in a block, paying its fee). */
    private static Extrinsic fat(TestNet net, String who, long nonce, int bytes) {
        int n = (bytes - 140) / 4;
        int[] xs = IntStream.range(0, n).toArray();
        return signed(net, TestNet.key(who), nonce, 0, IMMORTAL, new Call.SetWeights(1, xs, xs, 0));
    }

    private static List<TxStatus> watch(TransactionPool pool, Extrinsic x) throws PoolRejection {
        List<TxStatus> seen = new ArrayList<>();
        pool.submit(x, seen::add);
        return seen;
    }

    @Test
    void unfundedKeysCannotPoolEvenFutureImmortalTransactions(@TempDir Path dir) {
        try (TestNet net = new TestNet(dir, 256)) {
            for (int i = 0; i < 20; i++) {
                PoolRejection e = rejection(net.pool, transfer(net, fresh(i), 1 + i * 50, 0));
                assertThat(e.reason()).isEqualTo(PoolRejection.Reason.INVALID);
                assertThat(e.invalidKind()).isEqualTo(Validity.Kind.CANNOT_PAY_FEE);
                assertThat(e.getMessage()).contains("does not exist");
            }
            assertThat(net.pool.size()).isZero();
        }
    }

    @Test
    void anAccountMustPayForAllItsPooledTransactionsFutureOnesIncluded(@TempDir Path dir) throws PoolRejection {
        try (TestNet net = new TestNet(dir, 256)) {
            Ed25519.KeyPair poor = fresh(1);
            long fee = Runtime.fee(net.chain.headState().params(), transfer(net, poor, 0, 0));
            // funds for exactly three fees (plus the existential deposit)
            net.submit(Extrinsic.sign(
                    TestNet.key("Bob"),
                    0,
                    0,
                    1_000,
                    new Call.Transfer(AccountId.of(poor.publicKey()), 3 * fee + 500),
                    net.chain.runtime().genesisHash()));
            net.block();
            net.submit(transfer(net, poor, 0, 0), transfer(net, poor, 2, 0), transfer(net, poor, 5, 0));
            PoolRejection e = rejection(net.pool, transfer(net, poor, 1, 0));
            assertThat(e.invalidKind()).isEqualTo(Validity.Kind.CANNOT_PAY_FEE);
            assertThat(e.getMessage()).contains("fees of its account's pooled transactions and this one");
            // a replacement with a higher tip counts instead of the one it replaces, not on top of it
            assertThat(rejection(net.pool, transfer(net, poor, 5, 1_000)).invalidKind())
                    .isEqualTo(Validity.Kind.CANNOT_PAY_FEE); // a bigger fee than the 500 rao left over
            net.submit(signed(net, poor, 5, 63, IMMORTAL, new Call.Transfer(TestNet.id("Alice"), 1_000))); // +63 of 500
            assertThat(net.pool.size()).isEqualTo(3);
        }
    }

    @Test
    void anAccountMayQueueAtMostSixteenFutureTransactions(@TempDir Path dir) throws PoolRejection {
        try (TestNet net = new TestNet(dir, 256)) {
            Ed25519.KeyPair bob = TestNet.key("Bob");
            for (int n = 1; n <= TransactionPool.MAX_FUTURE_PER_ACCOUNT; n++) {
                net.submit(transfer(net, bob, n * 3L, 0));
            }
            assertThat(net.pool.futureCount(TestNet.id("Bob"))).isEqualTo(16);
            PoolRejection e = rejection(net.pool, transfer(net, bob, 100, 0));
            assertThat(e.reason()).isEqualTo(PoolRejection.Reason.FUTURE_LIMIT);
            assertThat(e.getMessage()).contains("at most 16").contains("submit nonce 0 first");
            // a higher-tip replacement of a future one is not a seventeenth
            net.submit(transfer(net, bob, 3, 5));
            // ready ones are not capped, and filling a gap makes the run behind it ready
            net.submit(transfer(net, bob, 0, 0), transfer(net, bob, 1, 0), transfer(net, bob, 2, 0));
            assertThat(net.pool.futureCount(TestNet.id("Bob"))).isEqualTo(15);
            net.submit(transfer(net, bob, 100, 0));
            assertThat(net.pool.futureCount(TestNet.id("Bob"))).isEqualTo(16);
            // other accounts have their own cap
            net.submit(transfer(net, TestNet.key("Charlie"), 9, 0));
        }
    }

    @Test
    void whenFullAReadyTransactionEvictsFutureOnesFirstThenTheLowestFeePerByte(@TempDir Path dir) throws PoolRejection {
        try (TestNet net = new TestNet(ChainSpec.dev(), dir, 256, 4)) {
            List<TxStatus> future =
                    watch(net.pool, transfer(net, TestNet.key("Bob"), 7, 1_000_000)); // rich tip, future
            List<TxStatus> charlie = watch(net.pool, transfer(net, TestNet.key("Charlie"), 0, 0));
            List<TxStatus> dave = watch(net.pool, transfer(net, TestNet.key("Dave"), 0, 0));
            net.submit(transfer(net, TestNet.key("Eve"), 0, 50_000));
            assertThat(net.pool.size()).isEqualTo(4);

            // a future newcomer may evict only a future one paying less per byte
            assertThat(rejection(net.pool, transfer(net, TestNet.key("Ferdie"), 3, 0))
                            .reason())
                    .isEqualTo(PoolRejection.Reason.POOL_FULL);
            // a ready newcomer evicts the future one first, even though it pays less
            net.submit(transfer(net, TestNet.key("Ferdie"), 0, 0));
            assertThat(future).last().isInstanceOf(TxStatus.Dropped.class);
            assertThat(((TxStatus.Dropped) future.get(future.size() - 1)).reason())
                    .contains("evicted");
            // a future newcomer never evicts a ready one, whatever its tip
            assertThat(rejection(net.pool, transfer(net, TestNet.key("Alice"), 3, 9_000_000))
                            .reason())
                    .isEqualTo(PoolRejection.Reason.POOL_FULL);
            // full of ready ones: equal fee per byte is refused ...
            PoolRejection e = rejection(net.pool, transfer(net, TestNet.key("Alice"), 0, 0));
            assertThat(e.reason()).isEqualTo(PoolRejection.Reason.POOL_FULL);
            assertThat(e.getMessage()).startsWith("PoolFull").contains("4 of 4 transactions");
            // ... a higher one evicts the lowest, the newest of equals first (Ferdie), then Dave
            net.submit(transfer(net, TestNet.key("Alice"), 0, 10));
            assertThat(net.pool.pending())
                    .extracting(x -> x.signer())
                    .containsExactlyInAnyOrder(
                            TestNet.id("Charlie"), TestNet.id("Dave"), TestNet.id("Eve"), TestNet.id("Alice"));
            net.submit(transfer(net, TestNet.key("Ferdie"), 0, 20));
            assertThat(dave).last().isInstanceOf(TxStatus.Dropped.class);
            assertThat(charlie).last().isInstanceOf(TxStatus.Ready.class);
            assertThat(net.pool.size()).isEqualTo(4);
            assertThat(net.block().block().extrinsics()).hasSize(4);
        }
    }

    @Test
    void onlyAnAccountsLastTransactionIsEvictedSoNoGapIsLeft(@TempDir Path dir) throws PoolRejection {
        try (TestNet net = new TestNet(ChainSpec.dev(), dir, 256, 3)) {
            net.submit(
                    transfer(net, TestNet.key("Bob"), 0, 0),
                    transfer(net, TestNet.key("Bob"), 1, 0),
                    transfer(net, TestNet.key("Bob"), 2, 0));
            net.submit(transfer(net, TestNet.key("Charlie"), 0, 5));
            net.submit(transfer(net, TestNet.key("Dave"), 0, 5));
            assertThat(net.pool.nextNonce(TestNet.id("Bob"), 0)).isEqualTo(1);
            assertThat(net.block().block().extrinsics()).hasSize(3);
        }
    }

    @Test
    void thePoolIsBoundedInBytesAndBigCheapTransactionsGoFirst(@TempDir Path dir) throws PoolRejection {
        try (TestNet net = new TestNet(ChainSpec.dev(), dir, 256, 1_000, BlockLimits.MAX_EXTRINSIC_BYTES)) {
            Extrinsic big = fat(net, "Bob", 0, 20_000);
            List<TxStatus> bigSeen = watch(net.pool, big);
            net.submit(transfer(net, TestNet.key("Charlie"), 0, 0));
            assertThat(net.pool.bytes())
                    .isEqualTo(big.encodedLength()
                            + transfer(net, TestNet.key("Charlie"), 0, 0).encodedLength());
            // 15 kB more does not fit: it pays slightly more per byte than the 20 kB one, which goes
            Extrinsic other = fat(net, "Dave", 0, 15_000);
            net.submit(other);
            assertThat(bigSeen).last().isInstanceOf(TxStatus.Dropped.class);
            assertThat(net.pool.bytes()).isLessThanOrEqualTo(BlockLimits.MAX_EXTRINSIC_BYTES);
            // a bigger one paying less per byte is refused, though the count is far from the limit
            PoolRejection e = rejection(net.pool, fat(net, "Eve", 0, 25_000));
            assertThat(e.reason()).isEqualTo(PoolRejection.Reason.POOL_FULL);
            assertThat(e.getMessage()).contains("bytes");
        }
    }

    @Test
    void anOversizeTransactionIsRefusedBeforeDecoding(@TempDir Path dir) {
        try (TestNet net = new TestNet(dir, 256)) {
            Extrinsic huge = fat(net, "Bob", 0, 40_000);
            PoolRejection e;
            try {
                net.pool.submit(huge.encode(), null);
                throw new AssertionError("admitted");
            } catch (PoolRejection r) {
                e = r;
            }
            assertThat(e.invalidKind()).isEqualTo(Validity.Kind.TOO_LARGE);
            assertThat(e.getMessage()).contains("at most 32768");
            assertThat(rejection(net.pool, huge).invalidKind()).isEqualTo(Validity.Kind.TOO_LARGE);
        }
    }

    @Test
    void afterABlockAnAccountThatCanNoLongerPayForItsQueueLosesItsTail(@TempDir Path dir) throws PoolRejection {
        try (TestNet net = new TestNet(dir, 256)) {
            Ed25519.KeyPair poor = fresh(2);
            long fee = Runtime.fee(net.chain.headState().params(), transfer(net, poor, 0, 0));
            long funds = 6 * fee + 10_000;
            net.submit(Extrinsic.sign(
                    TestNet.key("Bob"),
                    0,
                    0,
                    1_000,
                    new Call.Transfer(AccountId.of(poor.publicKey()), funds),
                    net.chain.runtime().genesisHash()));
            net.block();
            // nonce 0 sends most of the balance away, leaving 1.5 fees: each of 2, 3 and 5 could pay, not all
            long drainFee = Runtime.fee(
                    net.chain.headState().params(),
                    signed(net, poor, 0, 0, IMMORTAL, new Call.Transfer(TestNet.id("Alice"), funds / 2)));
            Extrinsic drain = signed(
                    net,
                    poor,
                    0,
                    0,
                    IMMORTAL,
                    new Call.Transfer(TestNet.id("Alice"), funds - drainFee - fee - fee / 2));
            net.submit(drain, transfer(net, poor, 2, 0));
            List<TxStatus> n3 = watch(net.pool, transfer(net, poor, 3, 0));
            net.submit(transfer(net, poor, 5, 0));
            assertThat(net.pool.size()).isEqualTo(4);
            net.block();
            assertThat(n3).last().isInstanceOf(TxStatus.Dropped.class);
            assertThat(((TxStatus.Dropped) n3.get(n3.size() - 1)).reason()).contains("cannot pay the fees of all");
            assertThat(net.pool.pending()).extracting(Extrinsic::nonce).containsExactly(2L);
        }
    }

    @Test
    void feePerByteIsComparedExactly() {
        assertThat(TransactionPool.compareFeePerByte(Long.MAX_VALUE, 32_768, Long.MAX_VALUE - 1, 32_768))
                .isPositive();
        assertThat(TransactionPool.compareFeePerByte(300, 3, 200, 2)).isZero();
        assertThat(TransactionPool.compareFeePerByte(299, 3, 200, 2)).isNegative();
        assertThat(TransactionPool.compareFeePerByte(Long.MAX_VALUE, 2, Long.MAX_VALUE / 2 + 1, 1))
                .isNegative();
    }
}
