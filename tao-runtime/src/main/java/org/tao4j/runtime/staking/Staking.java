package org.tao4j.runtime.staking;

import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.tx.Call;

/** Stake, delegation and takes (chain.md §5). */
public final class Staking {

    private Staking() {
    }

    public static void addStake(DispatchContext ctx, Call.AddStake c) {
        throw new UnsupportedOperationException("add_stake: to be implemented");
    }

    public static void removeStake(DispatchContext ctx, Call.RemoveStake c) {
        throw new UnsupportedOperationException("remove_stake: to be implemented");
    }

    public static void decreaseTake(DispatchContext ctx, Call.DecreaseTake c) {
        throw new UnsupportedOperationException("decrease_take: to be implemented");
    }

    public static void increaseTake(DispatchContext ctx, Call.IncreaseTake c) {
        throw new UnsupportedOperationException("increase_take: to be implemented");
    }
}
