package org.tao4j.node.index;

import org.tao4j.core.account.AccountId;

/**
 * One line of an account's history (docs/explorer.md "Account history"): what changed the account's
 * free balance or its stake in a block, and by how much.
 *
 * @param block the block it happened in
 * @param seq its position among the block's entries (all accounts), for paging
 * @param kind what it was
 * @param free the change of the account's free balance, in rao (signed), including {@code fee}
 * @param fee the fee of the transaction the account signed, when this entry is that transaction's
 *     (its other entries, and other accounts' entries, carry 0)
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
        long fee,
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
        /**
         * The fee of a transaction the account signed whose call changed nothing else of the account's
         * (a failed call, weights, votes...): the fee of the others is in their entry's {@code fee}.
         */
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

    /** At most 1 + 4 × 8 + 2 × 4 + 1 + 2 × 32 bytes: kind, free, fee, stake, extrinsic, netuid, flags, accounts. */
    byte[] encode() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(
                        1 + 3 * 8 + 2 * 4 + 1 + (counterparty != null ? 32 : 0) + (hotkey != null ? 32 : 0))
                .put((byte) kind.ordinal())
                .putLong(free)
                .putLong(fee)
                .putLong(stake)
                .putInt(extrinsic)
                .putInt(netuid)
                .put((byte) ((counterparty != null ? 1 : 0) | (hotkey != null ? 2 : 0)));
        if (counterparty != null) {
            b.put(counterparty.bytes());
        }
        if (hotkey != null) {
            b.put(hotkey.bytes());
        }
        return b.array();
    }

    static HistoryEntry decode(long block, int seq, byte[] v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(v);
        Kind kind = Kind.values()[b.get()];
        long free = b.getLong();
        long fee = b.getLong();
        long stake = b.getLong();
        int xt = b.getInt();
        int netuid = b.getInt();
        int flags = b.get();
        AccountId cp = (flags & 1) != 0 ? account(b) : null;
        AccountId hk = (flags & 2) != 0 ? account(b) : null;
        return new HistoryEntry(block, seq, kind, free, fee, stake, xt, cp, hk, netuid);
    }

    private static AccountId account(java.nio.ByteBuffer b) {
        byte[] a = new byte[AccountId.LENGTH];
        b.get(a);
        return new AccountId(a);
    }
}
