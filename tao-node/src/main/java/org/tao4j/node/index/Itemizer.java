package org.tao4j.node.index;

import java.util.ArrayList;
import java.util.HashMap;
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
 * sum to its change. A transaction's fee goes into the signer's first entry of that transaction
 * (a transfer's sender: one entry for amount and fee), or a {@link Kind#FEE} entry of its own.
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
     * The block's entries, in order: per extrinsic what its events itemize (the fee in the signer's
     * first entry), then the block step's events, then the remainders (rewards and other changes) in
     * account order.
     *
     * @param free accounts whose free balance changed in the block (any iteration order)
     * @param stake stake positions that changed in the block
     */
    public static List<Item> itemize(
            long block, List<Event> events, Map<AccountId, Change> free, Map<StakeKey, Change> stake) {
        Sink sink = new Sink(block);
        boolean epochs = false;
        int groupStart = 0;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (e instanceof Event.EpochRun || e instanceof Event.RootEpochRun) {
                epochs = true;
            }
            if (e instanceof Event.ExtrinsicSuccess s) {
                callEvents(sink, events.subList(groupStart, i), s.signer(), s.index(), s.fee());
                groupStart = i + 1;
            } else if (e instanceof Event.ExtrinsicFailed f) {
                callEvents(sink, events.subList(groupStart, i), f.signer(), f.index(), f.fee());
                groupStart = i + 1;
            }
        }
        callEvents(sink, events.subList(groupStart, events.size()), null, -1, 0); // the block step
        // the remainders, rare (a reward, a swap): found in any order, added in key order
        TreeMap<AccountId, Long> freeRest = new TreeMap<>();
        for (Map.Entry<AccountId, Change> c : free.entrySet()) {
            Long itemized = sink.freeItemized.get(c.getKey());
            long rest = c.getValue().delta() - (itemized == null ? 0 : itemized);
            if (rest != 0) {
                freeRest.put(c.getKey(), rest);
            }
        }
        freeRest.forEach((a, rest) -> sink.add(a, Kind.OTHER, rest, 0, -1, null, null, -1));
        if (!free.keySet().containsAll(sink.freeItemized.keySet())) {
            for (Map.Entry<AccountId, Long> c : new TreeMap<>(sink.freeItemized).entrySet()) {
                if (!free.containsKey(c.getKey()) && c.getValue() != 0) { // itemized, but the balance did not change
                    sink.add(c.getKey(), Kind.OTHER, -c.getValue(), 0, -1, null, null, -1);
                }
            }
        }
        TreeMap<StakeKey, Long> stakeRest = new TreeMap<>();
        for (Map.Entry<StakeKey, Change> c : stake.entrySet()) {
            Long itemized = sink.stakeItemized.get(c.getKey());
            long rest = c.getValue().delta() - (itemized == null ? 0 : itemized);
            if (rest != 0) {
                stakeRest.put(c.getKey(), rest);
            }
        }
        boolean rewards = epochs;
        stakeRest.forEach((k, rest) -> sink.add(
                k.coldkey(), rest > 0 && rewards ? Kind.REWARD : Kind.OTHER, 0, rest, -1, null, k.hotkey(), -1));
        for (Map.Entry<StakeKey, Long> c : new TreeMap<>(sink.stakeItemized).entrySet()) {
            StakeKey k = c.getKey();
            if (!stake.containsKey(k) && c.getValue() != 0) {
                sink.add(k.coldkey(), Kind.OTHER, 0, -c.getValue(), -1, null, k.hotkey(), -1);
            }
        }
        return sink.out;
    }

    /**
     * The events of one extrinsic's call (signer non-null, its fee) or of the block step (signer
     * null).
     */
    private static void callEvents(Sink sink, List<Event> group, AccountId signer, int xt, long fee) {
        AccountId payer = signer;
        for (Event e : group) {
            if (e instanceof Event.ProxyExecuted p && p.delegate().equals(signer)) {
                payer = p.real(); // the proxied call spent the real account's money
            }
        }
        int first = sink.out.size();
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
        if (signer == null || fee == 0) {
            return;
        }
        sink.freeItemized.merge(signer, -fee, Long::sum);
        for (int i = first; i < sink.out.size(); i++) {
            Item it = sink.out.get(i);
            if (it.account().equals(signer)) {
                HistoryEntry e = it.entry();
                sink.out.set(
                        i,
                        new Item(
                                signer,
                                new HistoryEntry(
                                        e.block(),
                                        e.seq(),
                                        e.kind(),
                                        e.free() - fee,
                                        fee,
                                        e.stake(),
                                        e.extrinsic(),
                                        e.counterparty(),
                                        e.hotkey(),
                                        e.netuid())));
                return;
            }
        }
        sink.out.add(new Item(
                signer, new HistoryEntry(sink.block, sink.out.size(), Kind.FEE, -fee, fee, 0, xt, null, null, -1)));
    }

    private static final class Sink {
        final long block;
        final List<Item> out = new ArrayList<>();
        final Map<AccountId, Long> freeItemized = new HashMap<>();
        final Map<StakeKey, Long> stakeItemized = new HashMap<>();

        Sink(long block) {
            this.block = block;
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
                return; // a 0-rao dust...
            }
            if (free != 0) {
                freeItemized.merge(who, free, Long::sum);
            }
            if (stake != 0) {
                stakeItemized.merge(new StakeKey(who, hotkey), stake, Long::sum);
            }
            out.add(new Item(
                    who, new HistoryEntry(block, out.size(), kind, free, 0, stake, xt, counterparty, hotkey, netuid)));
        }
    }
}
