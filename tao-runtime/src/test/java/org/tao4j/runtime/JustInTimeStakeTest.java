package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Hyperparameter;

/**
 * docs/spec/chain.md §5 "Only stake held for the whole period earns", through real blocks. Subnet 1 (dev
 * tempo 10) runs its epoch at blocks 9, 20, 31, ...; validator "val" (uid 0, owned by alice) puts all
 * its weight on miner "m1", so its validator amount is exactly half of the pending emission.
 */
class JustInTimeStakeTest {

    private static final long TAKE_PPM = 180_000;

    private static TestChain chain() {
        return new TestChain("alice", "bob", "carol", "dave", "val", "m1", "m2");
    }

    /** uid 0 val (alice 1,000 TAO, held since block 0), uid 1 m1 (carol); val weights m1 in block 1. */
    private static SubnetFixture subnet(TestChain c) {
        SubnetFixture f = SubnetFixture.create(c, 1, "alice", "val");
        f.neuron("m1", "carol");
        f.permit(0, true)
                .stake("val", "alice", 1_000 * TAO)
                .hyperparams(h -> h.with(Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 0));
        return f;
    }

    private static long stake(TestChain c, String coldkey) {
        return c.state().stake(id("val"), id(coldkey));
    }

    private static long floorMulDiv(long a, long b, long d) {
        return BigInteger.valueOf(a)
                .multiply(BigInteger.valueOf(b))
                .divide(BigInteger.valueOf(d))
                .longValueExact();
    }

    /** Tops the pending emission up so that the next block's epoch pays exactly 20 TAO: 10 TAO to val. */
    private static void makeNextEpochPay20Tao(SubnetFixture f) {
        long perBlock = f.info().emissionValue() - floorMulDiv(f.info().emissionValue(), TAKE_PPM, 1_000_000);
        long next = f.info().pendingEmission() + perBlock;
        assertThat(next).isLessThan(20 * TAO);
        f.addPending(20 * TAO - next);
    }

    @Test
    void theWorkedExampleOfTheRulesDoc() {
        // today's rule, for contrast: bob's 1,000 TAO held through the whole period earns half of the rest
        TestChain held = chain();
        SubnetFixture fh = subnet(held);
        fh.stake("val", "bob", 1_000 * TAO);
        held.ok("val", new Call.SetWeights(1, new int[] {1}, new int[] {1}, 0)); // block 1
        fh.advanceToBeforeEpoch();
        makeNextEpochPay20Tao(fh);
        held.block(); // block 9: the epoch
        assertThat(held.state().totalHotkeyStake(id("val"))).isEqualTo(2_000 * TAO + 10 * TAO);
        assertThat(stake(held, "bob")).as("4.1 TAO for a whole period").isEqualTo(1_000 * TAO + 4_100_000_000L);
        assertThat(stake(held, "alice")).as("1.8 take + 4.1").isEqualTo(1_000 * TAO + 5_900_000_000L);

        // the exploit: bob adds 1,000 TAO one block before the epoch
        TestChain c = chain();
        SubnetFixture f = subnet(c);
        c.ok("val", new Call.SetWeights(1, new int[] {1}, new int[] {1}, 0)); // block 1
        c.advance(6); // blocks 2..7
        c.ok("bob", new Call.AddStake(id("val"), 1_000 * TAO)); // block 8
        assertThat(c.state().periodFloor(1, id("val"), id("bob"))).isZero();
        assertThat(f.epochNext()).isTrue();
        makeNextEpochPay20Tao(f);
        c.block(); // block 9: the epoch
        assertThat(c.state().totalHotkeyStake(id("val"))).isEqualTo(2_000 * TAO + 10 * TAO);
        assertThat(stake(c, "bob"))
                .as("stake added in the period earns nothing")
                .isEqualTo(1_000 * TAO);
        assertThat(stake(c, "alice")).as("1.8 take + all of the 8.2 rest").isEqualTo(1_000 * TAO + 10 * TAO);
        assertThat(c.state().periodFloors(1))
                .as("the epoch starts a new period")
                .isEmpty();

        // bob keeps his stake through the next whole period: now he earns pro rata
        long aliceBefore = stake(c, "alice");
        long valBefore = c.state().totalHotkeyStake(id("val"));
        f.runEpoch(); // block 20
        long amount = c.state().totalHotkeyStake(id("val")) - valBefore;
        assertThat(amount).isPositive();
        long rest = amount - floorMulDiv(amount, TAKE_PPM, 1_000_000);
        long bobShare = floorMulDiv(rest, 1_000 * TAO, aliceBefore + 1_000 * TAO);
        assertThat(bobShare).isPositive();
        assertThat(stake(c, "bob")).isEqualTo(1_000 * TAO + bobShare);
        assertThat(stake(c, "alice")).isEqualTo(aliceBefore + amount - bobShare);
    }

