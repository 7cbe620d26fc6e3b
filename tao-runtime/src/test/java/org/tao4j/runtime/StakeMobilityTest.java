package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.staking.Staking;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Hyperparameter;

/**
 * docs/spec/chain.md §5 "Moving stake": move_stake, transfer_stake and unstake_all through real signed
 * transactions in real blocks (TestChain checks the §8 invariants after every block). Subnet 1 (dev
 * tempo 10) runs its epoch at blocks 9, 20, ...; validator "val" (uid 0, alice) weights miner "m1"
 * (uid 1, carol).
 */
class StakeMobilityTest {

    private static final long MIN = 2_000_000;

    private static TestChain chain() {
        return new TestChain("alice", "bob", "carol", "dave", "val", "m1");
    }

    private static SubnetFixture subnet(TestChain c) {
        SubnetFixture f = SubnetFixture.create(c, 1, "alice", "val");
        f.neuron("m1", "carol");
        f.permit(0, true)
                .stake("val", "alice", 1_000 * TAO)
                .hyperparams(h -> h.with(Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 0));
        return f;
    }

    private static long stake(TestChain c, String hot, String cold) {
        return c.state().stake(id(hot), id(cold));
    }

    @Test
    void moveStakeMovesBetweenHotkeysWithOneFeeAndNoFreeBalance() {
        TestChain c = chain();
        subnet(c);
        c.ok("bob", new Call.AddStake(id("val"), 10 * TAO));
        long free = c.free("bob");
        long total = c.state().totalStake();
        ApplyResult.Included r = c.ok("bob", new Call.MoveStake(id("val"), id("m1"), 4 * TAO));
        assertThat(c.free("bob")).as("only the fee").isEqualTo(free - r.fee());
        assertThat(stake(c, "val", "bob")).isEqualTo(6 * TAO);
        assertThat(stake(c, "m1", "bob")).isEqualTo(4 * TAO);
        assertThat(c.state().totalHotkeyStake(id("m1"))).isEqualTo(4 * TAO);
        assertThat(c.state().totalStake()).isEqualTo(total);
        assertThat(c.events()).contains(new Event.StakeMoved(id("bob"), id("val"), id("m1"), 4 * TAO));
        // the whole remainder may move, even below the minimum; no rate limit (as add_stake): next block again
        c.ok("bob", new Call.MoveStake(id("val"), id("m1"), 6 * TAO));
        assertThat(stake(c, "val", "bob")).isZero();
        assertThat(c.state().stakedHotkeys(id("bob"))).containsExactly(id("m1"));
    }

    @Test
    void moveStakeRefusals() {
        TestChain c = chain();
        subnet(c);
        c.ok("bob", new Call.AddStake(id("val"), 5 * MIN));
        c.fails("bob", new Call.MoveStake(id("val"), id("m1"), 0), "AmountZero");
        c.fails("bob", new Call.MoveStake(id("val"), id("m1"), 5 * MIN + 1), "NotEnoughStake");
        c.fails("carol", new Call.MoveStake(id("val"), id("m1"), MIN), "NotEnoughStake");
        c.fails("bob", new Call.MoveStake(id("val"), id("m1"), MIN - 1), "StakeTooLow");
        ApplyResult.Included r = c.fails("bob", new Call.MoveStake(id("val"), id("nobody"), MIN), "HotkeyNotFound");
        assertThat(r.message()).contains("destination hotkey");
        c.fails("bob", new Call.MoveStake(id("val"), id("val"), MIN), "SameStakeTarget");
        assertThat(stake(c, "val", "bob")).isEqualTo(5 * MIN);
    }

