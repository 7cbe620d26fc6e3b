package org.tao4j.runtime.staking;

import static org.tao4j.runtime.dispatch.DispatchFailure.ensure;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.dispatch.DispatchError;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.ChainState.Link;
import org.tao4j.runtime.schema.ChainState.Pair;
import org.tao4j.runtime.schema.ChainState.PendingChildren;
import org.tao4j.runtime.tx.Call;

/**
 * Childkeys (docs/spec/chain.md §5 "Childkeys"): a hotkey lends shares of its stake weight to child
 * hotkeys on one subnet. Consensus code: exact integers, key-ordered reads, no clock.
 */
public final class Childkeys {

    /** At most this many children per hotkey and subnet (subtensor's limit). */
    public static final int MAX_CHILDREN = 5;
    /** A proportion of 1: u64::MAX, as in subtensor. */
    public static final BigInteger ONE = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    /** Bound on the hotkeys the cycle check visits; a larger graph is refused rather than walked. */
    public static final int MAX_CYCLE_CHECK_NODES = 1_024;
    /** Cooldown before a set_children takes effect: live 7,200 blocks (a day), dev 10. */
    public static final long COOLDOWN_LIVE = 7_200, COOLDOWN_DEV = 10;
    /** Blocks between two set_children of one hotkey on one subnet: live 150, dev 5. */
    public static final long RATE_LIMIT_LIVE = 150, RATE_LIMIT_DEV = 5;
    /** Blocks between two childkey take increases: live 216,000 (as increase_take), dev 10. */
    public static final long TAKE_RATE_LIMIT_LIVE = 216_000, TAKE_RATE_LIMIT_DEV = 10;

    private Childkeys() {}

    public static long cooldown(ChainState s) {
        return s.isLive() ? COOLDOWN_LIVE : COOLDOWN_DEV;
    }

    public static long rateLimit(ChainState s) {
        return s.isLive() ? RATE_LIMIT_LIVE : RATE_LIMIT_DEV;
    }

    public static long takeRateLimit(ChainState s) {
        return s.isLive() ? TAKE_RATE_LIMIT_LIVE : TAKE_RATE_LIMIT_DEV;
    }

    // ---------------------------------------------------------------- calls

    /** {@code set_children(hotkey, netuid, children)}, signed by the hotkey's owner coldkey. */
    public static void setChildren(DispatchContext ctx, Call.SetChildren c) {
        ChainState s = ctx.state();
        AccountId hotkey = c.hotkey();
        int netuid = c.netuid();
        ensure(netuid != 0, DispatchError.CannotChangeRoot, "the root network has no childkeys");
        ensure(s.subnetExists(netuid), DispatchError.SubnetNotFound, "no subnet " + netuid);
        ensureOwner(ctx, hotkey);
        ensure(
                s.uid(netuid, hotkey) >= 0,
                DispatchError.NotRegistered,
                "hotkey " + hotkey + " is not registered on subnet " + netuid);
        List<Call.Child> children = c.children();
        ensure(
                children.size() <= MAX_CHILDREN,
                DispatchError.TooManyChildren,
                children.size() + " children given, at most " + MAX_CHILDREN);
        BigInteger sum = BigInteger.ZERO;
        Set<AccountId> seen = new TreeSet<>();
        for (Call.Child ch : children) {
            ensure(!ch.child().equals(hotkey), DispatchError.InvalidChild, "a hotkey cannot be its own child");
            ensure(ch.proportion() != 0, DispatchError.InvalidChild, "child " + ch.child() + " has proportion 0");
            ensure(seen.add(ch.child()), DispatchError.InvalidChild, "child " + ch.child() + " is listed twice");
            sum = sum.add(unsigned(ch.proportion()));
        }
        ensure(
                sum.compareTo(ONE) <= 0,
                DispatchError.ProportionOverflow,
                "the proportions add up to " + sum + ", above 1 = " + ONE);
        for (Call.Child ch : children) {
            ensure(
                    !reaches(s, netuid, ch.child(), hotkey),
                    DispatchError.ChildkeyCycle,
                    "hotkey " + hotkey + " is already a descendant of " + ch.child() + " on subnet " + netuid);
        }
        long last = s.lastSetChildren(netuid, hotkey);
        long limit = rateLimit(s);
        if (last >= 0) {
            long since = ctx.block() - last;
            ensure(
                    since >= limit,
                    DispatchError.ChildkeyRateLimited,
                    (limit - since) + " blocks left (rate limit " + limit + ")");
        }
        List<Link> links = new ArrayList<>(children.size());
        for (Call.Child ch : children) {
            links.add(new Link(ch.proportion(), ch.child()));
        }
        long at = Math.addExact(ctx.block(), cooldown(s));
        s.setPendingChildren(netuid, hotkey, new PendingChildren(at, links));
        s.setLastSetChildren(netuid, hotkey, ctx.block());
        ctx.emit(new Event.ChildrenPending(hotkey, netuid, at));
    }

