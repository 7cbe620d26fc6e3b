package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.ChainState.Link;
import org.tao4j.runtime.staking.Childkeys;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Hyperparameter;

/**
 * docs/spec/chain.md §5 "Childkeys" through real signed transactions in real blocks (dev chain: cooldown
 * 10 blocks, rate limit 5, take rate limit 10; subnet 1 runs its epoch at blocks 9, 20, 31, ...).
 * Subnet 1: uid 0 "val" (owner alice), uid 1 parent "par" (erin), uid 2 child "c1" (bob), uid 3
 * child "c2" (carol), uid 4 miner "m1" (dave).
 */
class ChildkeysTest {

    private static final BigInteger ONE = Childkeys.ONE;
    /** floor(0.3 · (2^64 − 1)) and floor(0.2 · (2^64 − 1)). */
    private static final long P30 =
            ONE.multiply(BigInteger.valueOf(3)).divide(BigInteger.TEN).longValue();

    private static final long P20 =
            ONE.multiply(BigInteger.valueOf(2)).divide(BigInteger.TEN).longValue();

    private static TestChain chain() {
        return new TestChain("alice", "bob", "carol", "dave", "erin", "frank", "val", "par", "c1", "c2", "m1");
    }

    private static SubnetFixture subnet(TestChain c) {
        SubnetFixture f = SubnetFixture.create(c, 1, "alice", "val");
        f.neuron("par", "erin");
        f.neuron("c1", "bob");
        f.neuron("c2", "carol");
        f.neuron("m1", "dave");
        f.hyperparams(h -> h.with(Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 0));
        return f;
    }

    private static List<Call.Child> two() {
        return List.of(new Call.Child(P30, id("c1")), new Call.Child(P20, id("c2")));
    }

    private static long mulDiv(long a, long b, long d) {
        return BigInteger.valueOf(a)
                .multiply(BigInteger.valueOf(b))
                .divide(BigInteger.valueOf(d))
                .longValueExact();
    }

    private static long lend(long stake, long p) {
        return BigInteger.valueOf(stake)
                .multiply(new BigInteger(Long.toUnsignedString(p)))
                .divide(ONE)
                .longValueExact();
    }

    @Test
    void childrenTakeEffectAfterTheCooldownAndChangeTheSubnetStake() {
        TestChain c = chain();
        SubnetFixture f = subnet(c);
        f.stake("par", "erin", 1_000 * TAO);
        ApplyResult.Included r = c.ok("erin", new Call.SetChildren(id("par"), 1, two())); // block 1
        assertThat(c.events()).contains(new Event.ChildrenPending(id("par"), 1, 11));
        ChainState s = c.state();
        assertThat(s.children(1, id("par"))).as("pending during the cooldown").isEmpty();
        assertThat(s.pendingChildren(1, id("par")).effectiveBlock()).isEqualTo(11);
        assertThat(Childkeys.subnetStake(s, 1, id("par"))).isEqualTo(1_000 * TAO);
        c.advance(9); // blocks 2..10
        assertThat(c.state().children(1, id("par"))).isEmpty();
        c.block(); // block 11
        assertThat(c.events()).contains(new Event.ChildrenSet(id("par"), 1, 2));
        s = c.state();
        assertThat(s.children(1, id("par"))).containsExactly(new Link(P30, id("c1")), new Link(P20, id("c2")));
        assertThat(s.parents(1, id("c1"))).containsExactly(new Link(P30, id("par")));
        assertThat(s.pendingChildren(1, id("par"))).isNull();
        // the rounding of the rule: 0.3 is not exact in u64 (2^64 − 1 is odd), so 0.3 of 1,000 TAO lends
        // 299.999999999 TAO (floored); 0.2 is exact ((2^64 − 1) / 5 is an integer) and lends 200 TAO
        assertThat(lend(1_000 * TAO, P30)).isEqualTo(299_999_999_999L);
        assertThat(lend(1_000 * TAO, P20)).isEqualTo(200 * TAO);
        long t = s.totalHotkeyStake(id("par")); // 1,000 TAO and its payout of the epoch at block 9
        assertThat(Childkeys.subnetStake(s, 1, id("par"))).isEqualTo(t - lend(t, P30) - lend(t, P20));
        assertThat(Childkeys.subnetStake(s, 1, id("c1"))).isEqualTo(s.totalHotkeyStake(id("c1")) + lend(t, P30));
        assertThat(Childkeys.subnetStake(s, 1, id("c2"))).isEqualTo(s.totalHotkeyStake(id("c2")) + lend(t, P20));
        assertThat(r.fee()).isPositive();

        // revoking is an empty list, with the same cooldown; a parent that loses its uid lends nothing
        c.ok("erin", new Call.SetChildren(id("par"), 1, List.of())); // block 12
        c.advance(10);
        assertThat(c.state().children(1, id("par"))).isEmpty();
        assertThat(c.state().parents(1, id("c1"))).isEmpty();
    }

