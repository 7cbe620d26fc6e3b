package org.tao4j.consensus;

/**
 * One uid's outputs of the epoch (docs/spec/yuma.md §3 steps 13-14). Scores are {@code floor(x * 65535)}.
 *
 * @param bonds the bond row to store after this epoch, or {@code null} when the stored row stays
 *              untouched (the uid neither holds a new permit nor held an old one)
 */
public record NeuronResult(
        int uid,
        boolean active,
        boolean validatorPermit,
        int consensus,
        int incentive,
        int dividends,
        int validatorTrust,
        long emission,
        long serverEmission,
        long validatorEmission,
        SparseRow bonds) {}
