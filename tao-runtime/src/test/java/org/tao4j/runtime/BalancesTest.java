package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

class BalancesTest {

    @Test
    void transferMovesFundsAndChargesAFeeThatIsRecycled() {
        TestChain c = new TestChain("alice", "bob");
        long issuance = c.state().totalIssuance();
        Extrinsic x = c.tx("alice", new Call.Transfer(id("bob"), 5 * TAO));
        long fee = Runtime.fee(c.state().params(), x);
        assertThat(fee).isEqualTo(100_000 + 1_000L * x.encodedLength());
        c.block(x);
        assertThat(c.free("alice")).isEqualTo(1_000_000 * TAO - 5 * TAO - fee);
        assertThat(c.free("bob")).isEqualTo(1_000_005 * TAO);
        assertThat(c.state().totalIssuance()).isEqualTo(issuance - fee);
        assertThat(c.state().totalRecycled()).isEqualTo(fee);
        assertThat(c.state().account(id("alice")).nonce()).isEqualTo(1);
        assertThat(c.events()).contains(new Event.Transfer(id("alice"), id("bob"), 5 * TAO));
    }

    @Test
    void failedCallPaysItsFeeAdvancesTheNonceAndRollsBack() {
        TestChain c = new TestChain("alice", "bob");
        ApplyResult.Included r = c.fails("alice", new Call.Transfer(id("bob"), 2_000_000 * TAO), "InsufficientBalance");
        assertThat(r.fee()).isPositive();
        assertThat(c.free("alice")).isEqualTo(1_000_000 * TAO - r.fee());
        assertThat(c.free("bob")).isEqualTo(1_000_000 * TAO);
        assertThat(c.state().account(id("alice")).nonce()).isEqualTo(1);
        assertThat(c.events())
                .anyMatch(e -> e instanceof Event.ExtrinsicFailed f && f.error().equals("InsufficientBalance"));
    }

    @Test
    void existentialDepositAppliesToTransfersButNotToTransferAll() {
        TestChain c = new TestChain("alice", "bob");
        c.fails("alice", new Call.Transfer(id("carol"), 499), "ExistentialDeposit");
        c.ok("alice", new Call.Transfer(id("carol"), 500));
        assertThat(c.state().free(id("carol"))).isEqualTo(500);
        c.ok("bob", new Call.TransferAll(id("alice")));
        assertThat(c.free("bob")).isZero();
    }

    @Test
    void invalidTransactionsAreNotIncluded() {
        TestChain c = new TestChain("alice", "bob");
        Extrinsic good = c.tx("alice", new Call.Transfer(id("bob"), TAO));
        byte[] bytes = good.encode();
        bytes[40] ^= 1; // tamper with the signed body
        Extrinsic tampered = Extrinsic.decode(bytes);
        Extrinsic otherChain = Extrinsic.sign(
                TestChain.key("alice"),
                0,
                0,
                100,
                new Call.Transfer(id("bob"), TAO),
                Blake2b.hash256("another chain".getBytes()));
        Extrinsic poor = Extrinsic.sign(
                TestChain.key("nobody"), 0, 0, 100, new Call.Transfer(id("bob"), TAO), TestChain.GENESIS_HASH);
        Extrinsic expired = Extrinsic.sign(
                TestChain.key("alice"), 0, 0, 0, new Call.Transfer(id("bob"), TAO), TestChain.GENESIS_HASH);
        Extrinsic future = Extrinsic.sign(
                TestChain.key("alice"), 5, 0, 100, new Call.Transfer(id("bob"), TAO), TestChain.GENESIS_HASH);
        List<ApplyResult> rs = c.block(tampered, otherChain, poor, expired, future);
        assertThat(((ApplyResult.Rejected) rs.get(0)).why().kind()).isEqualTo(Validity.Kind.BAD_SIGNATURE);
        assertThat(((ApplyResult.Rejected) rs.get(1)).why().kind()).isEqualTo(Validity.Kind.BAD_SIGNATURE);
        assertThat(((ApplyResult.Rejected) rs.get(2)).why().kind()).isEqualTo(Validity.Kind.CANNOT_PAY_FEE);
        assertThat(((ApplyResult.Rejected) rs.get(3)).why().kind()).isEqualTo(Validity.Kind.EXPIRED);
        assertThat(rs.get(4)).isInstanceOf(ApplyResult.NotYet.class);
        assertThat(c.free("alice")).isEqualTo(1_000_000 * TAO);
    }

    @Test
    void replayIsRejectedAsStaleNonce() {
        TestChain c = new TestChain("alice", "bob");
        Extrinsic x = c.tx("alice", new Call.Transfer(id("bob"), TAO));
        c.block(x);
        ApplyResult again = c.block(x).get(0);
        assertThat(((ApplyResult.Rejected) again).why().kind()).isEqualTo(Validity.Kind.STALE_NONCE);
    }

    @Test
    void sameBlocksGiveTheSameStateRoot() {
        TestChain a = new TestChain("alice", "bob");
        TestChain b = new TestChain("alice", "bob");
        assertThat(a.root()).isEqualTo(b.root());
        a.block(a.tx("alice", new Call.Transfer(id("bob"), TAO)));
        b.block(b.tx("alice", new Call.Transfer(id("bob"), TAO)));
        assertThat(a.root()).isEqualTo(b.root());
        a.block(a.tx("bob", new Call.Transfer(id("alice"), 2 * TAO)));
        b.block(b.tx("bob", new Call.Transfer(id("alice"), 3 * TAO)));
        assertThat(a.root()).isNotEqualTo(b.root());
    }

    @Test
    void parallelVerificationGivesTheSameResultsAsOneByOne() {
        TestChain a = new TestChain("alice", "bob");
        java.util.List<Extrinsic> xs = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            xs.add(a.tx(i % 2 == 0 ? "alice" : "bob", new Call.Transfer(id("carol"), TAO + i)));
        }
        byte[] bad = xs.get(7).encode();
        bad[bad.length - 1] ^= 1;
        xs.set(7, Extrinsic.decode(bad));
        BlockExecution one = a.runtime().begin(a.state().store(), 1);
        java.util.List<ApplyResult> seq = new java.util.ArrayList<>();
        for (Extrinsic x : xs) {
            seq.add(one.apply(x));
        }
        BlockExecution.Outcome o1 = one.finish();
        BlockExecution par = a.runtime().begin(a.state().store(), 1);
        java.util.List<ApplyResult> all = par.applyAll(xs);
        BlockExecution.Outcome o2 = par.finish();
        assertThat(all).isEqualTo(seq);
        assertThat(o2.events()).isEqualTo(o1.events());
        assertThat(java.util.Arrays.deepEquals(
                        o2.changes().keySet().toArray(), o1.changes().keySet().toArray()))
                .isTrue();
        assertThat(all.get(7)).isInstanceOf(ApplyResult.Rejected.class);
    }
}