    @Test
    void aParentWithoutAUidLendsNothingAndDissolutionClearsEverything() {
        TestChain c = chain();
        SubnetFixture f = subnet(c);
        f.stake("par", "erin", 1_000 * TAO);
        c.ok("erin", new Call.SetChildren(id("par"), 1, two()));
        c.advance(10);
        assertThat(Childkeys.subnetStake(c.state(), 1, id("c1"))).isPositive();
        c.state().removeUid(1, id("par"));
        assertThat(Childkeys.subnetStake(c.state(), 1, id("c1"))).isZero();
        c.state().clearSubnetNeurons(1);
        assertThat(c.state().children(1, id("par"))).isEmpty();
        assertThat(c.state().parents(1, id("c1"))).isEmpty();
    }

    /**
     * The conformance test of the issue: a validator with two children, one epoch. The parent "par"
     * sets no weights; its children c1 and c2 both put all their weight on m1. Hand-derived from
     * chain.md §5 with the children's validator amounts V1 and V2 (their whole emission: no one
     * weights them).
     */
    @Test
    void aValidatorWithTwoChildrenOneEpoch() {
        TestChain c = chain();
        SubnetFixture f = subnet(c);
        f.stake("par", "erin", 600 * TAO).stake("par", "frank", 400 * TAO).stake("c1", "bob", 100 * TAO);
        c.ok("erin", new Call.SetChildren(id("par"), 1, two())); // block 1, effective at 11
        c.ok("bob", new Call.SetChildkeyTake(id("c1"), 1, 100_000)); // block 2: c1 keeps 10%
        c.advance(8); // blocks 3..10 (epoch at 9)
        c.block(); // block 11: children in effect
        f.permit(2, true).permit(3, true);
        c.ok("c1", new Call.SetWeights(1, new int[] {4}, new int[] {1}, 0)); // block 12
        c.ok("c2", new Call.SetWeights(1, new int[] {4}, new int[] {1}, 0)); // block 13
        c.advance(6); // blocks 14..19
        assertThat(f.epochNext()).isTrue();

        ChainState s = c.state();
        long parTotal = s.totalHotkeyStake(id("par"));
        long erin = s.stake(id("par"), id("erin"));
        long frank = s.stake(id("par"), id("frank"));
        long bob = s.stake(id("c1"), id("bob"));
        assertThat(parTotal)
                .as("par's payout of the epoch at block 9 compounded")
                .isEqualTo(erin + frank);
        long lend1 = lend(parTotal, P30);
        long lend2 = lend(parTotal, P20);
        long s1 = bob + lend1;
        long s2 = lend2;
        assertThat(Childkeys.subnetStake(s, 1, id("c1"))).isEqualTo(s1);
        assertThat(Childkeys.subnetStake(s, 1, id("c2"))).isEqualTo(s2);
        assertThat(Childkeys.subnetStake(s, 1, id("par"))).isEqualTo(parTotal - lend1 - lend2);

        c.block(); // block 20: the epoch
        s = c.state();
        long v1 = s.neuron(1, 2).emission();
        long v2 = s.neuron(1, 3).emission();
        assertThat(v1).isPositive();
        assertThat(v2).isPositive();
        assertThat(s.neuron(1, 1).emission())
                .as("par set no weights: no dividends of its own")
                .isZero();
        // Yuma saw the subnet stakes: the children's dividends are in the ratio of s1 : s2 (to 0.01%)
        BigInteger cross1 = BigInteger.valueOf(v1).multiply(BigInteger.valueOf(s2));
        BigInteger cross2 = BigInteger.valueOf(v2).multiply(BigInteger.valueOf(s1));
        assertThat(cross1.subtract(cross2).abs().multiply(BigInteger.valueOf(10_000)))
                .isLessThanOrEqualTo(cross1);

        // c1: par's part floor(V1 · lend1 / s1), c1 keeps 10% of it
        long part1 = mulDiv(v1, lend1, s1);
        long kept1 = mulDiv(part1, 100_000, 1_000_000);
        // c2: everything it has is lent, so all of V2 is par's part; childkey take 0
        long part2 = mulDiv(v2, lend2, s2);
        assertThat(part2).isEqualTo(v2);
        long x = part1 - kept1 + part2;
        // through par: take 18%, then erin 600 : frank 400 of the rest, the remainder to erin (the owner)
        long take = mulDiv(x, 180_000, 1_000_000);
        long frankShare = mulDiv(x - take, frank, erin + frank);
        assertThat(s.stake(id("par"), id("frank"))).as("the parent's nominator").isEqualTo(frank + frankShare);
        assertThat(s.stake(id("par"), id("erin"))).isEqualTo(erin + x - frankShare);
        // through c1: the rest of V1 and its childkey take, all to bob (its owner and only staker)
        assertThat(s.stake(id("c1"), id("bob"))).isEqualTo(bob + v1 - part1 + kept1);
        assertThat(s.totalHotkeyStake(id("c2"))).as("c2 kept nothing").isZero();
    }

