package org.tao4j.runtime.keys;

import static org.tao4j.runtime.dispatch.DispatchFailure.ensure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.Runtime;
import org.tao4j.runtime.balances.Balances;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.dispatch.DispatchError;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.Account;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.ChainState.ColdkeySwap;
import org.tao4j.runtime.schema.ChainState.Pair;
import org.tao4j.runtime.schema.Proposal;
import org.tao4j.runtime.schema.SubnetInfo;
import org.tao4j.runtime.tx.Call;

/**
 * Key safety (docs/spec/chain.md §10): {@code swap_hotkey} and the announced coldkey swap. Work per
 * call: the hotkey's subnets (at most the subnet limit), its stakers, the subnets and open proposals
 * (both bounded), and on each subnet the hotkey's childkey links (at most 5 children of its own; the
 * lists naming it as a child, each of at most 5 links, whose parents each hold a uid there when they set
 * it and paid a fee for it); a coldkey swap also visits the coldkey's stakes and owned hotkeys, which the
 * coldkey paid for one by one.
 */
public final class KeySafety {

    /** Recycled by {@code swap_hotkey} on top of the fee: 0.1 TAO. */
    public static final long HOTKEY_SWAP_COST = ChainParams.RAO_PER_TAO / 10;
    /** Recycled by {@code swap_coldkey}: 0.1 TAO. */
    public static final long COLDKEY_SWAP_COST = ChainParams.RAO_PER_TAO / 10;

    public static final long HOTKEY_SWAP_RATE_LIMIT_LIVE = 1_000;
    public static final long HOTKEY_SWAP_RATE_LIMIT_DEV = 10;
    public static final long COLDKEY_SWAP_DELAY_LIVE = 36_000;
    public static final long COLDKEY_SWAP_DELAY_DEV = 10;

    private KeySafety() {}

    public static long hotkeySwapRateLimit(ChainState s) {
        return s.isLive() ? HOTKEY_SWAP_RATE_LIMIT_LIVE : HOTKEY_SWAP_RATE_LIMIT_DEV;
    }

    public static long coldkeySwapDelay(ChainState s) {
        return s.isLive() ? COLDKEY_SWAP_DELAY_LIVE : COLDKEY_SWAP_DELAY_DEV;
    }

    /** Blake2-256 of an account's 32 bytes: what {@code announce_coldkey_swap} carries. */
    public static byte[] coldkeyHash(AccountId newColdkey) {
        return Blake2b.hash256(newColdkey.bytes());
    }

    // ---------------------------------------------------------------- swap_hotkey

