package org.tao4j.node.index;

import org.tao4j.core.account.AccountId;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.core.scale.ScaleWriter;

/**
 * One line of an account's history (docs/explorer.md "Account history"): what changed the account's
 * free balance or its stake in a block, and by how much.
 *
 * @param block the block it happened in
 * @param seq its position among the block's entries (all accounts), for paging
 * @param kind what it was
 * @param free the change of the account's free balance, in rao (signed)
 * @param stake the change of the account's stake on {@code hotkey}, in rao (signed)
 * @param extrinsic the index of the extrinsic in its block, or -1 for the block step (emission, epochs)
 *     and opening entries
 * @param counterparty the other account (a transfer's recipient or sender), or null
 * @param hotkey the hotkey whose stake changed (or that registered), or null
 * @param netuid the subnet, or -1
 */
public record HistoryEntry(
        long block,
        int seq,
        Kind kind,
        long free,
        long stake,
        int extrinsic,
        AccountId counterparty,
        AccountId hotkey,
        int netuid) {

    /** What an entry records. Its JSON name is the lower-case name. */
    public enum Kind {
        /**
         * The balance or stake an account held where the index starts: the genesis state (block 0), or
         * on a node that keeps only recent state, the earliest state it kept when the index was built.
         */
        OPENING,
        /** A transfer sent ({@code free} < 0) or received ({@code free} > 0). */
        TRANSFER,
        /** The fee of a transaction the account signed (paid whether the call succeeded or failed). */
        FEE,
        /** Dust below the existential deposit, recycled when an account was emptied. */
        DUST,
        /** Stake added from the free balance. */
        STAKE,
        /** Stake removed to the free balance. */
        UNSTAKE,
        /** Stake moved from one hotkey to another (one entry for each side). */
        MOVE_STAKE,
        /** Stake given to another coldkey on the same hotkey, or received from one. */
        TRANSFER_STAKE,
        /** A neuron's registration: the burn paid ({@code free} < 0), with the hotkey and subnet. */
        REGISTRATION,
        /** Other recycled payments: the hotkey or coldkey swap cost, the proxy fee. */
        BURN,
        /** A subnet's lock, paid when registering it. */
        NETWORK_LOCK,
        /** A dissolved subnet's lock returned to its owner. */
        NETWORK_REFUND,
        /** The subnet owner's cut of the subnet's emission. */
        OWNER_CUT,
        /** Emission credited to stake by an epoch (validator dividends, miner incentive, delegation). */
        REWARD,
        /**
         * A change no event itemizes (for example balances and stake moved by a coldkey or hotkey
         * swap): the difference between the state's change and the itemized entries, so that the
         * history always sums to the balance.
         */
        OTHER;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    byte[] encode() {
        return ScaleWriter.encode(w -> {
            w.u8(kind.ordinal());
            w.u64(free);
            w.u64(stake);
            w.u32(extrinsic & 0xFFFFFFFFL);
            w.u32(netuid & 0xFFFFFFFFL);
            w.u8((counterparty != null ? 1 : 0) | (hotkey != null ? 2 : 0));
            if (counterparty != null) {
                w.fixedBytes(counterparty.bytes());
            }
            if (hotkey != null) {
                w.fixedBytes(hotkey.bytes());
            }
        });
    }

    static HistoryEntry decode(long block, int seq, byte[] v) {
        ScaleReader r = new ScaleReader(v);
        Kind kind = Kind.values()[r.readU8()];
        long free = r.readU64();
        long stake = r.readU64();
        int xt = (int) r.readU32();
        int netuid = (int) r.readU32();
        int flags = r.readU8();
        AccountId cp = (flags & 1) != 0 ? new AccountId(r.readFixedBytes(AccountId.LENGTH)) : null;
        AccountId hk = (flags & 2) != 0 ? new AccountId(r.readFixedBytes(AccountId.LENGTH)) : null;
        return new HistoryEntry(block, seq, kind, free, stake, xt, cp, hk, netuid);
    }
}
