package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import org.junit.jupiter.api.Test;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.staking.Staking;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/** docs/spec/chain.md §5: add_stake, remove_stake, decrease_take, increase_take through real blocks. */
class StakingTest {

    private static final long MIN = 2_000_000; // 0.002 TAO

    /** alice owns hotkey "val" (registered as uid 0 of subnet 1); bob and carol are nominators. */
    private static TestChain chain() {
        TestChain c = new TestChain("alice", "bob", "carol");
        SubnetFixture.create(c, 1, "alice", "val");
        return c;
    }

    @Test
    void addStakeMovesFreeBalanceToStakeAndKeepsTotals() {
        TestChain c = chain();
        long before = c.free("bob");
        ApplyResult.Included r = c.ok("bob", new Call.AddStake(id("val"), 10 * TAO));
        ChainState s = c.state();
        assertThat(c.free("bob")).isEqualTo(before - 10 * TAO - r.fee());
        assertThat(s.stake(id("val"), id("bob"))).isEqualTo(10 * TAO);
        assertThat(s.totalHotkeyStake(id("val"))).isEqualTo(10 * TAO);
        assertThat(s.totalStake()).isEqualTo(10 * TAO);
        assertThat(c.events()).contains(new Event.StakeAdded(id("bob"), id("val"), 10 * TAO));

        c.ok("carol", new Call.AddStake(id("val"), 5 * TAO));
        c.ok("bob", new Call.AddStake(id("val"), 1 * TAO));
        s = c.state();
        assertThat(s.stake(id("val"), id("bob"))).isEqualTo(11 * TAO);
        assertThat(s.stake(id("val"), id("carol"))).isEqualTo(5 * TAO);
        assertThat(s.totalHotkeyStake(id("val"))).isEqualTo(16 * TAO);
        assertThat(s.totalStake()).isEqualTo(16 * TAO);
        assertThat(s.stakers(id("val"))).hasSize(2);
        assertThat(s.stakedHotkeys(id("bob"))).containsExactly(id("val"));
    }

    @Test
    void addStakeGuards() {
        TestChain c = chain();
        ApplyResult.Included r = c.fails("bob", new Call.AddStake(id("nobody"), 10 * TAO), "HotkeyNotFound");
        assertThat(r.message()).contains("is not registered anywhere");
        r = c.fails("bob", new Call.AddStake(id("val"), MIN - 1), "StakeTooLow");
        assertThat(r.message()).isEqualTo("StakeTooLow: 1999999 rao < minimum 2000000 rao");
        c.ok("bob", new Call.AddStake(id("val"), MIN));
        r = c.fails("bob", new Call.AddStake(id("val"), 2_000_000 * TAO), "InsufficientBalance");
        assertThat(c.state().stake(id("val"), id("bob"))).isEqualTo(MIN);
    }

    @Test
    void addStakeMayNotLeaveTheColdkeyBelowTheExistentialDeposit() {
        TestChain c = chain();
        c.ok("alice", new Call.Transfer(id("dave"), 10 * TAO));
        // the fee depends only on the encoded length, the same for both amounts below
        Extrinsic probe = Extrinsic.sign(
                TestChain.key("dave"),
                0,
                0,
                c.number() + 100,
                new Call.AddStake(id("val"), 9 * TAO),
                TestChain.GENESIS_HASH);
        long fee = Runtime.fee(c.state().params(), probe);
        long afterFee = 10 * TAO - fee;
        c.fails("dave", new Call.AddStake(id("val"), afterFee - 499), "ExistentialDeposit");
        long afterSecondFee = afterFee - fee;
        c.ok("dave", new Call.AddStake(id("val"), afterSecondFee - 500));
        assertThat(c.free("dave")).isEqualTo(500);
        assertThat(c.state().stake(id("val"), id("dave"))).isEqualTo(afterSecondFee - 500);
    }

    @Test
    void removeStakeReturnsItToFreeBalance() {
        TestChain c = chain();
        c.ok("bob", new Call.AddStake(id("val"), 10 * TAO));
        long before = c.free("bob");
        ApplyResult.Included r = c.ok("bob", new Call.RemoveStake(id("val"), 4 * TAO));
        assertThat(c.free("bob")).isEqualTo(before + 4 * TAO - r.fee());
        assertThat(c.state().stake(id("val"), id("bob"))).isEqualTo(6 * TAO);
        assertThat(c.state().totalHotkeyStake(id("val"))).isEqualTo(6 * TAO);
        assertThat(c.state().totalStake()).isEqualTo(6 * TAO);
        assertThat(c.events()).contains(new Event.StakeRemoved(id("bob"), id("val"), 4 * TAO));
        c.ok("bob", new Call.RemoveStake(id("val"), 6 * TAO));
        assertThat(c.state().stake(id("val"), id("bob"))).isZero();
        assertThat(c.state().stakers(id("val"))).isEmpty();
        assertThat(c.state().stakedHotkeys(id("bob"))).isEmpty();
        assertThat(c.state().totalStake()).isZero();
    }

