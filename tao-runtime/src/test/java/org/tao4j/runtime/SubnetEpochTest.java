package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tao4j.consensus.SparseRow;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.NeuronInfo;
import org.tao4j.runtime.schema.SubnetInfo;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Hyperparameter;

/**
 * docs/spec/chain.md §5 "Subnet payout at its epoch" through real blocks. Subnet 1 (dev tempo 10) runs its
 * epoch at blocks 9, 20, 31, ...; it is the only subnet, so it receives the whole block emission
 * (1 TAO), of which 18% goes to the owner and the rest to pending emission.
 *
 * <p>The main setup makes Yuma's split exact: one validator "val" (uid 0, owned by alice) puts all
 * its weight on one miner, so incentive and dividends are both 1 and each side gets exactly
 * {@code floor(P / 2)} of the pending emission P (docs/spec/yuma.md §3 step 13).
 */
class SubnetEpochTest {

    private static TestChain chain() {
        return new TestChain("alice", "bob", "carol", "dave", "val", "m1", "m2");
    }

    /** uid 0 val (alice, 100 TAO own stake, 300 TAO from bob), uid 1 m1 (carol); no rate limit. */
    private static SubnetFixture subnet(TestChain c) {
        SubnetFixture f = SubnetFixture.create(c, 1, "alice", "val");
        f.neuron("m1", "carol");
        f.permit(0, true)
                .stake("val", "alice", 100 * TAO)
                .stake("val", "bob", 300 * TAO)
                .hyperparams(h -> h.with(Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 0));
        return f;
    }

    private static long stake(TestChain c, String hotkey, String coldkey) {
        return c.state().stake(id(hotkey), id(coldkey));
    }

    private static long floorMulDiv(long a, long b, long d) {
        return BigInteger.valueOf(a)
                .multiply(BigInteger.valueOf(b))
                .divide(BigInteger.valueOf(d))
                .longValueExact();
    }

    private static Event.EpochRun epochEvent(List<Event> events) {
        return events.stream()
                .filter(e -> e instanceof Event.EpochRun)
                .map(e -> (Event.EpochRun) e)
                .findFirst()
                .orElseThrow();
    }

    /** The pending emission the epoch of the last block paid from: what it distributed plus what stayed. */
    private static long paidFrom(TestChain c, SubnetFixture f) {
        return epochEvent(c.events()).emission() + f.info().pendingEmission();
    }

    @Test
    void pendingEmissionIsPaidExactlyAsStake() {
        TestChain c = chain();
        SubnetFixture f = subnet(c);
        c.ok("val", new Call.SetWeights(1, new int[] {1}, new int[] {1}, 0)); // block 1
        f.addPending(1); // make the pending emission odd: the split leaves one rao of dust
        f.advanceToBeforeEpoch();
        assertThat(c.number()).isEqualTo(8);
        long pendingBefore = f.info().pendingEmission();
        long alice = stake(c, "val", "alice");
        long bob = stake(c, "val", "bob");
        long aliceFree = c.free("alice");
        long carolFree = c.free("carol");
        long issuance = c.state().totalIssuance();

        c.block(); // block 9: the epoch
        SubnetInfo sn = f.info();
        long cut = floorMulDiv(sn.emissionValue(), 180_000, 1_000_000);
        long p = pendingBefore + sn.emissionValue() - cut;
        assertThat(paidFrom(c, f)).as("the epoch paid from everything pending").isEqualTo(p);
        assertThat(p % 2).isOne();

        long half = p / 2;
        // the server amount: the miner's owner's stake on the miner's hotkey
        assertThat(stake(c, "m1", "carol")).isEqualTo(half);
        assertThat(c.free("carol")).isEqualTo(carolFree);
        // the validator amount: 18% take, then pro rata over alice 100 and bob 300, remainder to alice
        long take = floorMulDiv(half, 180_000, 1_000_000);
        long rest = half - take;
        long bobShare = floorMulDiv(rest, bob, alice + bob);
        assertThat(stake(c, "val", "bob")).isEqualTo(bob + bobShare);
        assertThat(stake(c, "val", "alice")).isEqualTo(alice + half - bobShare);
        assertThat(c.state().totalHotkeyStake(id("val"))).isEqualTo(alice + bob + half);
        // payouts compound as stake; only the owner cut reaches a free balance
        assertThat(c.free("alice")).isEqualTo(aliceFree + cut);
        // the flooring dust stays pending; the rest left pending
        assertThat(sn.pendingEmission()).isEqualTo(1);
        assertThat(epochEvent(c.events())).isEqualTo(new Event.EpochRun(1, 2 * half, 2));
        assertThat(c.state().totalIssuance()).isEqualTo(issuance + sn.emissionValue());
        assertThat(sn.lastMechanismStepBlock()).isEqualTo(9);

        // the next epoch pays the dust with the new emission
        f.runEpoch();
        assertThat(paidFrom(c, f)).isEqualTo(1 + 11 * (sn.emissionValue() - cut));
    }