    @Test
    void setChildrenRefusals() {
        TestChain c = chain();
        subnet(c);
        c.fails("erin", new Call.SetChildren(id("par"), 7, two()), "SubnetNotFound");
        c.fails("erin", new Call.SetChildren(id("par"), 0, two()), "CannotChangeRoot");
        c.fails("bob", new Call.SetChildren(id("par"), 1, two()), "NotHotkeyOwner");
        c.fails("erin", new Call.SetChildren(id("nobody"), 1, two()), "HotkeyNotFound");
        c.state().setOwner(id("loose"), id("erin"));
        c.fails("erin", new Call.SetChildren(id("loose"), 1, two()), "NotRegistered");
        List<Call.Child> six = List.of(
                new Call.Child(1, id("a")),
                new Call.Child(1, id("b")),
                new Call.Child(1, id("c")),
                new Call.Child(1, id("d")),
                new Call.Child(1, id("e")),
                new Call.Child(1, id("f")));
        c.fails("erin", new Call.SetChildren(id("par"), 1, six), "TooManyChildren");
        ApplyResult.Included r = c.fails(
                "erin", new Call.SetChildren(id("par"), 1, List.of(new Call.Child(P30, id("par")))), "InvalidChild");
        assertThat(r.message()).contains("own child");
        c.fails("erin", new Call.SetChildren(id("par"), 1, List.of(new Call.Child(0, id("c1")))), "InvalidChild");
        r = c.fails(
                "erin",
                new Call.SetChildren(
                        id("par"), 1, List.of(new Call.Child(P30, id("c1")), new Call.Child(P20, id("c1")))),
                "InvalidChild");
        assertThat(r.message()).contains("listed twice");
        c.fails(
                "erin",
                new Call.SetChildren(id("par"), 1, List.of(new Call.Child(-1L, id("c1")), new Call.Child(1, id("c2")))),
                "ProportionOverflow");
        // exactly 1 in total is allowed
        c.ok("erin", new Call.SetChildren(id("par"), 1, List.of(new Call.Child(-1L, id("c1")))));
        assertThat(c.state().lastSetChildren(1, id("par"))).isEqualTo(c.number());
    }

