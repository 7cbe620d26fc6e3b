package org.tao4j.consensus;

import java.util.List;
import java.util.Objects;

/**
 * The immutable input of one epoch: the subnet's parameters, every uid in uid order, the current
 * block and the emission to distribute (docs/spec/yuma.md §2).
 */
public record SubnetSnapshot(
        EpochParams params, List<NeuronSnapshot> neurons, long block, long lastMechanismStepBlock, long emission) {

    public SubnetSnapshot {
        Objects.requireNonNull(params, "params");
        neurons = List.copyOf(neurons);
        if (neurons.size() > 0xFFFF + 1) {
            throw new IllegalArgumentException("a subnet holds at most 65536 uids, got " + neurons.size());
        }
        // block, lastMechanismStepBlock and emission are u64 values held as raw long bits
        int n = neurons.size();
        for (int i = 0; i < n; i++) {
            NeuronSnapshot nu = neurons.get(i);
            checkDests("neurons[" + i + "].weights", nu.weights(), n);
            checkDests("neurons[" + i + "].bonds", nu.bonds(), n);
        }
    }

    private static void checkDests(String what, SparseRow row, int n) {
        boolean[] seen = row.size() > 8 ? new boolean[n] : null;
        for (int k = 0; k < row.size(); k++) {
            int d = row.dest(k);
            if (d >= n) {
                throw new IllegalArgumentException(what + ": uid " + d + " >= n (" + n + ")");
            }
            if (seen != null) {
                if (seen[d]) {
                    throw new IllegalArgumentException(what + ": duplicate uid " + d);
                }
                seen[d] = true;
            } else {
                for (int q = 0; q < k; q++) {
                    if (row.dest(q) == d) {
                        throw new IllegalArgumentException(what + ": duplicate uid " + d);
                    }
                }
            }
        }
    }

    public int n() {
        return neurons.size();
    }
}
