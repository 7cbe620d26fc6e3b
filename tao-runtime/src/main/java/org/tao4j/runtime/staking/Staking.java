package org.tao4j.runtime.staking;

import static org.tao4j.runtime.dispatch.DispatchFailure.ensure;

import java.util.Map;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.balances.Balances;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.dispatch.DispatchError;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.tx.Call;

/**
 * Stake, delegation and takes (docs/spec/chain.md §5).
 *
 * <p>Stake is kept per (hotkey, coldkey) together with two running totals, the hotkey's total and
 * the chain's total. Every change of stake in the runtime goes through {@link #creditStake} and
 * {@link #debitStake}, which keep all three in step (docs/spec/chain.md §8: issuance = free + stake + locks +
 * pending).
 */
public final class Staking {

    private Staking() {}

    // ---------------------------------------------------------------- calls

    /** {@code add_stake(hotkey, amount)}, signed by the coldkey that pays (docs/spec/chain.md §5). */
    public static void addStake(DispatchContext ctx, Call.AddStake c) {
        AccountId coldkey = ctx.signer();
        ChainState s = ctx.state();
        AccountId hotkey = c.hotkey();
        long amount = c.amount();
        long min = ctx.params().minStake();
        ensure(
                s.owner(hotkey) != null,
                DispatchError.HotkeyNotFound,
                "hotkey " + hotkey + " is not registered anywhere");
        // amounts are u64: one above 2^63 reads negative here and is refused as too low, never wrapped
        ensure(
                amount >= min,
                DispatchError.StakeTooLow,
                Long.toUnsignedString(amount) + " rao < minimum " + min + " rao");
        Balances.withdraw(ctx, coldkey, amount, false);
        long before = s.stake(hotkey, coldkey);
        creditStake(s, hotkey, coldkey, amount);
        notePeriodChange(s, hotkey, coldkey, before, before + amount);
        ctx.emit(new Event.StakeAdded(coldkey, hotkey, amount));
    }

    /**
     * {@code remove_stake(hotkey, amount)}, signed by the coldkey that staked. A partial removal must
     * be at least the minimum stake; removing everything is always allowed (docs/spec/chain.md §5).
     */
    public static void removeStake(DispatchContext ctx, Call.RemoveStake c) {
        AccountId coldkey = ctx.signer();
        ChainState s = ctx.state();
        AccountId hotkey = c.hotkey();
        long amount = c.amount();
        long staked = s.stake(hotkey, coldkey);
        ensure(amount != 0, DispatchError.AmountZero, "remove_stake of 0 rao");
        ensure(
                amount > 0 && amount <= staked,
                DispatchError.NotEnoughStake,
                "asked " + Long.toUnsignedString(amount) + " rao, " + staked + " rao staked by this coldkey on "
                        + hotkey);
        long min = ctx.params().minStake();
        ensure(
                amount == staked || amount >= min,
                DispatchError.StakeTooLow,
                amount + " rao < minimum " + min + " rao (only removing the whole " + staked + " rao may be smaller)");
        debitStake(s, hotkey, coldkey, amount);
        notePeriodChange(s, hotkey, coldkey, staked, staked - amount);
        Balances.depositChecked(ctx, coldkey, amount);
        ctx.emit(new Event.StakeRemoved(coldkey, hotkey, amount));
    }

    /** At most this many hotkeys per {@code unstake_all} without a hotkey (docs/spec/chain.md §5). */
    public static final int UNSTAKE_ALL_MAX_HOTKEYS = 64;

    /**
     * {@code move_stake(origin, destination, amount)}: the signer's stake moves between two hotkeys,
     * one fee, no free balance touched; both sides count for the period floors (docs/spec/chain.md §5).
     */
    public static void moveStake(DispatchContext ctx, Call.MoveStake c) {
        AccountId coldkey = ctx.signer();
        ChainState s = ctx.state();
        AccountId from = c.originHotkey();
        AccountId to = c.destinationHotkey();
        ensure(!from.equals(to), DispatchError.SameStakeTarget, "origin and destination are both " + from);
        ensure(
                s.owner(to) != null,
                DispatchError.HotkeyNotFound,
                "destination hotkey " + to + " is not registered anywhere");
        long staked = checkAmount(ctx, from, coldkey, c.amount(), "move_stake");
        long amount = c.amount();
        long toBefore = s.stake(to, coldkey);
        debitStake(s, from, coldkey, amount);
        notePeriodChange(s, from, coldkey, staked, staked - amount);
        creditStake(s, to, coldkey, amount);
        notePeriodChange(s, to, coldkey, toBefore, toBefore + amount);
        ctx.emit(new Event.StakeMoved(coldkey, from, to, amount));
    }