    @Test
    void stakeRemovedInThePeriodEarnsNothingAndReAddingDoesNotRestoreIt() {
        TestChain c = chain();
        SubnetFixture f = subnet(c);
        f.stake("val", "bob", 1_000 * TAO).stake("val", "dave", 1_000 * TAO);
        c.ok("alice", new Call.DecreaseTake(id("val"), 0)); // block 1: pure pro rata
        c.ok("val", new Call.SetWeights(1, new int[] {1}, new int[] {1}, 0)); // block 2
        c.ok("bob", new Call.RemoveStake(id("val"), 600 * TAO)); // block 3: 400 left
        c.ok("dave", new Call.RemoveStake(id("val"), 600 * TAO)); // block 4: 400 left ...
        c.ok("dave", new Call.AddStake(id("val"), 600 * TAO)); // block 5: ... and back to 1,000
        assertThat(c.state().periodFloor(1, id("val"), id("bob"))).isEqualTo(400 * TAO);
        assertThat(c.state().periodFloor(1, id("val"), id("dave"))).isEqualTo(400 * TAO);
        assertThat(c.state().periodFloor(1, id("val"), id("alice"))).isEqualTo(-1);
        f.advanceToBeforeEpoch();
        makeNextEpochPay20Tao(f);
        c.block(); // block 9: 10 TAO over eligible stakes alice 1,000, bob 400, dave 400
        long bobShare = floorMulDiv(10 * TAO, 400, 1_800);
        assertThat(stake(c, "bob")).isEqualTo(400 * TAO + bobShare);
        assertThat(stake(c, "dave"))
                .as("the 600 TAO removed and re-added earn nothing")
                .isEqualTo(1_000 * TAO + bobShare);
        assertThat(stake(c, "alice")).isEqualTo(1_000 * TAO + 10 * TAO - 2 * bobShare);
    }

    @Test
    void periodsArePerSubnetSoAnEarlierEpochElsewhereDoesNotLaunderTheStake() {
        TestChain c = chain();
        SubnetFixture one = subnet(c);
        SubnetFixture two = SubnetFixture.create(c, 2, "dave", "m2");
        two.neuron("val", "alice"); // val is also on subnet 2, whose epochs (8, 19, ...) come one block earlier
        c.ok("val", new Call.SetWeights(1, new int[] {1}, new int[] {1}, 0)); // block 1
        c.advance(6); // blocks 2..7
        c.ok("bob", new Call.AddStake(id("val"), 1_000 * TAO)); // block 8: subnet 2's epoch
        assertThat(c.events()).anyMatch(e -> e instanceof org.tao4j.runtime.event.Event.EpochRun r && r.netuid() == 2);
        assertThat(c.state().periodFloors(2))
                .as("subnet 2's epoch closed its period")
                .isEmpty();
        assertThat(c.state().periodFloor(1, id("val"), id("bob")))
                .as("subnet 1's period is still open")
                .isZero();
        assertThat(one.epochNext()).isTrue();
        long alice = stake(c, "alice");
        long val = c.state().totalHotkeyStake(id("val"));
        c.block(); // block 9: subnet 1's epoch
        long amount = c.state().totalHotkeyStake(id("val")) - val;
        assertThat(amount).isPositive();
        assertThat(stake(c, "bob")).isEqualTo(1_000 * TAO);
        assertThat(stake(c, "alice")).isEqualTo(alice + amount);
    }

    @Test
    void floorsGoWithTheUidAndWithTheSubnet() {
        TestChain c = chain();
        subnet(c);
        c.ok("bob", new Call.AddStake(id("val"), 10 * TAO));
        c.ok("carol", new Call.AddStake(id("m1"), 10 * TAO));
        assertThat(c.state().periodFloors(1)).hasSize(2);
        c.state().removeUid(1, id("m1"));
        assertThat(c.state().periodFloors(1))
                .extracting(ChainState.PeriodFloor::coldkey)
                .containsExactly(id("bob"));
        c.state().clearSubnetNeurons(1);
        assertThat(c.state().periodFloors(1)).isEmpty();
    }
}