    public static void swapHotkey(DispatchContext ctx, Call.SwapHotkey c) {
        ChainState s = ctx.state();
        AccountId coldkey = ctx.signer();
        AccountId oldHk = c.oldHotkey();
        AccountId newHk = c.newHotkey();
        AccountId owner = s.owner(oldHk);
        ensure(owner != null, DispatchError.HotkeyNotFound, "hotkey " + oldHk.toSs58() + " is not registered anywhere");
        ensure(
                owner.equals(coldkey),
                DispatchError.NotHotkeyOwner,
                "hotkey " + oldHk.toSs58() + " is owned by " + owner.toSs58());
        ensure(!oldHk.equals(newHk), DispatchError.SameHotkey, "old and new hotkey are both " + newHk.toSs58());
        ensure(
                s.owner(newHk) == null && s.netuidsOf(newHk).isEmpty() && s.totalHotkeyStake(newHk) == 0,
                DispatchError.HotkeyInUse,
                "hotkey " + newHk.toSs58() + " already has an owner, a uid or stake; use a fresh key");
        for (SubnetInfo sn : s.subnets()) {
            ensure(
                    !s.hasChildkeyRecords(sn.netuid(), newHk),
                    DispatchError.HotkeyInUse,
                    "hotkey " + newHk.toSs58() + " already has childkey records on subnet " + sn.netuid()
                            + " (a parent, a child or a take); use a fresh key");
        }
        long last = s.lastHotkeySwap(coldkey);
        long limit = hotkeySwapRateLimit(s);
        if (last >= 0) {
            long since = ctx.block() - last;
            ensure(
                    since >= limit,
                    DispatchError.HotkeySwapRateLimited,
                    (limit - since) + " blocks left (rate limit " + limit + " blocks per coldkey)");
        }
        Balances.withdraw(ctx, coldkey, HOTKEY_SWAP_COST, false);
        Balances.recycle(s, HOTKEY_SWAP_COST);
        ctx.emit(new Event.Recycled("hotkey swap", HOTKEY_SWAP_COST));

        // registrations (root included), with their period floors
        for (int netuid : s.netuidsOf(oldHk)) {
            s.moveRegistration(netuid, oldHk, newHk);
        }
        // ownership, stake, take
        s.removeOwner(oldHk);
        s.setOwner(newHk, coldkey);
        long total = s.totalHotkeyStake(oldHk);
        for (Pair<AccountId, Long> st : s.stakers(oldHk)) {
            s.setStake(oldHk, st.first(), 0);
            s.setStake(newHk, st.first(), st.second());
        }
        s.setTotalHotkeyStake(oldHk, 0);
        s.setTotalHotkeyStake(newHk, total);
        s.moveTake(oldHk, newHk);
        // childkeys (docs/spec/chain.md §5): children, place in other lists, take, rate limits, per subnet
        for (SubnetInfo sn : s.subnets()) {
            s.moveChildkeys(sn.netuid(), oldHk, newHk);
        }
        // subnets whose owner hotkey it is
        for (SubnetInfo sn : s.subnets()) {
            if (sn.ownerHotkey().equals(oldHk)) {
                s.setSubnet(new SubnetInfo(
                        sn.netuid(),
                        sn.owner(),
                        newHk,
                        sn.registeredAt(),
                        sn.lock(),
                        sn.burn(),
                        sn.lastHyperparamBlock(),
                        sn.lastMechanismStepBlock(),
                        sn.pendingEmission(),
                        sn.emissionValue(),
                        sn.emissionShare(),
                        sn.lastRegistrationBlock(),
                        sn.n()));
            }
        }
        // senate votes of open proposals
        for (Proposal p : s.proposals()) {
            if (p.proposer().equals(oldHk)
                    || p.ayes().contains(oldHk)
                    || p.nays().contains(oldHk)) {
                s.setProposal(new Proposal(
                        p.id(),
                        p.proposer().equals(oldHk) ? newHk : p.proposer(),
                        p.call(),
                        replace(p.ayes(), oldHk, newHk),
                        replace(p.nays(), oldHk, newHk),
                        p.end()));
            }
        }
        s.setLastHotkeySwap(coldkey, ctx.block());
        ctx.emit(new Event.HotkeySwapped(coldkey, oldHk, newHk));
    }

    private static List<AccountId> replace(List<AccountId> xs, AccountId from, AccountId to) {
        List<AccountId> out = new ArrayList<>(xs.size());
        for (AccountId a : xs) {
            out.add(a.equals(from) ? to : a);
        }
        return out;
    }

    // ---------------------------------------------------------------- coldkey swap

    public static void announceColdkeySwap(DispatchContext ctx, Call.AnnounceColdkeySwap c) {
        ChainState s = ctx.state();
        AccountId coldkey = ctx.signer();
        ColdkeySwap pending = s.coldkeySwap(coldkey);
        if (pending != null) {
            // docs/spec/chain.md §10: a second announcement freezes the swap for governance
            ensure(
                    !pending.disputed(),
                    DispatchError.ColdkeySwapDisputed,
                    "the pending swap is already frozen; governance decides it (decide_coldkey_swap)");
            s.setColdkeySwap(coldkey, new ColdkeySwap(pending.newColdkeyHash(), pending.announcedAt(), true));
            ctx.emit(new Event.ColdkeySwapDisputed(coldkey));
            return;
        }
        long at = ctx.block() + coldkeySwapDelay(s);
        s.setColdkeySwap(coldkey, new ColdkeySwap(c.newColdkeyHash(), ctx.block(), false));
        ctx.emit(new Event.ColdkeySwapAnnounced(coldkey, c.newColdkeyHash(), at));
    }

    public static void disputeColdkeySwap(DispatchContext ctx, Call.DisputeColdkeySwap c) {
        ChainState s = ctx.state();
        AccountId coldkey = ctx.signer();
        ColdkeySwap pending = s.coldkeySwap(coldkey);
        ensure(pending != null, DispatchError.ColdkeySwapNotAnnounced, "no swap is announced for " + coldkey.toSs58());
        ensure(!pending.disputed(), DispatchError.ColdkeySwapDisputed, "the swap is already frozen");
        s.setColdkeySwap(coldkey, new ColdkeySwap(pending.newColdkeyHash(), pending.announcedAt(), true));
        ctx.emit(new Event.ColdkeySwapDisputed(coldkey));
    }

