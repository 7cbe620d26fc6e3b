package org.tao4j.sdk.chain;

import org.tao4j.runtime.neurons.WeightSetting;

/**
 * The hyperparameters a neuron acts on (docs/spec/chain.md §3-4): when epochs run, how weights may be set.
 *
 * @param tempo blocks between the subnet's epochs (an epoch runs at blocks where
 *     {@code (block + netuid + 1) % (tempo + 1) == 0})
 * @param commitRevealEnabled weights go through {@code commit_weights} / {@code reveal_weights}
 *     instead of {@code set_weights}
 * @param revealPeriodEpochs a commit of epoch {@code e} is revealed in epoch {@code e + this}, and
 *     only then
 * @param weightsSetRateLimit blocks between two weight settings (or commits) of one neuron
 * @param minAllowedWeights the fewest uids a weight row may hold (unless it is a self-weight)
 * @param maxWeightsLimit u16; the largest share one uid may get of a normalised row (65535: no limit)
 * @param weightsVersionKey the lowest version key the chain accepts
 */
public record SubnetHyperparameters(
        int netuid,
        int tempo,
        boolean commitRevealEnabled,
        int revealPeriodEpochs,
        long weightsSetRateLimit,
        int minAllowedWeights,
        int maxWeightsLimit,
        long weightsVersionKey) {

    public SubnetHyperparameters {
        if (tempo < 0 || revealPeriodEpochs < 0 || weightsSetRateLimit < 0 || minAllowedWeights < 0) {
            throw new IllegalArgumentException("tempo, reveal period, rate limit and min allowed weights must be >= 0");
        }
        if (maxWeightsLimit < 0 || maxWeightsLimit > 0xFFFF) {
            throw new IllegalArgumentException("max_weights_limit must be a u16, got " + maxWeightsLimit);
        }
    }

    /** The subnet's epoch index at {@code block}, as the chain counts it for commits. */
    public long epochIndex(long block) {
        return WeightSetting.epochIndex(block, netuid, tempo);
    }

    /** The first block of epoch {@code epoch}. */
    public long firstBlockOfEpoch(long epoch) {
        return WeightSetting.firstBlockOfEpoch(epoch, netuid, tempo);
    }

    /** Whether the subnet runs its epoch at {@code block}. */
    public boolean epochAt(long block) {
        return (block + netuid + 1) % ((long) tempo + 1) == 0;
    }
}
