package org.tao4j.sdk;

import org.tao4j.core.account.AccountId;

/**
 * What an axon needs to know about the subnet's neurons to decide whom to serve and in what
 * order: the read-only view its blacklist and priority hooks take. The metagraph will implement
 * it; {@link InMemoryNeuronDirectory} does for tests and local setups.
 *
 * <p>Implementations are called on every request from many threads, so they must be
 * thread-safe and cheap (a map lookup, not an RPC).
 */
public interface NeuronDirectory {
    /** Whether {@code hotkey} holds a uid on the subnet. */
    boolean isRegistered(AccountId hotkey);

    /** Whether {@code hotkey} holds a validator permit on the subnet. */
    boolean hasValidatorPermit(AccountId hotkey);

    /** The stake behind {@code hotkey}, in rao; 0 for unknown hotkeys. */
    long stake(AccountId hotkey);
}