    @Test
    void cyclesAreRefusedCountingPendingLists() {
        TestChain c = chain();
        subnet(c);
        c.ok("erin", new Call.SetChildren(id("par"), 1, List.of(new Call.Child(P30, id("c1"))))); // pending
        // c1 → par would close par → c1 → par
        ApplyResult.Included r = c.fails(
                "bob", new Call.SetChildren(id("c1"), 1, List.of(new Call.Child(P30, id("par")))), "ChildkeyCycle");
        assertThat(r.message()).contains("descendant");
        // a longer cycle: c1 → c2 is fine, then c2 → par is not (par → c1 → c2 → par)
        c.ok("bob", new Call.SetChildren(id("c1"), 1, List.of(new Call.Child(P30, id("c2")))));
        c.fails("carol", new Call.SetChildren(id("c2"), 1, List.of(new Call.Child(P30, id("par")))), "ChildkeyCycle");
        // once in effect too
        c.advance(12);
        c.fails("carol", new Call.SetChildren(id("c2"), 1, List.of(new Call.Child(P30, id("par")))), "ChildkeyCycle");
        c.ok("carol", new Call.SetChildren(id("c2"), 1, List.of(new Call.Child(P30, id("m1")))));
    }

    @Test
    void setChildrenIsRateLimitedAndANewListRestartsTheCooldown() {
        TestChain c = chain();
        subnet(c);
        c.ok("erin", new Call.SetChildren(id("par"), 1, List.of(new Call.Child(P30, id("c1"))))); // block 1
        ApplyResult.Included r = c.fails(
                "erin",
                new Call.SetChildren(id("par"), 1, List.of(new Call.Child(P30, id("c2")))),
                "ChildkeyRateLimited"); // block 2
        assertThat(r.message()).isEqualTo("ChildkeyRateLimited: 4 blocks left (rate limit 5)");
        c.advance(3); // blocks 3..5
        c.ok("erin", new Call.SetChildren(id("par"), 1, List.of(new Call.Child(P30, id("c2"))))); // block 6
        assertThat(c.state().pendingChildren(1, id("par")).effectiveBlock()).isEqualTo(16);
        c.advance(9); // blocks 7..15: the first list (due at 11) was replaced and never takes effect
        assertThat(c.state().children(1, id("par"))).isEmpty();
        c.block(); // block 16
        assertThat(c.state().children(1, id("par"))).containsExactly(new Link(P30, id("c2")));
    }

    @Test
    void childkeyTake() {
        TestChain c = chain();
        subnet(c);
        c.fails("erin", new Call.SetChildkeyTake(id("c1"), 1, 10_000), "NotHotkeyOwner");
        c.fails("bob", new Call.SetChildkeyTake(id("c1"), 0, 10_000), "CannotChangeRoot");
        c.fails("bob", new Call.SetChildkeyTake(id("c1"), 9, 10_000), "SubnetNotFound");
        c.fails("bob", new Call.SetChildkeyTake(id("c1"), 1, 180_001), "TakeTooHigh");
        assertThat(c.state().childkeyTake(1, id("c1"))).isZero();
        c.ok("bob", new Call.SetChildkeyTake(id("c1"), 1, 180_000)); // block 6
        assertThat(c.events()).contains(new Event.ChildkeyTakeSet(id("c1"), 1, 180_000));
        c.ok("bob", new Call.SetChildkeyTake(id("c1"), 1, 50_000)); // a decrease: at once
        ApplyResult.Included r = c.fails("bob", new Call.SetChildkeyTake(id("c1"), 1, 60_000), "TakeRateLimited");
        assertThat(r.message()).isEqualTo("TakeRateLimited: 8 blocks left (rate limit 10)");
        c.advance(7);
        c.ok("bob", new Call.SetChildkeyTake(id("c1"), 1, 60_000));
        assertThat(c.state().childkeyTake(1, id("c1"))).isEqualTo(60_000);
    }
}