    /**
     * {@code transfer_stake(destination_coldkey, hotkey, amount)}: the signer's stake on the hotkey
     * changes owner; both coldkeys count for the period floors (docs/spec/chain.md §5).
     */
    public static void transferStake(DispatchContext ctx, Call.TransferStake c) {
        AccountId coldkey = ctx.signer();
        ChainState s = ctx.state();
        AccountId hotkey = c.hotkey();
        AccountId dest = c.destinationColdkey();
        ensure(!dest.equals(coldkey), DispatchError.SameStakeTarget, "the destination coldkey is the signer");
        long staked = checkAmount(ctx, hotkey, coldkey, c.amount(), "transfer_stake");
        long amount = c.amount();
        long destBefore = s.stake(hotkey, dest);
        debitStake(s, hotkey, coldkey, amount);
        notePeriodChange(s, hotkey, coldkey, staked, staked - amount);
        creditStake(s, hotkey, dest, amount);
        notePeriodChange(s, hotkey, dest, destBefore, destBefore + amount);
        ctx.emit(new Event.StakeTransferred(coldkey, dest, hotkey, amount));
    }

    /**
     * {@code unstake_all(hotkey?)}: the signer's whole stake on the hotkey, or on each of its first
     * {@value #UNSTAKE_ALL_MAX_HOTKEYS} staked hotkeys in key order, back to its free balance
     * (docs/spec/chain.md §5). One existential-deposit check on the sum.
     */
    public static void unstakeAll(DispatchContext ctx, Call.UnstakeAll c) {
        AccountId coldkey = ctx.signer();
        ChainState s = ctx.state();
        java.util.List<AccountId> hotkeys =
                c.hotkey() != null ? java.util.List.of(c.hotkey()) : s.stakedHotkeys(coldkey);
        long total = 0;
        int done = 0;
        for (AccountId hotkey : hotkeys) {
            if (done == UNSTAKE_ALL_MAX_HOTKEYS) {
                break;
            }
            long staked = s.stake(hotkey, coldkey);
            if (staked == 0) {
                continue;
            }
            debitStake(s, hotkey, coldkey, staked);
            notePeriodChange(s, hotkey, coldkey, staked, 0);
            total = Balances.addExact(total, staked);
            ctx.emit(new Event.StakeRemoved(coldkey, hotkey, staked));
            done++;
        }
        ensure(
                total > 0,
                DispatchError.NotEnoughStake,
                c.hotkey() == null
                        ? "the signer has no stake on any hotkey"
                        : "the signer has no stake on " + c.hotkey());
        Balances.depositChecked(ctx, coldkey, total);
    }

    /** The amount guards shared by remove, move and transfer; returns the signer's stake on the hotkey. */
    private static long checkAmount(
            DispatchContext ctx, AccountId hotkey, AccountId coldkey, long amount, String call) {
        long staked = ctx.state().stake(hotkey, coldkey);
        ensure(amount != 0, DispatchError.AmountZero, call + " of 0 rao");
        ensure(
                amount > 0 && amount <= staked,
                DispatchError.NotEnoughStake,
                "asked " + Long.toUnsignedString(amount) + " rao, " + staked + " rao staked by this coldkey on "
                        + hotkey);
        long min = ctx.params().minStake();
        ensure(
                amount == staked || amount >= min,
                DispatchError.StakeTooLow,
                amount + " rao < minimum " + min + " rao (only the whole " + staked + " rao may be smaller)");
        return staked;
    }

    /** {@code decrease_take(hotkey, take)}: the hotkey's owner lowers its take; applies at once. */
    public static void decreaseTake(DispatchContext ctx, Call.DecreaseTake c) {
        ChainState s = ctx.state();
        AccountId hotkey = c.hotkey();
        ensureOwner(ctx, hotkey);
        int current = takeOf(s, hotkey);
        int take = c.takePpm();
        ensure(
                take >= 0 && take < current,
                DispatchError.TakeNotLower,
                "asked " + percent(take) + ", current take " + percent(current));
        s.setTake(hotkey, take);
        ctx.emit(new Event.TakeDecreased(hotkey, take));
    }

    /**
     * {@code increase_take(hotkey, take)}: the hotkey's owner raises its take, up to the maximum, at
     * most once per {@code take_increase_rate_limit} blocks (docs/spec/chain.md §5).
     */
    public static void increaseTake(DispatchContext ctx, Call.IncreaseTake c) {
        ChainState s = ctx.state();
        AccountId hotkey = c.hotkey();
        ensureOwner(ctx, hotkey);
        ChainParams p = ctx.params();
        int current = takeOf(s, hotkey);
        int take = c.takePpm();
        ensure(
                take > current,
                DispatchError.TakeNotHigher,
                "asked " + percent(take) + ", current take " + percent(current));
        ensure(
                take <= p.maxTakePpm(),
                DispatchError.TakeTooHigh,
                "asked " + percent(take) + ", maximum " + percent(p.maxTakePpm()));
        long last = s.lastTakeIncrease(hotkey);
        long limit = p.takeIncreaseRateLimit();
        if (last >= 0) {
            long since = ctx.block() - last;
            ensure(
                    since >= limit,
                    DispatchError.TakeRateLimited,
                    (limit - since) + " blocks left (rate limit " + limit + ")");
        }
        s.setTake(hotkey, take);
        s.setLastTakeIncrease(hotkey, ctx.block());
        ctx.emit(new Event.TakeIncreased(hotkey, take));
    }