    @Test
    void transferStakeChangesOwnerOnTheSameHotkey() {
        TestChain c = chain();
        subnet(c);
        c.ok("bob", new Call.AddStake(id("val"), 10 * TAO));
        long free = c.free("bob");
        long daveFree = c.free("dave");
        ApplyResult.Included r = c.ok("bob", new Call.TransferStake(id("dave"), id("val"), 3 * TAO));
        assertThat(c.free("bob")).isEqualTo(free - r.fee());
        assertThat(c.free("dave")).isEqualTo(daveFree);
        assertThat(stake(c, "val", "bob")).isEqualTo(7 * TAO);
        assertThat(stake(c, "val", "dave")).isEqualTo(3 * TAO);
        assertThat(c.state().totalHotkeyStake(id("val"))).isEqualTo(1_010 * TAO);
        assertThat(c.events()).contains(new Event.StakeTransferred(id("bob"), id("dave"), id("val"), 3 * TAO));
        // dave may now remove it: it is his
        c.ok("dave", new Call.RemoveStake(id("val"), 3 * TAO));
        // to an account that does not exist yet: stake needs no existential deposit
        c.ok("bob", new Call.TransferStake(id("erin"), id("val"), MIN));
        assertThat(stake(c, "val", "erin")).isEqualTo(MIN);
    }

    @Test
    void transferStakeRefusals() {
        TestChain c = chain();
        subnet(c);
        c.ok("bob", new Call.AddStake(id("val"), 5 * MIN));
        c.fails("bob", new Call.TransferStake(id("dave"), id("val"), 0), "AmountZero");
        c.fails("bob", new Call.TransferStake(id("dave"), id("val"), 6 * MIN), "NotEnoughStake");
        c.fails("bob", new Call.TransferStake(id("dave"), id("m1"), MIN), "NotEnoughStake");
        c.fails("bob", new Call.TransferStake(id("dave"), id("val"), MIN - 1), "StakeTooLow");
        c.fails("bob", new Call.TransferStake(id("bob"), id("val"), MIN), "SameStakeTarget");
        assertThat(stake(c, "val", "bob")).isEqualTo(5 * MIN);
        assertThat(stake(c, "val", "dave")).isZero();
    }

    @Test
    void unstakeAllOneHotkeyOrEveryHotkey() {
        TestChain c = chain();
        subnet(c);
        c.ok("bob", new Call.AddStake(id("val"), 10 * TAO));
        c.ok("bob", new Call.AddStake(id("m1"), 5 * TAO));
        long free = c.free("bob");
        ApplyResult.Included r = c.ok("bob", new Call.UnstakeAll(id("m1")));
        assertThat(c.free("bob")).isEqualTo(free + 5 * TAO - r.fee());
        assertThat(stake(c, "m1", "bob")).isZero();
        assertThat(stake(c, "val", "bob")).isEqualTo(10 * TAO);
        c.fails("bob", new Call.UnstakeAll(id("m1")), "NotEnoughStake");
        c.ok("bob", new Call.AddStake(id("m1"), 5 * TAO));
        free = c.free("bob");
        r = c.ok("bob", new Call.UnstakeAll(null));
        assertThat(c.free("bob")).isEqualTo(free + 15 * TAO - r.fee());
        assertThat(c.state().stakedHotkeys(id("bob"))).isEmpty();
        assertThat(c.events())
                .contains(
                        new Event.StakeRemoved(id("bob"), id("val"), 10 * TAO),
                        new Event.StakeRemoved(id("bob"), id("m1"), 5 * TAO));
        ApplyResult.Included none = c.fails("bob", new Call.UnstakeAll(null), "NotEnoughStake");
        assertThat(none.message()).contains("no stake on any hotkey");
    }

    @Test
    void unstakeAllTakesAtMost64HotkeysPerCall() {
        TestChain c = chain();
        subnet(c);
        ChainState s = c.state();
        int n = Staking.UNSTAKE_ALL_MAX_HOTKEYS + 1;
        for (int i = 0; i < n; i++) {
            s.setOwner(id("h" + i), id("carol"));
            Staking.creditStake(s, id("h" + i), id("bob"), MIN);
        }
        s.setTotalIssuance(s.totalIssuance() + n * MIN);
        c.ok("bob", new Call.UnstakeAll(null));
        assertThat(c.state().stakedHotkeys(id("bob"))).hasSize(1);
        c.ok("bob", new Call.UnstakeAll(null));
        assertThat(c.state().stakedHotkeys(id("bob"))).isEmpty();
    }