    /** {@code set_childkey_take(hotkey, netuid, take)}, signed by the hotkey's owner coldkey. */
    public static void setChildkeyTake(DispatchContext ctx, Call.SetChildkeyTake c) {
        ChainState s = ctx.state();
        AccountId hotkey = c.hotkey();
        int netuid = c.netuid();
        ensure(netuid != 0, DispatchError.CannotChangeRoot, "the root network has no childkeys");
        ensure(s.subnetExists(netuid), DispatchError.SubnetNotFound, "no subnet " + netuid);
        ensureOwner(ctx, hotkey);
        ChainParams p = ctx.params();
        int take = c.takePpm();
        ensure(
                take >= 0 && take <= p.maxTakePpm(),
                DispatchError.TakeTooHigh,
                "asked " + Staking.percent(take) + ", maximum " + Staking.percent(p.maxTakePpm()));
        int current = s.childkeyTake(netuid, hotkey);
        if (take > current) {
            long last = s.lastChildkeyTakeIncrease(netuid, hotkey);
            long limit = takeRateLimit(s);
            if (last >= 0) {
                long since = ctx.block() - last;
                ensure(
                        since >= limit,
                        DispatchError.TakeRateLimited,
                        (limit - since) + " blocks left (rate limit " + limit + ")");
            }
            s.setLastChildkeyTakeIncrease(netuid, hotkey, ctx.block());
        }
        s.setChildkeyTake(netuid, hotkey, take);
        ctx.emit(new Event.ChildkeyTakeSet(hotkey, netuid, take));
    }

    // ---------------------------------------------------------------- block step

    /** Block step: the pending lists due at {@code block} take effect (before the block's epochs). */
    public static void onBlock(ChainState s, long block, List<Event> events) {
        for (Pair<Integer, AccountId> due : s.pendingChildrenDue(block)) {
            int netuid = due.first();
            AccountId parent = due.second();
            PendingChildren p = s.pendingChildren(netuid, parent);
            s.removePendingChildrenIndex(block, netuid, parent);
            if (p == null || p.effectiveBlock() != block) {
                continue; // the subnet was dissolved
            }
            s.setChildren(netuid, parent, p.children());
            s.setPendingChildren(netuid, parent, null);
            events.add(new Event.ChildrenSet(parent, netuid, p.children().size()));
        }
    }

    // ---------------------------------------------------------------- stake input

    /** {@code floor(stake · proportion / (2^64 − 1))}: what a proportion of a stake lends. */
    public static long lend(long stake, long proportion) {
        return BigInteger.valueOf(stake)
                .multiply(unsigned(proportion))
                .divide(ONE)
                .longValueExact();
    }

    /** The stake the hotkey lends to its children on the subnet, in child order (0 when it has no uid there). */
    public static long lentToChildren(ChainState s, int netuid, AccountId hotkey) {
        if (s.uid(netuid, hotkey) < 0) {
            return 0;
        }
        long own = s.totalHotkeyStake(hotkey);
        long out = 0;
        for (Link l : s.children(netuid, hotkey)) {
            out += lend(own, l.proportion());
        }
        return out;
    }

    /** What each registered parent lends to {@code child} on the subnet, in parent key order. */
    public static List<Pair<AccountId, Long>> lentByParents(ChainState s, int netuid, AccountId child) {
        List<Pair<AccountId, Long>> out = new ArrayList<>();
        for (Link l : s.parents(netuid, child)) {
            if (s.uid(netuid, l.hotkey()) >= 0) {
                long amount = lend(s.totalHotkeyStake(l.hotkey()), l.proportion());
                if (amount > 0) {
                    out.add(new Pair<>(l.hotkey(), amount));
                }
            }
        }
        return out;
    }

    /** The hotkey's stake on the subnet: own − lent to children + lent by parents (docs/spec/chain.md §5). */
    public static long subnetStake(ChainState s, int netuid, AccountId hotkey) {
        long stake = s.totalHotkeyStake(hotkey) - lentToChildren(s, netuid, hotkey);
        for (Pair<AccountId, Long> p : lentByParents(s, netuid, hotkey)) {
            stake += p.second();
        }
        return stake;
    }

    // ---------------------------------------------------------------- helpers

    /** Whether {@code target} is reachable from {@code from} along children links, in effect or pending. */
    static boolean reaches(ChainState s, int netuid, AccountId from, AccountId target) {
        Set<AccountId> seen = new TreeSet<>();
        ArrayDeque<AccountId> todo = new ArrayDeque<>();
        todo.add(from);
        seen.add(from);
        while (!todo.isEmpty()) {
            AccountId x = todo.poll();
            if (x.equals(target)) {
                return true;
            }
            List<Link> next = new ArrayList<>(s.children(netuid, x));
            PendingChildren p = s.pendingChildren(netuid, x);
            if (p != null) {
                next.addAll(p.children());
            }
            for (Link l : next) {
                if (seen.add(l.hotkey())) {
                    ensure(
                            seen.size() <= MAX_CYCLE_CHECK_NODES,
                            DispatchError.ChildkeyCycle,
                            "the hotkeys below this child exceed " + MAX_CYCLE_CHECK_NODES
                                    + "; cannot check for a cycle");
                    todo.add(l.hotkey());
                }
            }
        }
        return false;
    }

    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    private static void ensureOwner(DispatchContext ctx, AccountId hotkey) {
        AccountId owner = ctx.state().owner(hotkey);
        ensure(owner != null, DispatchError.HotkeyNotFound, "hotkey " + hotkey + " is not registered anywhere");
        ensure(owner.equals(ctx.signer()), DispatchError.NotHotkeyOwner, "hotkey " + hotkey + " is owned by " + owner);
    }
}