    @Test
    void removeStakeGuards() {
        TestChain c = chain();
        c.ok("bob", new Call.AddStake(id("val"), 3 * MIN / 2 + MIN)); // 5,000,000 rao
        ApplyResult.Included r = c.fails("bob", new Call.RemoveStake(id("val"), 5_000_001), "NotEnoughStake");
        assertThat(r.message()).startsWith("NotEnoughStake: asked 5000001 rao, 5000000 rao staked by this coldkey on ");
        c.fails("carol", new Call.RemoveStake(id("val"), MIN), "NotEnoughStake");
        c.fails("bob", new Call.RemoveStake(id("val"), 0), "AmountZero");
        r = c.fails("bob", new Call.RemoveStake(id("val"), MIN - 1), "StakeTooLow");
        assertThat(r.message()).contains("only removing the whole 5000000 rao may be smaller");
        // a partial removal of at least the minimum may leave less than the minimum staked ...
        c.ok("bob", new Call.RemoveStake(id("val"), 4_000_000));
        assertThat(c.state().stake(id("val"), id("bob"))).isEqualTo(1_000_000);
        // ... which can then only be removed whole
        c.fails("bob", new Call.RemoveStake(id("val"), 500_000), "StakeTooLow");
        c.ok("bob", new Call.RemoveStake(id("val"), 1_000_000));
        assertThat(c.state().totalStake()).isZero();
    }

    @Test
    void removingStakeToAnEmptyAccountMustReachTheExistentialDeposit() {
        TestChain c = chain();
        // frank holds 400 rao of stake (as a payout could leave) and exactly his next fee in free balance
        c.state().setOwner(id("hk"), id("alice"));
        Staking.creditStake(c.state(), id("hk"), id("frank"), 400);
        c.state().setTotalIssuance(c.state().totalIssuance() + 400);
        Extrinsic probe = Extrinsic.sign(
                TestChain.key("frank"),
                0,
                0,
                c.number() + 1 + 100,
                new Call.RemoveStake(id("hk"), 400),
                TestChain.GENESIS_HASH);
        long fee = Runtime.fee(c.state().params(), probe);
        c.ok("alice", new Call.Transfer(id("frank"), fee));
        ApplyResult.Included r = c.fails("frank", new Call.RemoveStake(id("hk"), 400), "ExistentialDeposit");
        assertThat(r.fee()).isEqualTo(fee);
        assertThat(c.free("frank")).isZero();
        assertThat(c.state().stake(id("hk"), id("frank"))).isEqualTo(400);
    }

    @Test
    void takeDefaultsToTheMaximumAndDecreasesAtOnce() {
        TestChain c = chain();
        ChainState s = c.state();
        assertThat(Staking.takeOf(s, id("val"))).isEqualTo(180_000);
        ApplyResult.Included r = c.fails("bob", new Call.DecreaseTake(id("val"), 100_000), "NotHotkeyOwner");
        assertThat(r.message()).contains("is owned by " + id("alice"));
        c.fails("alice", new Call.DecreaseTake(id("nobody"), 100_000), "HotkeyNotFound");
        r = c.fails("alice", new Call.DecreaseTake(id("val"), 180_000), "TakeNotLower");
        assertThat(r.message()).isEqualTo("TakeNotLower: asked 18%, current take 18%");
        c.ok("alice", new Call.DecreaseTake(id("val"), 123_456));
        assertThat(Staking.takeOf(c.state(), id("val"))).isEqualTo(123_456);
        assertThat(c.events()).contains(new Event.TakeDecreased(id("val"), 123_456));
        c.ok("alice", new Call.DecreaseTake(id("val"), 0));
        assertThat(Staking.takeOf(c.state(), id("val"))).isZero();
        // decreases are not rate limited and do not start the increase rate limit
        assertThat(c.state().lastTakeIncrease(id("val"))).isEqualTo(-1);
    }

    @Test
    void increaseTakeIsBoundedAndRateLimited() {
        TestChain c = chain();
        // at the default (maximum) take nothing is higher and allowed
        ApplyResult.Included r = c.fails("alice", new Call.IncreaseTake(id("val"), 180_000), "TakeNotHigher");
        c.fails("alice", new Call.IncreaseTake(id("val"), 190_000), "TakeTooHigh");
        c.ok("alice", new Call.DecreaseTake(id("val"), 50_000));
        r = c.fails("alice", new Call.IncreaseTake(id("val"), 50_000), "TakeNotHigher");
        assertThat(r.message()).isEqualTo("TakeNotHigher: asked 5%, current take 5%");
        r = c.fails("alice", new Call.IncreaseTake(id("val"), 180_001), "TakeTooHigh");
        assertThat(r.message()).isEqualTo("TakeTooHigh: asked 18.0001%, maximum 18%");
        c.fails("bob", new Call.IncreaseTake(id("val"), 60_000), "NotHotkeyOwner");

        c.ok("alice", new Call.IncreaseTake(id("val"), 60_000)); // the first increase is free
        long first = c.number();
        assertThat(Staking.takeOf(c.state(), id("val"))).isEqualTo(60_000);
        assertThat(c.state().lastTakeIncrease(id("val"))).isEqualTo(first);
        assertThat(c.events()).contains(new Event.TakeIncreased(id("val"), 60_000));

        r = c.fails("alice", new Call.IncreaseTake(id("val"), 70_000), "TakeRateLimited");
        assertThat(r.message()).isEqualTo("TakeRateLimited: 215999 blocks left (rate limit 216000)");
        c.ok("alice", new Call.DecreaseTake(id("val"), 55_000)); // decreasing is still allowed

        // shorten the limit to count it out: allowed exactly rate-limit blocks after the last increase
        ChainState s = c.state();
        s.setParams(TestParams.withTakeIncreaseRateLimit(s.params(), 10));
        c.advance((int) (first + 8 - c.number()));
        r = c.fails("alice", new Call.IncreaseTake(id("val"), 70_000), "TakeRateLimited"); // block first + 9
        assertThat(r.message()).isEqualTo("TakeRateLimited: 1 blocks left (rate limit 10)");
        c.ok("alice", new Call.IncreaseTake(id("val"), 70_000)); // block first + 10
        assertThat(Staking.takeOf(c.state(), id("val"))).isEqualTo(70_000);
    }
}