    // ---------------------------------------------------------------- primitives

    /** A hotkey's take in parts per million: the maximum (18%) until its owner changes it (docs/spec/chain.md §5). */
    public static int takeOf(ChainState s, AccountId hotkey) {
        return s.take(hotkey, s.params().maxTakePpm());
    }

    /**
     * Adds {@code amount} rao to {@code coldkey}'s stake on {@code hotkey} and to both totals. No
     * existential-deposit or minimum checks: payouts and the staking calls use it after their own
     * guards. The caller has taken the rao from somewhere else (a free balance, pending emission).
     */
    public static void creditStake(ChainState s, AccountId hotkey, AccountId coldkey, long amount) {
        if (amount == 0) {
            return;
        }
        if (amount < 0) {
            throw new IllegalArgumentException("negative stake credit " + amount);
        }
        s.setStake(hotkey, coldkey, Balances.addExact(s.stake(hotkey, coldkey), amount));
        s.setTotalHotkeyStake(hotkey, Balances.addExact(s.totalHotkeyStake(hotkey), amount));
        s.setTotalStake(Balances.addExact(s.totalStake(), amount));
    }

    /**
     * Takes {@code amount} rao from {@code coldkey}'s stake on {@code hotkey} and from both totals.
     * The caller has checked that the stake holds it; the caller puts the rao somewhere else.
     */
    public static void debitStake(ChainState s, AccountId hotkey, AccountId coldkey, long amount) {
        long staked = s.stake(hotkey, coldkey);
        if (amount < 0 || amount > staked) {
            throw new IllegalArgumentException("cannot debit " + amount + " rao from a stake of " + staked);
        }
        if (amount == 0) {
            return;
        }
        s.setStake(hotkey, coldkey, staked - amount);
        s.setTotalHotkeyStake(hotkey, s.totalHotkeyStake(hotkey) - amount);
        s.setTotalStake(s.totalStake() - amount);
    }

    /**
     * docs/spec/chain.md §5 "Only stake held for the whole period earns": a staking call moved
     * {@code coldkey}'s stake on {@code hotkey} from {@code before} to {@code after}. On every subnet
     * where the hotkey holds a uid (root excepted: it pays no one), the period floor becomes
     * {@code min(floor, after)}, the floor starting at {@code before} on the period's first call.
     * Every call that changes stake (not payouts) must report here. Work: one read and one write per
     * subnet of the hotkey, at most the subnet limit.
     */
    public static void notePeriodChange(ChainState s, AccountId hotkey, AccountId coldkey, long before, long after) {
        for (int netuid : s.netuidsOf(hotkey)) {
            if (netuid == 0) {
                continue;
            }
            long floor = s.periodFloor(netuid, hotkey, coldkey);
            long next = Math.min(floor < 0 ? before : floor, after);
            if (next != floor) {
                s.setPeriodFloor(netuid, hotkey, coldkey, next);
            }
        }
    }

    /**
     * The stake of each of a hotkey's stakers that earns in this payout (docs/spec/chain.md §5): the
     * period floor where one is recorded, else the whole stake. {@code floors} are the hotkey's recorded
     * floors by coldkey (empty when no staking call touched the hotkey in the period).
     */
    public static long eligible(long stake, AccountId coldkey, Map<AccountId, Long> floors) {
        Long floor = floors.get(coldkey);
        return floor == null ? stake : Math.min(floor, stake);
    }

    // ---------------------------------------------------------------- helpers

    private static void ensureOwner(DispatchContext ctx, AccountId hotkey) {
        AccountId owner = ctx.state().owner(hotkey);
        ensure(owner != null, DispatchError.HotkeyNotFound, "hotkey " + hotkey + " is not registered anywhere");
        ensure(owner.equals(ctx.signer()), DispatchError.NotHotkeyOwner, "hotkey " + hotkey + " is owned by " + owner);
    }

    /** Parts per million as a percentage with up to four decimals, e.g. 180000 → "18%", 123456 → "12.3456%". */
    static String percent(int ppm) {
        if (ppm < 0) {
            return ppm + " ppm";
        }
        // integer formatting only: the text ends up in block events, which must not depend on a locale
        StringBuilder frac =
                new StringBuilder(Integer.toString(10_000 + ppm % 10_000).substring(1));
        while (frac.length() > 0 && frac.charAt(frac.length() - 1) == '0') {
            frac.setLength(frac.length() - 1);
        }
        return (ppm / 10_000) + (frac.length() == 0 ? "" : "." + frac) + "%";
    }
}