    public static void swapColdkey(DispatchContext ctx, Call.SwapColdkey c) {
        ChainState s = ctx.state();
        AccountId coldkey = ctx.signer();
        ColdkeySwap pending = s.coldkeySwap(coldkey);
        ensure(
                pending != null,
                DispatchError.ColdkeySwapNotAnnounced,
                "announce it first (announce_coldkey_swap) and wait the delay");
        ensure(
                !pending.disputed(),
                DispatchError.ColdkeySwapDisputed,
                "the swap was disputed or announced twice; governance decides it (decide_coldkey_swap)");
        long at = pending.announcedAt() + coldkeySwapDelay(s);
        ensure(
                ctx.block() >= at,
                DispatchError.ColdkeySwapTooEarly,
                "executable at block " + at + ", now " + ctx.block());
        ensure(
                Arrays.equals(pending.newColdkeyHash(), coldkeyHash(c.newColdkey())),
                DispatchError.ColdkeySwapHashMismatch,
                c.newColdkey().toSs58() + " is not the announced coldkey");
        Balances.withdraw(ctx, coldkey, COLDKEY_SWAP_COST, true);
        Balances.recycle(s, COLDKEY_SWAP_COST);
        ctx.emit(new Event.Recycled("coldkey swap", COLDKEY_SWAP_COST));
        moveColdkey(ctx, coldkey, c.newColdkey());
    }

    /** Governance or sudo: approve (execute now) or refuse (delete) a coldkey's pending swap. */
    public static void decideColdkeySwap(DispatchContext ctx, Call.DecideColdkeySwap c) {
        Runtime.ensureRoot(ctx);
        ChainState s = ctx.state();
        ColdkeySwap pending = s.coldkeySwap(c.coldkey());
        ensure(
                pending != null,
                DispatchError.ColdkeySwapNotAnnounced,
                "no swap is announced for " + c.coldkey().toSs58());
        if (!c.approve()) {
            s.setColdkeySwap(c.coldkey(), null);
            ctx.emit(new Event.ColdkeySwapRefused(c.coldkey()));
            return;
        }
        moveColdkey(ctx, c.coldkey(), c.newColdkey());
    }

    /**
     * Moves everything of {@code from} to the fresh account {@code to}: free balance, stakes (with
     * their period floors), owned hotkeys, owned subnets. The swap record is consumed; proxies of
     * {@code from} and its announcements are dropped (they may be a thief's).
     */
    private static void moveColdkey(DispatchContext ctx, AccountId from, AccountId to) {
        ChainState s = ctx.state();
        boolean ownsSubnet = false;
        for (SubnetInfo sn : s.subnets()) {
            ownsSubnet |= sn.owner().equals(to);
        }
        ensure(
                !from.equals(to)
                        && s.free(to) == 0
                        && s.stakedHotkeys(to).isEmpty()
                        && s.ownedHotkeys(to).isEmpty()
                        && !ownsSubnet
                        && s.proxies(to).isEmpty()
                        && s.coldkeySwap(to) == null
                        && s.proxyAnnouncements(to).isEmpty()
                        && s.identity(to) == null,
                DispatchError.ColdkeyInUse,
                to.toSs58() + " already has a balance, stake, hotkeys, subnets, proxies, an identity or an "
                        + "announcement; use a fresh key");
        s.setColdkeySwap(from, null);
        Account acc = s.account(from);
        long free = acc.free();
        s.setAccount(from, new Account(0, acc.nonce()));
        Account dest = s.account(to);
        s.setAccount(to, new Account(free, dest.nonce()));
        for (AccountId hk : s.stakedHotkeys(from)) {
            long amount = s.stake(hk, from);
            s.setStake(hk, from, 0);
            s.setStake(hk, to, amount);
            for (int netuid : s.netuidsOf(hk)) {
                s.movePeriodFloor(netuid, hk, from, to);
            }
        }
        for (AccountId hk : s.ownedHotkeys(from)) {
            s.setOwner(hk, to);
        }
        for (SubnetInfo sn : s.subnets()) {
            if (sn.owner().equals(from)) {
                s.setSubnet(new SubnetInfo(
                        sn.netuid(),
                        to,
                        sn.ownerHotkey(),
                        sn.registeredAt(),
                        sn.lock(),
                        sn.burn(),
                        sn.lastHyperparamBlock(),
                        sn.lastMechanismStepBlock(),
                        sn.pendingEmission(),
                        sn.emissionValue(),
                        sn.emissionShare(),
                        sn.lastRegistrationBlock(),
                        sn.n()));
            }
        }
        s.setProxies(from, List.of());
        s.setProxyAnnouncements(from, List.of());
        // the identity follows the coldkey (chain.md §12)
        s.setIdentity(to, s.identity(from));
        s.setIdentity(from, null);
        ctx.emit(new Event.ColdkeySwapped(from, to));
    }
}
