package org.tao4j.runtime.tx;

import java.util.Arrays;
import org.tao4j.core.account.AccountId;

/**
 * Every call a transaction can make (docs/spec/chain.md §2-6). Each record is one call; {@link CallCodec}
 * gives it a stable (module, index) pair and its SCALE form. The comment on each says who signs it.
 */
public sealed interface Call {

    // ---- balances (module 1): signed by the coldkey that pays
    record Transfer(AccountId dest, long amount) implements Call {}

    record TransferAll(AccountId dest) implements Call {}

    // ---- subnets (module 2): signed by the (owner) coldkey
    record RegisterNetwork(AccountId hotkey) implements Call {}

    record SetHyperparameter(int netuid, Hyperparameter param, long value) implements Call {}

    // ---- neurons (module 3)
    /** Signed by the coldkey that pays the burn and will own the hotkey. */
    record BurnedRegister(int netuid, AccountId hotkey) implements Call {}

    /** Signed by the hotkey. {@code ip} is 4 or 16 bytes. */
    record ServeAxon(int netuid, byte[] ip, int port, int ipType, int protocol, long version) implements Call {
        public ServeAxon {
            ip = ip.clone();
        }

        @Override
        public byte[] ip() {
            return ip.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ServeAxon s
                    && netuid == s.netuid
                    && Arrays.equals(ip, s.ip)
                    && port == s.port
                    && ipType == s.ipType
                    && protocol == s.protocol
                    && version == s.version;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ip) * 31 + netuid;
        }
    }

    // ---- weights (module 4): signed by the hotkey
    record SetWeights(int netuid, int[] dests, int[] values, long versionKey) implements Call {
        public SetWeights {
            dests = dests.clone();
            values = values.clone();
        }

        @Override
        public int[] dests() {
            return dests.clone();
        }

        @Override
        public int[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SetWeights s
                    && netuid == s.netuid
                    && Arrays.equals(dests, s.dests)
                    && Arrays.equals(values, s.values)
                    && versionKey == s.versionKey;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(dests) * 31 + Arrays.hashCode(values);
        }
    }

    record CommitWeights(int netuid, byte[] hash) implements Call {
        public CommitWeights {
            hash = hash.clone();
        }

        @Override
        public byte[] hash() {
            return hash.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CommitWeights c && netuid == c.netuid && Arrays.equals(hash, c.hash);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(hash) * 31 + netuid;
        }
    }

    record RevealWeights(int netuid, int[] dests, int[] values, byte[] salt, long versionKey) implements Call {
        public RevealWeights {
            dests = dests.clone();
            values = values.clone();
            salt = salt.clone();
        }

        @Override
        public int[] dests() {
            return dests.clone();
        }

        @Override
        public int[] values() {
            return values.clone();
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RevealWeights r
                    && netuid == r.netuid
                    && Arrays.equals(dests, r.dests)
                    && Arrays.equals(values, r.values)
                    && Arrays.equals(salt, r.salt)
                    && versionKey == r.versionKey;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(dests) * 31 + Arrays.hashCode(salt);
        }
    }

    // ---- staking (module 5): signed by the coldkey
    record AddStake(AccountId hotkey, long amount) implements Call {}

    record RemoveStake(AccountId hotkey, long amount) implements Call {}

    /** take in parts per million. Signed by the hotkey's owner coldkey. */
    record DecreaseTake(AccountId hotkey, int takePpm) implements Call {}

    record IncreaseTake(AccountId hotkey, int takePpm) implements Call {}

    /** The signer's stake moves from one hotkey to another, staying the signer's (chain.md §5). */
    record MoveStake(AccountId originHotkey, AccountId destinationHotkey, long amount) implements Call {}

    /** The signer's stake on {@code hotkey} becomes {@code destinationColdkey}'s (chain.md §5). */
    record TransferStake(AccountId destinationColdkey, AccountId hotkey, long amount) implements Call {}

    /** The signer's whole stake on {@code hotkey}, or on every hotkey when it is null (at most 64 per call). */
    record UnstakeAll(AccountId hotkey) implements Call {}

    // ---- childkeys (module 8): signed by the parent hotkey's owner coldkey
    /** One child: {@code proportion} is a u64 share of 2^64 - 1 (read unsigned). */
    record Child(long proportion, AccountId child) {}

    /** Replaces the hotkey's children on {@code netuid} after the cooldown; empty revokes (chain.md §5). */
    record SetChildren(AccountId hotkey, int netuid, java.util.List<Child> children) implements Call {
        public SetChildren {
            children = java.util.List.copyOf(children);
        }
    }

    /** The take a hotkey keeps as a child on {@code netuid}, in ppm. */
    record SetChildkeyTake(AccountId hotkey, int netuid, int takePpm) implements Call {}

    // ---- root (module 6)
    /** Signed by the coldkey that owns the hotkey. */
    record RootRegister(AccountId hotkey) implements Call {}

    /** Signed by the root member's hotkey. */
    record SetRootWeights(int[] netuids, int[] values) implements Call {
        public SetRootWeights {
            netuids = netuids.clone();
            values = values.clone();
        }

        @Override
        public int[] netuids() {
            return netuids.clone();
        }

        @Override
        public int[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SetRootWeights s
                    && Arrays.equals(netuids, s.netuids)
                    && Arrays.equals(values, s.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(netuids) * 31 + Arrays.hashCode(values);
        }
    }

    // ---- governance (module 7)
    /** Signed by a senate member's hotkey; the proposed call runs with root authority if it passes. */
    record Propose(Call call) implements Call {}

    record Vote(long proposalId, boolean aye) implements Call {}

    /** Dev chains only: signed by the sudo key; runs {@code call} with root authority. */
    record Sudo(Call call) implements Call {}

    /** A global parameter change: only through governance (propose) or sudo. */
    record SetGlobalParameter(GlobalParameter param, long value) implements Call {}

    /** Change a subnet parameter the owner may not set (tempo, max validators): governance or sudo. */
    record SetSubnetParameter(int netuid, Hyperparameter param, long value) implements Call {}

    // ---- key safety (module 9), docs/spec/chain.md §10
    /** Signed by the coldkey that owns {@code oldHotkey}. */
    record SwapHotkey(AccountId oldHotkey, AccountId newHotkey) implements Call {}

    /** Signed by the coldkey; {@code newColdkeyHash} is Blake2-256 of the new coldkey's 32 bytes. */
    record AnnounceColdkeySwap(byte[] newColdkeyHash) implements Call {
        public AnnounceColdkeySwap {
            newColdkeyHash = newColdkeyHash.clone();
        }

        @Override
        public byte[] newColdkeyHash() {
            return newColdkeyHash.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AnnounceColdkeySwap a && Arrays.equals(newColdkeyHash, a.newColdkeyHash);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(newColdkeyHash);
        }
    }

    /** Signed by the coldkey that announced, after the delay. */
    record SwapColdkey(AccountId newColdkey) implements Call {}

    /** Signed by the coldkey: freezes its pending swap for governance. */
    record DisputeColdkeySwap() implements Call {}

    /** Governance or sudo only: executes ({@code approve}) or deletes a frozen coldkey swap. */
    record DecideColdkeySwap(AccountId coldkey, AccountId newColdkey, boolean approve) implements Call {}

    // ---- proxies (module 10), docs/spec/chain.md §10
    /** Signed by the real account. */
    record AddProxy(AccountId delegate, ProxyType type, long delay) implements Call {}

    /** Signed by the real account. */
    record RemoveProxy(AccountId delegate, ProxyType type) implements Call {}

    /** Signed by the real account: removes all of its proxies. */
    record RemoveProxies() implements Call {}

    /** Signed by the delegate: runs {@code call} as {@code real}. */
    record Proxy(AccountId real, Call call) implements Call {}

    /** Signed by the delegate: announces Blake2-256 of a call's SCALE form, for a proxy with a delay. */
    record AnnounceProxy(AccountId real, byte[] callHash) implements Call {
        public AnnounceProxy {
            callHash = callHash.clone();
        }

        @Override
        public byte[] callHash() {
            return callHash.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof AnnounceProxy a && real.equals(a.real) && Arrays.equals(callHash, a.callHash);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(callHash) * 31 + real.hashCode();
        }
    }

    // ---- commitments (module 11), docs/spec/chain.md §11
    /** Signed by a hotkey registered on {@code netuid}; {@code data} at most 1,024 bytes (empty deletes). */
    record Commit(int netuid, byte[] data) implements Call {
        public Commit {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Commit c && netuid == c.netuid && Arrays.equals(data, c.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data) * 31 + netuid;
        }
    }

    // ---- payment channels (module 13), docs/spec/chain.md §12
    /**
     * Signed by the client's coldkey: locks {@code deposit} rao in a new channel to {@code gateway} (a hotkey
     * registered on {@code netuid}) until block {@code expiresAt}.
     */
    record OpenChannel(AccountId gateway, int netuid, long deposit, long expiresAt) implements Call {}

    /** Signed by the channel's client: adds {@code amount} rao; {@code expiresAt} may extend, never shorten. */
    record TopUpChannel(org.tao4j.core.crypto.H256 channel, long amount, long expiresAt) implements Call {}

    /**
     * Signed by the channel's gateway hotkey: pays {@code cumulativeAmount} minus what was already claimed
     * to the hotkey's owning coldkey; {@code signature} is the client's voucher ({@code channels.Voucher}).
     */
    record ClaimChannel(org.tao4j.core.crypto.H256 channel, long cumulativeAmount, byte[] signature) implements Call {
        public ClaimChannel {
            signature = signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ClaimChannel c
                    && channel.equals(c.channel)
                    && cumulativeAmount == c.cumulativeAmount
                    && Arrays.equals(signature, c.signature);
        }

        @Override
        public int hashCode() {
            return channel.hashCode() * 31 + Long.hashCode(cumulativeAmount);
        }
    }

    /** Signed by the channel's client after its claim deadline: refunds what was not claimed. */
    record CloseChannel(org.tao4j.core.crypto.H256 channel) implements Call {}
}