    @Test
    void unstakeAllKeepsTheExistentialDepositRule() {
        TestChain c = chain();
        subnet(c);
        // frank holds 400 rao of stake (as a payout could leave) and exactly his next fee in free balance
        c.state().setOwner(id("hk"), id("alice"));
        Staking.creditStake(c.state(), id("hk"), id("frank"), 400);
        c.state().setTotalIssuance(c.state().totalIssuance() + 400);
        org.tao4j.runtime.tx.Extrinsic probe = org.tao4j.runtime.tx.Extrinsic.sign(
                TestChain.key("frank"), 0, 0, c.number() + 1 + 100, new Call.UnstakeAll(null), TestChain.GENESIS_HASH);
        long fee = Runtime.fee(c.state().params(), probe);
        c.ok("alice", new Call.Transfer(id("frank"), fee));
        c.fails("frank", new Call.UnstakeAll(null), "ExistentialDeposit");
        assertThat(c.free("frank")).isZero();
        assertThat(c.state().stake(id("hk"), id("frank"))).as("rolled back").isEqualTo(400);
    }

    // ---------------------------------------------------------------- period floors

    /** Tops up the pending emission so the next block's epoch pays exactly 20 TAO (10 TAO to val). */
    private static void makeNextEpochPay20Tao(SubnetFixture f) {
        long ev = f.info().emissionValue();
        long perBlock = ev
                - BigInteger.valueOf(ev)
                        .multiply(BigInteger.valueOf(180_000))
                        .divide(BigInteger.valueOf(1_000_000))
                        .longValueExact();
        f.addPending(20 * TAO - f.info().pendingEmission() - perBlock);
    }

    @Test
    void stakeMovedInThePeriodEarnsNeitherOnTheOriginNorOnTheDestination() {
        TestChain c = chain();
        SubnetFixture f = subnet(c);
        f.stake("val", "bob", 1_000 * TAO);
        c.ok("val", new Call.SetWeights(1, new int[] {1}, new int[] {1}, 0)); // block 1
        c.advance(6);
        c.ok("bob", new Call.MoveStake(id("val"), id("m1"), 1_000 * TAO)); // block 8
        assertThat(c.state().periodFloor(1, id("val"), id("bob"))).isZero();
        assertThat(c.state().periodFloor(1, id("m1"), id("bob"))).isZero();
        assertThat(f.epochNext()).isTrue();
        makeNextEpochPay20Tao(f);
        long m1Owner = stake(c, "m1", "carol");
        c.block(); // block 9: val's 10 TAO go to alice alone; m1's 10 TAO server amount to its owner
        assertThat(stake(c, "val", "alice")).isEqualTo(1_010 * TAO);
        assertThat(stake(c, "m1", "bob"))
                .as("not paid twice: nothing at the destination")
                .isEqualTo(1_000 * TAO);
        assertThat(stake(c, "m1", "carol")).isEqualTo(m1Owner + 10 * TAO);
    }

    @Test
    void stakeTransferredInThePeriodEarnsForNeitherColdkey() {
        TestChain c = chain();
        SubnetFixture f = subnet(c);
        f.stake("val", "bob", 1_000 * TAO);
        c.ok("alice", new Call.DecreaseTake(id("val"), 0)); // block 1: pure pro rata
        c.ok("val", new Call.SetWeights(1, new int[] {1}, new int[] {1}, 0)); // block 2
        c.ok("bob", new Call.TransferStake(id("dave"), id("val"), 500 * TAO)); // block 3
        assertThat(c.state().periodFloor(1, id("val"), id("bob"))).isEqualTo(500 * TAO);
        assertThat(c.state().periodFloor(1, id("val"), id("dave"))).isZero();
        f.advanceToBeforeEpoch();
        makeNextEpochPay20Tao(f);
        c.block(); // block 9: 10 TAO over eligible alice 1,000, bob 500, dave 0
        long bobShare = BigInteger.valueOf(10 * TAO)
                .multiply(BigInteger.valueOf(500))
                .divide(BigInteger.valueOf(1_500))
                .longValueExact();
        assertThat(stake(c, "val", "bob")).isEqualTo(500 * TAO + bobShare);
        assertThat(stake(c, "val", "dave")).isEqualTo(500 * TAO);
        assertThat(stake(c, "val", "alice")).isEqualTo(1_010 * TAO - bobShare);
        // the next whole period, dave earns as anyone
        assertThat(c.state().periodFloors(1)).isEmpty();
    }
}
