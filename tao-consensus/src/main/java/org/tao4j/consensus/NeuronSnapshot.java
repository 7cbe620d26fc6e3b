package org.tao4j.consensus;

import java.util.Objects;

/**
 * One uid's inputs to the epoch (docs/spec/yuma.md §2).
 *
 * @param stake                rao
 * @param lastUpdate           block of the last accepted weights (u64, raw bits)
 * @param registeredAt         block at which the current hotkey took the uid (u64, raw bits)
 * @param validatorPermit      the stored (old) permit
 * @param weights              stored weight row, already max-upscaled u16
 * @param bonds                stored bond row, u16
 * @param earliestCommitBlock  block of the earliest unrevealed, unexpired weight commit, or
 *                             {@link #NO_COMMIT}
 */
public record NeuronSnapshot(
        long stake,
        long lastUpdate,
        long registeredAt,
        boolean validatorPermit,
        SparseRow weights,
        SparseRow bonds,
        long earliestCommitBlock) {

    /** The reference's u64::MAX marker for "no active commit". */
    public static final long NO_COMMIT = -1L;

    public NeuronSnapshot {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(bonds, "bonds");
        // lastUpdate and registeredAt are u64 block numbers held as raw long bits (compared unsigned);
        // stake must fit the I64F64 integer part that normalises it
        if (stake < 0) {
            throw new IllegalArgumentException("stake must be >= 0 and < 2^63");
        }
    }

    public static NeuronSnapshot of(long stake, long lastUpdate, long registeredAt) {
        return new NeuronSnapshot(stake, lastUpdate, registeredAt, false, SparseRow.EMPTY, SparseRow.EMPTY, NO_COMMIT);
    }
}
