package org.tao4j.runtime.channels;

import static org.tao4j.runtime.dispatch.DispatchFailure.ensure;

import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.runtime.balances.Balances;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.dispatch.DispatchError;
import org.tao4j.runtime.dispatch.DispatchFailure;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.tx.Call;

/**
 * Payment channels (docs/spec/chain.md §12): a client locks a deposit for a gateway hotkey, pays it off chain
 * with signed vouchers ({@link Voucher}), the gateway claims the latest voucher, and the client takes back
 * what was not claimed after the claim deadline. Nothing else moves a channel's funds.
 */
public final class Channels {

    /** The most channels a client may have open at once (each one is a state record and an index entry). */
    public static final int MAX_OPEN_PER_CLIENT = 64;
    /** The farthest expiry, in blocks from now: 365 days of 12-second blocks. */
    public static final long MAX_DURATION = 2_628_000;
    /** The default claim grace on a live chain: one day of 12-second blocks. */
    public static final long CLAIM_GRACE_LIVE = 7_200;
    /** The default claim grace on a dev chain: short, so that a refund can be tried in a minute. */
    public static final long CLAIM_GRACE_DEV = 10;
    /** The largest claim grace governance may set (30 days). */
    public static final long MAX_CLAIM_GRACE = 216_000;

    private Channels() {}

    /** The claim grace in force: the governance value if set, else the chain kind's default. */
    public static long claimGrace(ChainState s) {
        long v = s.claimGraceOrUnset();
        if (v >= 0) {
            return v;
        }
        return s.isLive() ? CLAIM_GRACE_LIVE : CLAIM_GRACE_DEV;
    }

    public static void open(DispatchContext ctx, Call.OpenChannel c) {
        ChainState s = ctx.state();
        AccountId client = ctx.signer();
        long deposit = c.deposit();
        if (deposit < 0) {
            throw new DispatchFailure(
                    DispatchError.Overflow, Long.toUnsignedString(deposit) + " rao is above the 2^63-1 limit");
        }
        ensure(deposit > 0, DispatchError.AmountZero, "a channel needs a deposit above 0 rao");
        int netuid = c.netuid();
        ensure(netuid != 0, DispatchError.CannotChangeRoot, "the root network (0) serves no queries; give a subnet");
        ensure(s.subnetExists(netuid), DispatchError.SubnetNotFound, "no subnet " + netuid);
        ensure(
                s.uid(netuid, c.gateway()) >= 0,
                DispatchError.GatewayNotRegistered,
                c.gateway().toSs58() + " holds no uid on subnet " + netuid);
        checkExpiry(ctx.block(), c.expiresAt(), -1);
        long open = s.openChannels(client);
        ensure(
                open < MAX_OPEN_PER_CLIENT,
                DispatchError.TooManyChannels,
                open + " channels open; close one after its claim deadline first");
        Balances.withdraw(ctx, client, deposit, false);
        long counter = s.channelCounter(client);
        H256 id = Voucher.channelId(client, c.gateway(), counter);
        s.setChannelCounter(client, counter + 1);
        s.setOpenChannels(client, open + 1);
        s.setChannel(new ChainState.Channel(
                id, client, c.gateway(), netuid, deposit, 0, c.expiresAt(), claimGrace(s), false));
        ctx.emit(new Event.ChannelOpened(id.bytes(), client, c.gateway(), netuid, deposit, c.expiresAt()));
    }

    public static void topUp(DispatchContext ctx, Call.TopUpChannel c) {
        ChainState s = ctx.state();
        AccountId client = ctx.signer();
        ChainState.Channel ch = existing(s, c.channel());
        ensure(
                ch.client().equals(client),
                DispatchError.NotChannelClient,
                "the channel's client is " + ch.client().toSs58());
        ensure(!ch.closed(), DispatchError.ChannelAlreadyClosed, "channel " + ch.id() + " is closed");
        ensure(
                ctx.block() <= ch.expiresAt(),
                DispatchError.ChannelExpired,
                "expired at block " + ch.expiresAt() + ", now " + ctx.block() + "; open a new channel");
        long amount = c.amount();
        if (amount < 0) {
            throw new DispatchFailure(
                    DispatchError.Overflow, Long.toUnsignedString(amount) + " rao is above the 2^63-1 limit");
        }
        checkExpiry(ctx.block(), c.expiresAt(), ch.expiresAt());
        ensure(
                amount > 0 || c.expiresAt() > ch.expiresAt(),
                DispatchError.AmountZero,
                "a top-up adds rao or extends the expiry; this one does neither");
        long deposit = Balances.addExact(ch.deposit(), amount);
        if (amount > 0) {
            Balances.withdraw(ctx, client, amount, false);
        }
        s.setChannel(ch.with(deposit, ch.claimed(), c.expiresAt(), false));
        ctx.emit(new Event.ChannelToppedUp(ch.id().bytes(), amount, deposit, c.expiresAt()));
    }

