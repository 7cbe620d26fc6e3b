package org.tao4j.runtime.schema;

import org.tao4j.core.account.AccountId;

/**
 * A uid on a subnet: its hotkey, registration and weight blocks, and the scores of the last epoch
 * (u16 proportions) and emission (rao). {@code axon} is null until the neuron serves one.
 */
public record NeuronInfo(
        AccountId hotkey,
        long registeredAt,
        long lastUpdate,
        boolean validatorPermit,
        boolean active,
        int consensus,
        int incentive,
        int dividends,
        int validatorTrust,
        long emission,
        AxonInfo axon) {

    public static NeuronInfo fresh(AccountId hotkey, long block) {
        return new NeuronInfo(hotkey, block, block, false, true, 0, 0, 0, 0, 0, null);
    }

    public NeuronInfo withLastUpdate(long block) {
        return new NeuronInfo(
                hotkey,
                registeredAt,
                block,
                validatorPermit,
                active,
                consensus,
                incentive,
                dividends,
                validatorTrust,
                emission,
                axon);
    }

    public NeuronInfo withAxon(AxonInfo a) {
        return new NeuronInfo(
                hotkey,
                registeredAt,
                lastUpdate,
                validatorPermit,
                active,
                consensus,
                incentive,
                dividends,
                validatorTrust,
                emission,
                a);
    }

    public NeuronInfo withEpoch(boolean permit, boolean isActive, int c, int i, int d, int vt, long e) {
        return new NeuronInfo(hotkey, registeredAt, lastUpdate, permit, isActive, c, i, d, vt, e, axon);
    }
}
