package org.tao4j.node.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tao4j.core.account.AccountId;
import org.tao4j.node.index.HistoryEntry.Kind;
import org.tao4j.runtime.event.Event;

/**
 * Turns one block into history entries (pure: no I/O). The amounts are exact because they come from
 * the state: for every account whose free balance changed and every (coldkey, hotkey) whose stake
 * changed, the change is known. The events say what the changes were (a transfer, a fee, stake
 * added...); whatever part of a change no event itemizes becomes one {@link Kind#REWARD} entry (stake
 * that grew in a block whose epochs ran) or {@link Kind#OTHER} entry, so an account's entries always
 * sum to its change.
 */
public final class Itemizer {

    private Itemizer() {}

    /** A stake position: a coldkey's stake on a hotkey. */
    public record StakeKey(AccountId coldkey, AccountId hotkey) implements Comparable<StakeKey> {
        @Override
        public int compareTo(StakeKey o) {
            int c = coldkey.compareTo(o.coldkey);
            return c != 0 ? c : hotkey.compareTo(o.hotkey);
        }
    }

    /** A value before and after the block. */
    public record Change(long before, long after) {
        long delta() {
            return after - before;
        }
    }

    /** An entry for an account (the entry's {@code seq} is its position in the block's list). */
    public record Item(AccountId account, HistoryEntry entry) {}

    /**
     * The block's entries, in order: per extrinsic its fee then what its events itemize, then the
     * block step's events, then the remainders (rewards and other changes) in account order.
     *
     * @param free accounts whose free balance changed in the block
     * @param stake stake positions that changed in the block
     */
    public static List<Item> itemize(
            long block, List<Event> events, Map<AccountId, Change> free, Map<StakeKey, Change> stake) {
        List<Item> out = new ArrayList<>();
        Map<AccountId, Long> freeItemized = new TreeMap<>();
        Map<StakeKey, Long> stakeItemized = new TreeMap<>();
        boolean epochs = false;
        List<Event> group = new ArrayList<>();
        Sink sink = new Sink(block, out, freeItemized, stakeItemized);
        for (Event e : events) {
            if (e instanceof Event.EpochRun || e instanceof Event.RootEpochRun) {
                epochs = true;
            }
            switch (e) {
                case Event.ExtrinsicSuccess s -> {
                    sink.add(s.signer(), Kind.FEE, -s.fee(), 0, s.index(), null, null, -1);
                    callEvents(sink, group, s.signer(), s.index());
                    group.clear();
                }
                case Event.ExtrinsicFailed f -> {
                    sink.add(f.signer(), Kind.FEE, -f.fee(), 0, f.index(), null, null, -1);
                    callEvents(sink, group, f.signer(), f.index());
                    group.clear();
                }
                default -> group.add(e);
            }
        }
        callEvents(sink, group, null, -1); // the block step
        for (Map.Entry<AccountId, Change> c : free.entrySet()) {
            long rest = c.getValue().delta() - freeItemized.getOrDefault(c.getKey(), 0L);
            if (rest != 0) {
                sink.add(c.getKey(), Kind.OTHER, rest, 0, -1, null, null, -1);
            }
        }
        for (Map.Entry<AccountId, Long> c : new TreeMap<>(freeItemized).entrySet()) {
            if (!free.containsKey(c.getKey()) && c.getValue() != 0) { // itemized, but the balance did not change
                sink.add(c.getKey(), Kind.OTHER, -c.getValue(), 0, -1, null, null, -1);
            }
        }
        for (Map.Entry<StakeKey, Change> c : stake.entrySet()) {
            StakeKey k = c.getKey();
            long rest = c.getValue().delta() - stakeItemized.getOrDefault(k, 0L);
            if (rest != 0) {
                sink.add(k.coldkey(), rest > 0 && epochs ? Kind.REWARD : Kind.OTHER, 0, rest, -1, null, k.hotkey(), -1);
            }
        }
        for (Map.Entry<StakeKey, Long> c : new TreeMap<>(stakeItemized).entrySet()) {
            StakeKey k = c.getKey();
            if (!stake.containsKey(k) && c.getValue() != 0) {
                sink.add(k.coldkey(), Kind.OTHER, 0, -c.getValue(), -1, null, k.hotkey(), -1);
            }
        }
        return out;
    }