    /** The genesis hash the vouchers commit to is the runtime's; passed in by the dispatcher. */
    public static void claim(DispatchContext ctx, Call.ClaimChannel c, byte[] genesisHash) {
        ChainState s = ctx.state();
        AccountId gateway = ctx.signer();
        ChainState.Channel ch = existing(s, c.channel());
        ensure(
                ch.gateway().equals(gateway),
                DispatchError.NotChannelGateway,
                "the channel's gateway is " + ch.gateway().toSs58());
        ensure(!ch.closed(), DispatchError.ChannelAlreadyClosed, "channel " + ch.id() + " is closed");
        ensure(
                ctx.block() <= ch.claimDeadline(),
                DispatchError.ChannelExpired,
                "the claim deadline was block " + ch.claimDeadline() + ", now " + ctx.block());
        long cumulative = c.cumulativeAmount();
        ensure(
                cumulative >= 0 && cumulative <= ch.deposit(),
                DispatchError.VoucherAboveDeposit,
                Long.toUnsignedString(cumulative) + " rao > deposit " + ch.deposit() + " rao");
        ensure(
                cumulative > ch.claimed(),
                DispatchError.VoucherNotAboveClaimed,
                cumulative + " rao <= " + ch.claimed() + " rao already claimed");
        AccountId coldkey = s.owner(gateway);
        ensure(coldkey != null, DispatchError.GatewayHasNoOwner, gateway.toSs58() + " has no owner");
        ensure(
                Voucher.verify(ch.client(), genesisHash, ch.id(), cumulative, c.signature()),
                DispatchError.BadVoucherSignature,
                "not " + ch.client().toSs58() + "'s voucher for " + cumulative + " rao on channel " + ch.id());
        long paid = cumulative - ch.claimed();
        // like a transfer in: an empty coldkey may not be left holding less than the existential deposit
        Balances.depositChecked(ctx, coldkey, paid);
        s.setChannel(ch.with(ch.deposit(), cumulative, ch.expiresAt(), false));
        ctx.emit(new Event.ChannelClaimed(ch.id().bytes(), gateway, coldkey, paid, cumulative));
    }

    public static void close(DispatchContext ctx, Call.CloseChannel c) {
        ChainState s = ctx.state();
        AccountId client = ctx.signer();
        ChainState.Channel ch = existing(s, c.channel());
        ensure(
                ch.client().equals(client),
                DispatchError.NotChannelClient,
                "the channel's client is " + ch.client().toSs58());
        ensure(!ch.closed(), DispatchError.ChannelAlreadyClosed, "channel " + ch.id() + " is closed");
        ensure(
                ctx.block() > ch.claimDeadline(),
                DispatchError.ChannelNotClosable,
                "the gateway may claim until block " + ch.claimDeadline() + ", now " + ctx.block());
        long refund = ch.deposit() - ch.claimed();
        long free = s.free(client);
        long ed = ctx.params().existentialDeposit();
        if (refund > 0 && free == 0 && refund < ed) {
            // an empty account cannot hold dust: recycled like any dust (docs/spec/chain.md §1)
            Balances.recycle(s, refund);
            ctx.emit(new Event.DustRecycled(client, refund));
        } else {
            Balances.deposit(s, client, refund);
        }
        s.setChannel(ch.with(ch.deposit(), ch.claimed(), ch.expiresAt(), true));
        s.setOpenChannels(client, s.openChannels(client) - 1);
        ctx.emit(new Event.ChannelClosed(ch.id().bytes(), client, refund));
    }

    private static ChainState.Channel existing(ChainState s, H256 id) {
        ChainState.Channel ch = s.channel(id);
        if (ch == null) {
            throw new DispatchFailure(DispatchError.UnknownChannel, "no channel " + id);
        }
        return ch;
    }

    /** {@code current} is the channel's expiry for a top-up, -1 for an open. */
    private static void checkExpiry(long block, long expiresAt, long current) {
        ensure(
                expiresAt > block && expiresAt - block <= MAX_DURATION,
                DispatchError.ChannelExpiryInvalid,
                "expires_at " + Long.toUnsignedString(expiresAt) + " must be in " + (block + 1) + ".."
                        + (block + MAX_DURATION));
        ensure(
                expiresAt >= current,
                DispatchError.ChannelExpiryInvalid,
                "expires_at " + expiresAt + " is before the channel's expiry " + current + "; it may only extend");
    }
}