    @Test
    void scoresPermitsAndBondsAreWrittenBack() {
        TestChain c = chain();
        SubnetFixture f = subnet(c);
        f.permit(0, false); // the owner's permit is forced by the epoch anyway
        f.runEpoch(); // block 9, no weights yet: the validator share follows the active stake
        assertThat(f.neuronInfo(0).validatorPermit()).isTrue();
        assertThat(f.neuronInfo(1).validatorPermit()).as("no stake, no permit").isFalse();
        // with no weights there are no dividends: the whole emission follows the active stake (docs/spec/yuma.md §3.13)
        assertThat(f.neuronInfo(0).dividends()).isZero();
        assertThat(f.neuronInfo(0).emission()).isEqualTo(paidFrom(c, f));
        assertThat(epochEvent(c.events()).emission()).isEqualTo(paidFrom(c, f));

        c.ok("val", new Call.SetWeights(1, new int[] {1}, new int[] {1}, 0)); // block 10
        f.runEpoch(); // block 20
        NeuronInfo val = f.neuronInfo(0);
        NeuronInfo m1 = f.neuronInfo(1);
        assertThat(m1.incentive()).isEqualTo(65535);
        assertThat(m1.consensus()).isEqualTo(65535);
        assertThat(val.dividends()).isEqualTo(65535);
        assertThat(val.validatorTrust()).isEqualTo(65535);
        assertThat(val.active()).isTrue();
        assertThat(val.lastUpdate()).as("the epoch leaves last_update").isEqualTo(10);
        assertThat(c.state().bonds(1, 0)).isEqualTo(SparseRow.of(new int[] {1}, new int[] {65535}));
        assertThat(c.state().bonds(1, 1)).isEqualTo(SparseRow.EMPTY);
        assertThat(m1.emission() + val.emission()).isBetween(paidFrom(c, f) - 2, paidFrom(c, f));
        assertThat(f.info().lastMechanismStepBlock()).isEqualTo(20);
    }

    @Test
    void minersWeightedHigherGetMore() {
        TestChain c = chain();
        SubnetFixture f = subnet(c);
        f.neuron("m2", "dave");
        c.ok("val", new Call.SetWeights(1, new int[] {1, 2}, new int[] {1, 3}, 0)); // block 1
        f.runEpoch();
        long m1 = stake(c, "m1", "carol");
        long m2 = stake(c, "m2", "dave");
        assertThat(m1).isPositive();
        assertThat(m2).isGreaterThan(m1);
        // incentive 1/4 and 3/4 of the servers' half, each floored in fixed point
        assertThat(m2).isBetween(3 * m1 - 4, 3 * m1 + 4);
        assertThat(m1 + m2).isBetween(paidFrom(c, f) / 2 - 3, paidFrom(c, f) / 2);
        assertThat(f.neuronInfo(2).incentive()).isGreaterThan(f.neuronInfo(1).incentive());
    }

    @Test
    void theValidatorRemainderGoesToTheOwner() {
        TestChain c = chain();
        SubnetFixture f = SubnetFixture.create(c, 1, "alice", "val");
        f.neuron("m1", "carol");
        f.permit(0, true)
                .stake("val", "alice", 10 * TAO)
                .stake("val", "bob", 10 * TAO)
                .stake("val", "dave", 10 * TAO)
                .hyperparams(h -> h.with(Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 0));
        c.ok("alice", new Call.DecreaseTake(id("val"), 0)); // block 1: no take, pure pro rata
        c.ok("val", new Call.SetWeights(1, new int[] {1}, new int[] {1}, 0)); // block 2
        f.advanceToBeforeEpoch();
        // choose the pending emission so that the validator half is 2 mod 3: two rao of remainder
        SubnetInfo sn = f.info();
        long perBlock = sn.emissionValue() - floorMulDiv(sn.emissionValue(), 180_000, 1_000_000);
        long p = sn.pendingEmission() + perBlock;
        long extra = 0;
        while ((p + extra) / 2 % 3 != 2 || (p + extra) % 2 != 0) {
            extra++;
        }
        f.addPending(extra);
        c.block();
        assertThat(paidFrom(c, f)).isEqualTo(p + extra);
        long half = (p + extra) / 2;
        long third = half / 3;
        assertThat(stake(c, "val", "bob")).isEqualTo(10 * TAO + third);
        assertThat(stake(c, "val", "dave")).isEqualTo(10 * TAO + third);
        assertThat(stake(c, "val", "alice")).isEqualTo(10 * TAO + third + 2);
        assertThat(f.info().pendingEmission()).isZero();
    }

    @Test
    void serverAmountGoesToTheOwnerNotToNominatorsOfTheMiner() {
        TestChain c = chain();
        SubnetFixture f = subnet(c);
        f.stake("m1", "bob", 50 * TAO);
        c.ok("val", new Call.SetWeights(1, new int[] {1}, new int[] {1}, 0));
        f.runEpoch();
        long half = paidFrom(c, f) / 2;
        assertThat(stake(c, "m1", "carol")).isEqualTo(half);
        assertThat(stake(c, "m1", "bob")).isEqualTo(50 * TAO);
    }

    @Test
    void aHotkeysTotalStakeCountsOnEverySubnet() {
        TestChain c = chain();
        SubnetFixture one = subnet(c);
        SubnetFixture two = SubnetFixture.create(c, 2, "dave", "m2");
        two.neuron("val", "alice");
        // m2 (subnet 2's owner hotkey) has no stake: val, with its 400 TAO from subnet 1, is the only staked uid
        c.ok("val", new Call.SetWeights(1, new int[] {1}, new int[] {1}, 0));
        two.runEpoch(); // subnet 2 runs at blocks 8, 19, ...
        assertThat(two.neuronInfo(1).validatorPermit())
                .as("val's stake from subnet 1 counts on subnet 2")
                .isTrue();
        assertThat(two.neuronInfo(0).validatorPermit()).as("owner").isTrue();
        assertThat(one.state().totalHotkeyStake(id("val"))).isGreaterThan(400 * TAO);
    }
}