    /** The events of one extrinsic's call (signer non-null) or of the block step (signer null). */
    private static void callEvents(Sink sink, List<Event> group, AccountId signer, int xt) {
        AccountId payer = signer;
        for (Event e : group) {
            if (e instanceof Event.ProxyExecuted p && p.delegate().equals(signer)) {
                payer = p.real(); // the proxied call spent the real account's money
            }
        }
        for (Event e : group) {
            switch (e) {
                case Event.Transfer t -> {
                    sink.add(t.from(), Kind.TRANSFER, -t.amount(), 0, xt, t.to(), null, -1);
                    sink.add(t.to(), Kind.TRANSFER, t.amount(), 0, xt, t.from(), null, -1);
                }
                case Event.DustRecycled d -> sink.add(d.account(), Kind.DUST, -d.amount(), 0, xt, null, null, -1);
                case Event.StakeAdded s ->
                    sink.add(s.coldkey(), Kind.STAKE, -s.amount(), s.amount(), xt, null, s.hotkey(), -1);
                case Event.StakeRemoved s ->
                    sink.add(s.coldkey(), Kind.UNSTAKE, s.amount(), -s.amount(), xt, null, s.hotkey(), -1);
                case Event.StakeMoved m -> {
                    sink.add(m.coldkey(), Kind.MOVE_STAKE, 0, -m.amount(), xt, m.toHotkey(), m.fromHotkey(), -1);
                    sink.add(m.coldkey(), Kind.MOVE_STAKE, 0, m.amount(), xt, m.fromHotkey(), m.toHotkey(), -1);
                }
                case Event.StakeTransferred t -> {
                    sink.add(t.fromColdkey(), Kind.TRANSFER_STAKE, 0, -t.amount(), xt, t.toColdkey(), t.hotkey(), -1);
                    sink.add(t.toColdkey(), Kind.TRANSFER_STAKE, 0, t.amount(), xt, t.fromColdkey(), t.hotkey(), -1);
                }
                case Event.NeuronRegistered r -> {
                    if (payer != null) {
                        sink.add(payer, Kind.REGISTRATION, -r.burn(), 0, xt, null, r.hotkey(), r.netuid());
                    }
                }
                case Event.Recycled r -> {
                    // the registration burn is the NeuronRegistered entry; a dissolved subnet's pending
                    // emission was never anyone's
                    if (payer != null
                            && !r.reason().startsWith("registration burn")
                            && !r.reason().startsWith("pending emission")) {
                        sink.add(payer, Kind.BURN, -r.amount(), 0, xt, null, null, -1);
                    }
                }
                case Event.NetworkRegistered n ->
                    sink.add(n.owner(), Kind.NETWORK_LOCK, -n.lock(), 0, xt, null, n.ownerHotkey(), n.netuid());
                case Event.NetworkDissolved n ->
                    sink.add(n.owner(), Kind.NETWORK_REFUND, n.refund(), 0, xt, null, null, n.netuid());
                case Event.OwnerCut o -> sink.add(o.owner(), Kind.OWNER_CUT, o.amount(), 0, xt, null, null, o.netuid());
                default -> {}
            }
        }
    }

    private static final class Sink {
        final long block;
        final List<Item> out;
        final Map<AccountId, Long> freeItemized;
        final Map<StakeKey, Long> stakeItemized;

        Sink(long block, List<Item> out, Map<AccountId, Long> freeItemized, Map<StakeKey, Long> stakeItemized) {
            this.block = block;
            this.out = out;
            this.freeItemized = freeItemized;
            this.stakeItemized = stakeItemized;
        }

        void add(
                AccountId who,
                Kind kind,
                long free,
                long stake,
                int xt,
                AccountId counterparty,
                AccountId hotkey,
                int netuid) {
            if (free == 0 && stake == 0 && kind != Kind.REGISTRATION) {
                return; // a zero fee, a 0-rao dust...
            }
            if (free != 0) {
                freeItemized.merge(who, free, Long::sum);
            }
            if (stake != 0) {
                stakeItemized.merge(new StakeKey(who, hotkey), stake, Long::sum);
            }
            out.add(new Item(
                    who, new HistoryEntry(block, out.size(), kind, free, stake, xt, counterparty, hotkey, netuid)));
        }
    }
}
