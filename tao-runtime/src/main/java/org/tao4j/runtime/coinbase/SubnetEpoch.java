package org.tao4j.runtime.coinbase;

import java.util.List;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.storage.ChainState;

/**
 * A subnet's epoch in the chain (chain.md §5): builds the Yuma snapshot from state, runs
 * {@link org.tao4j.consensus.Epoch}, writes the scores, bonds and permits back, and pays out the
 * pending emission as stake.
 */
public final class SubnetEpoch {

    private SubnetEpoch() {
    }

    public static void run(ChainState s, int netuid, long block, List<Event> events) {
        throw new UnsupportedOperationException("subnet epoch: to be implemented");
    }
}
