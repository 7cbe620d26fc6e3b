package org.tao4j.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.tao4j.client.access.ChannelInfo;
import org.tao4j.client.access.VoucherHeader;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.runtime.channels.Voucher;

/**
 * The gateway's view of its payment channels: what the chain says of each (read at the head, at
 * most once per block per channel), the latest voucher it accepted, and the check a voucher must
 * pass. Only channels the chain says are open <em>to this gateway</em> get an entry, so the map is
 * bounded by the channels clients paid deposits for; {@code maxChannels} caps it as well.
 *
 * <p>A channel serves one query at a time: {@link #admit} takes its lock, and {@link #commit} (after
 * the answer is ready, before it goes out) or {@link #release} (no answer: nothing charged) gives it back.
 */
final class ChannelBook {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One channel: its chain state as of {@code infoBlock}, and the latest voucher held. */
    static final class State {
        final H256 id;
        final ReentrantLock lock = new ReentrantLock();
        volatile ChannelInfo info;
        volatile long infoBlock = -1;
        volatile VoucherStore.Held held;
        /** Set for vouchers found on disk at start: claimed whatever the threshold, until a claim succeeds. */
        volatile boolean claimPending;

        State(H256 id) {
            this.id = id;
        }

        long accepted() {
            VoucherStore.Held h = held;
            return h == null ? 0 : h.cumulative();
        }
    }

    /** A voucher that passed the checks; the channel stays locked until commit or release. */
    record Ticket(State state, VoucherHeader voucher, long charged) {}

    private final Function<H256, Optional<ChannelInfo>> chain;
    private final AccountId gateway;
    private final int netuid;
    private final byte[] genesis;
    private final VoucherStore store;
    private final long price;
    private final int maxChannels;
    private final LongSupplier head;
    private final long lockWaitMillis;
    private final Map<H256, State> states = new LinkedHashMap<>(); // guarded by this; bounded by maxChannels

    ChannelBook(
            Function<H256, Optional<ChannelInfo>> chain,
            AccountId gateway,
            int netuid,
            byte[] genesis,
            VoucherStore store,
            long price,
            int maxChannels,
            LongSupplier head,
            long lockWaitMillis) {
        this.chain = chain;
        this.gateway = gateway;
        this.netuid = netuid;
        this.genesis = genesis.clone();
        this.store = store;
        this.price = price;
        this.maxChannels = maxChannels;
        this.head = head;
        this.lockWaitMillis = lockWaitMillis;
        for (VoucherStore.Held h : store.loadAll()) {
            State s = new State(h.channel());
            s.held = h;
            s.claimPending = true;
            states.put(h.channel(), s);
        }
    }

    long price() {
        return price;
    }

    synchronized List<State> states() {
        return new ArrayList<>(states.values());
    }

    synchronized int size() {
        return states.size();
    }

    /** The channel as of the current head (one RPC per channel and block at most). */
    Optional<ChannelInfo> refresh(State s, boolean force) {
        long h = head.getAsLong();
        if (!force && s.infoBlock == h && s.info != null) {
            return Optional.of(s.info);
        }
        Optional<ChannelInfo> info = chain.apply(s.id);
        info.ifPresent(i -> {
            s.info = i;
            s.infoBlock = h;
        });
        return info;
    }

    /**
     * Checks {@code v}: the channel is open to this gateway on this subnet and not expired at the head,
     * the signature is the channel client's, the amount is at least the last accepted (or claimed) plus
     * the price and within the deposit. Then holds the channel's lock.
     */
    Ticket admit(VoucherHeader v) throws Refusal {
        try {
            return admit(v, false);
        } catch (Refusal r) {
            if (r.code.equals("channel_expired") || r.code.equals("over_deposit")) {
                return admit(v, true); // a top-up may have changed that: decide on the head state
            }
            throw r;
        }
    }

