package org.tao4j.runtime.neurons;

import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.tx.Call;

/** set_weights, commit_weights and reveal_weights with every guard (chain.md §4). */
public final class WeightSetting {

    private WeightSetting() {
    }

    public static void setWeights(DispatchContext ctx, Call.SetWeights c) {
        throw new UnsupportedOperationException("set_weights: to be implemented");
    }

    public static void commitWeights(DispatchContext ctx, Call.CommitWeights c) {
        throw new UnsupportedOperationException("commit_weights: to be implemented");
    }

    public static void revealWeights(DispatchContext ctx, Call.RevealWeights c) {
        throw new UnsupportedOperationException("reveal_weights: to be implemented");
    }
}
