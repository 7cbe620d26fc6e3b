package org.tao4j.runtime.schema;

import java.util.Arrays;

/** A pending weight commit: its hash, the block and the epoch it was made in (docs/spec/chain.md §4). */
public record WeightCommit(byte[] hash, long block, long epoch) {
    public WeightCommit {
        hash = hash.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightCommit w && Arrays.equals(hash, w.hash) && block == w.block && epoch == w.epoch;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }
}
