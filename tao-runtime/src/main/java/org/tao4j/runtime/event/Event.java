package org.tao4j.runtime.event;

import org.tao4j.core.account.AccountId;

/**
 * Everything that happens in a block (docs/spec/chain.md §7): every state change emits one of these. The node
 * stores them per block and serves them over RPC. {@code index} fields name the transaction's
 * position in its block.
 */
public sealed interface Event {

    // ---- transactions
    record ExtrinsicSuccess(int index, AccountId signer, long fee) implements Event {}

    record ExtrinsicFailed(int index, AccountId signer, long fee, String error, String message) implements Event {}

    // ---- balances and supply
    record Transfer(AccountId from, AccountId to, long amount) implements Event {}

    record DustRecycled(AccountId account, long amount) implements Event {}

    record Recycled(String reason, long amount) implements Event {}

    record Minted(long amount, long totalIssuance) implements Event {}

    // ---- subnets
    record NetworkRegistered(int netuid, AccountId owner, AccountId ownerHotkey, long lock) implements Event {}

    record NetworkDissolved(int netuid, AccountId owner, long refund) implements Event {}

    record HyperparameterSet(int netuid, String name, long value) implements Event {}

    record GlobalParameterSet(String name, long value) implements Event {}

    // ---- neurons
    record NeuronRegistered(int netuid, int uid, AccountId hotkey, long burn) implements Event {}

    record NeuronReplaced(int netuid, int uid, AccountId oldHotkey, AccountId newHotkey) implements Event {}

    record AxonServed(int netuid, AccountId hotkey) implements Event {}

    record WeightsSet(int netuid, int uid) implements Event {}

    record WeightsCommitted(int netuid, AccountId hotkey, byte[] hash) implements Event {}

    record WeightsRevealed(int netuid, AccountId hotkey) implements Event {}

    // ---- stake
    record StakeAdded(AccountId coldkey, AccountId hotkey, long amount) implements Event {}

    record StakeRemoved(AccountId coldkey, AccountId hotkey, long amount) implements Event {}

    record TakeDecreased(AccountId hotkey, int takePpm) implements Event {}

    record TakeIncreased(AccountId hotkey, int takePpm) implements Event {}

    record StakeMoved(AccountId coldkey, AccountId fromHotkey, AccountId toHotkey, long amount) implements Event {}

    record StakeTransferred(AccountId fromColdkey, AccountId toColdkey, AccountId hotkey, long amount)
            implements Event {}

    // ---- childkeys
    /** A set_children call was accepted; the list takes effect at {@code effectiveBlock}. */
    record ChildrenPending(AccountId hotkey, int netuid, long effectiveBlock) implements Event {}

    /** A pending children list took effect. */
    record ChildrenSet(AccountId hotkey, int netuid, int children) implements Event {}

    record ChildkeyTakeSet(AccountId hotkey, int netuid, int takePpm) implements Event {}

    // ---- emission
    record OwnerCut(int netuid, AccountId owner, long amount) implements Event {}

    record EpochRun(int netuid, long emission, int neurons) implements Event {}

    record RootEpochRun(long blockEmission) implements Event {}

    // ---- root and governance
    record RootRegistered(AccountId hotkey, int uid) implements Event {}

    record RootMemberReplaced(AccountId removed, AccountId added, int uid) implements Event {}

    record RootWeightsSet(AccountId hotkey) implements Event {}

    record Proposed(long proposalId, AccountId proposer) implements Event {}

    record Voted(long proposalId, AccountId voter, boolean aye, int ayes, int nays) implements Event {}

    record ProposalExecuted(long proposalId, boolean ok, String message) implements Event {}

    record ProposalExpired(long proposalId) implements Event {}

    record Sudid(boolean ok, String message) implements Event {}

    // ---- key safety and proxies (docs/spec/chain.md §10)
    record HotkeySwapped(AccountId coldkey, AccountId oldHotkey, AccountId newHotkey) implements Event {}

    record ColdkeySwapAnnounced(AccountId coldkey, byte[] newColdkeyHash, long executableAt) implements Event {}

    record ColdkeySwapDisputed(AccountId coldkey) implements Event {}

    record ColdkeySwapped(AccountId oldColdkey, AccountId newColdkey) implements Event {}

    record ColdkeySwapRefused(AccountId coldkey) implements Event {}

    record ProxyAdded(AccountId real, AccountId delegate, String proxyType, long delay) implements Event {}

    record ProxyRemoved(AccountId real, AccountId delegate, String proxyType) implements Event {}

    record ProxyAnnounced(AccountId real, AccountId delegate, byte[] callHash) implements Event {}

    record ProxyExecuted(AccountId real, AccountId delegate) implements Event {}

    record Committed(int netuid, AccountId hotkey, long block, int length) implements Event {}

    // ---- payment channels (docs/spec/chain.md §12); {@code channel} is the 32-byte channel id
    record ChannelOpened(byte[] channel, AccountId client, AccountId gateway, int netuid, long deposit, long expiresAt)
            implements Event {}

    record ChannelToppedUp(byte[] channel, long amount, long deposit, long expiresAt) implements Event {}

    record ChannelClaimed(byte[] channel, AccountId gateway, AccountId coldkey, long paid, long cumulative)
            implements Event {}

    record ChannelClosed(byte[] channel, AccountId client, long refund) implements Event {}
}
