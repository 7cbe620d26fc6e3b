package org.tao4j.client.model;

import java.util.List;
import org.tao4j.core.account.AccountId;

/**
 * {@code tao_getNeuron}: one neuron. Scores (consensus, incentive, dividends, validatorTrust) are u16
 * (65535 = 1); stake and emission are rao.
 *
 * @param coldkey the hotkey's owner, or null
 * @param axon null when never served
 * @param name the owner coldkey's identity name (docs/spec/chain.md §12), null when none
 */
public record Neuron(
        int netuid,
        int uid,
        AccountId hotkey,
        AccountId coldkey,
        long stake,
        long registeredAt,
        long lastUpdate,
        boolean validatorPermit,
        boolean active,
        int consensus,
        int incentive,
        int dividends,
        int validatorTrust,
        long emission,
        Axon axon,
        List<WeightEntry> weights,
        List<WeightEntry> bonds,
        String name) {

    public Neuron {
        weights = weights == null ? List.of() : List.copyOf(weights);
        bonds = bonds == null ? List.of() : List.copyOf(bonds);
    }
}