    /**
     * With {@code fresh} false, a channel already held is checked against its last read state: the
     * only changes the gateway does not make itself (a top-up adds deposit and extends the expiry; a
     * close needs the claim deadline to have passed, after the expiry checked here against the head)
     * can only turn a refusal into an acceptance, so a refusal that a top-up could change is checked
     * again on the head state, and an acceptance needs no fresh read. This keeps the chain off the
     * per-query path.
     */
    private Ticket admit(VoucherHeader v, boolean fresh) throws Refusal {
        State s;
        synchronized (this) {
            s = states.get(v.channel());
        }
        ChannelInfo info;
        if (s != null) {
            info = fresh || s.info == null ? refresh(s, true).orElse(null) : s.info;
        } else {
            info = chain.apply(v.channel()).orElse(null);
        }
        if (info == null) {
            throw refusal("channel_unknown", "no channel " + v.channel().toHex() + " on chain; open one first", null);
        }
        if (!info.gateway().equals(gateway)) {
            throw refusal(
                    "wrong_gateway",
                    "channel " + v.channel().toHex() + " pays gateway "
                            + info.gateway().toSs58() + ", not this one (" + gateway.toSs58() + ")",
                    info);
        }
        if (info.netuid() != netuid) {
            throw refusal(
                    "wrong_subnet",
                    "channel " + v.channel().toHex() + " is for subnet " + info.netuid() + ", this gateway serves "
                            + netuid,
                    info);
        }
        if (info.closed()) {
            throw refusal("channel_closed", "channel " + v.channel().toHex() + " is closed", info);
        }
        long h = head.getAsLong();
        if (h > info.expiresAt()) {
            throw refusal(
                    "channel_expired",
                    "channel " + v.channel().toHex() + " expired at block " + info.expiresAt() + " (head " + h
                            + "); top it up with a later expiry",
                    info);
        }
        if (!Voucher.verify(info.client(), genesis, v.channel(), v.cumulative(), v.signature())) {
            throw refusal(
                    "bad_signature",
                    "the voucher is not signed by the channel's client "
                            + info.client().toSs58() + " for this chain, channel and amount",
                    info);
        }
        if (s == null) {
            synchronized (this) {
                s = states.get(v.channel());
                if (s == null) {
                    if (states.size() >= maxChannels) {
                        throw new Refusal(
                                503,
                                "gateway_full",
                                "this gateway already holds " + maxChannels + " channels; try again later");
                    }
                    s = new State(v.channel());
                    s.info = info;
                    s.infoBlock = h;
                    states.put(v.channel(), s);
                }
            }
        }
        try {
            if (!s.lock.tryLock(lockWaitMillis, TimeUnit.MILLISECONDS)) {
                throw new Refusal(429, "channel_busy", "a query on this channel is still running; send one at a time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refusal(503, "shutting_down", "the gateway is stopping");
        }
        try {
            long floor = Math.max(s.accepted(), info.claimed());
            if (v.cumulative() < floor + price) {
                ObjectNode d = details(info);
                d.put("last_accepted", floor);
                d.put("required_at_least", floor + price);
                VoucherStore.Held held = s.held;
                if (held != null && held.cumulative() == floor) {
                    // the client's own signature on it: proof of what it signed, so that no gateway can
                    // make a client skip ahead by claiming a higher last_accepted
                    d.put("last_accepted_signature", org.tao4j.core.crypto.Hex.toHex(held.signature()));
                }
                throw new Refusal(
                        402,
                        "voucher_stale",
                        "the voucher is for " + v.cumulative() + " rao; the last accepted is " + floor
                                + ", so the next must be at least " + (floor + price),
                        d);
            }
            if (v.cumulative() > info.deposit()) {
                ObjectNode d = details(info);
                d.put("last_accepted", floor);
                throw new Refusal(
                        402,
                        "over_deposit",
                        "the voucher is for " + v.cumulative() + " rao but the channel holds " + info.deposit()
                                + "; top it up",
                        d);
            }
            return new Ticket(s, v, v.cumulative() - floor);
        } catch (Refusal r) {
            s.lock.unlock();
            throw r;
        }
    }

    /** Stores the voucher durably, then records it as accepted; unlocks. Call before the answer goes out. */
    void commit(Ticket t) {
        try {
            VoucherStore.Held h = new VoucherStore.Held(
                    t.state().id, t.voucher().cumulative(), t.voucher().signature());
            store.put(h); // durable first
            t.state().held = h;
        } finally {
            t.state().lock.unlock();
        }
    }

    /** Gives the channel back without charging: the client's next voucher may reuse the amount. */
    void release(Ticket t) {
        t.state().lock.unlock();
    }

    /** Forgets a channel that is settled (closed, or past its claim deadline with nothing left to claim). */
    synchronized void forget(State s) {
        states.remove(s.id);
        store.remove(s.id);
    }

    private Refusal refusal(String code, String message, ChannelInfo info) {
        return new Refusal(402, code, message, info == null ? JSON.createObjectNode() : details(info));
    }

    private ObjectNode details(ChannelInfo info) {
        ObjectNode d = JSON.createObjectNode();
        d.put("channel", info.id().toHex());
        d.put("deposit", info.deposit());
        d.put("claimed", info.claimed());
        d.put("expires_at", info.expiresAt());
        return d;
    }
}
