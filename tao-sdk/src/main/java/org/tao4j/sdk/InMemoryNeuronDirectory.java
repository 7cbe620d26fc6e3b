package org.tao4j.sdk;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.tao4j.core.account.AccountId;

/**
 * A {@link NeuronDirectory} held in memory and changed by its owner: for tests, benchmarks and
 * until the metagraph feeds the axon. Thread-safe; each neuron's entry changes atomically.
 */
public final class InMemoryNeuronDirectory implements NeuronDirectory {
    private record Neuron(long stake, boolean permit) {}

    private final ConcurrentMap<AccountId, Neuron> neurons = new ConcurrentHashMap<>();

    /** Registers (or updates) {@code hotkey} with its stake in rao and validator permit. */
    public InMemoryNeuronDirectory register(AccountId hotkey, long stakeRao, boolean validatorPermit) {
        Objects.requireNonNull(hotkey, "hotkey");
        if (stakeRao < 0) {
            throw new IllegalArgumentException("stake must be >= 0 rao, got " + stakeRao);
        }
        neurons.put(hotkey, new Neuron(stakeRao, validatorPermit));
        return this;
    }

    public InMemoryNeuronDirectory deregister(AccountId hotkey) {
        neurons.remove(hotkey);
        return this;
    }

    @Override
    public boolean isRegistered(AccountId hotkey) {
        return neurons.containsKey(hotkey);
    }

    @Override
    public boolean hasValidatorPermit(AccountId hotkey) {
        Neuron n = neurons.get(hotkey);
        return n != null && n.permit();
    }

    @Override
    public long stake(AccountId hotkey) {
        Neuron n = neurons.get(hotkey);
        return n == null ? 0L : n.stake();
    }

    public int size() {
        return neurons.size();
    }
}
