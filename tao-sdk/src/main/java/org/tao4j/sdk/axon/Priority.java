package org.tao4j.sdk.axon;

import org.tao4j.sdk.NeuronDirectory;

/**
 * Check 6: the order in which admitted requests wait for a handler. Higher runs first; ties run
 * in arrival order. When the admission queue is full, the lowest priority is refused with 429.
 * Runs on the request path for every request: keep it cheap and thread-safe.
 */
@FunctionalInterface
public interface Priority {
    double of(Caller caller, NeuronDirectory directory);

    /** The default: the caller's stake, so the subnet's heaviest validators are served first. */
    static Priority byStake() {
        return (caller, dir) -> (double) dir.stake(caller.hotkey());
    }

    /** Everyone equal: first come, first served. */
    static Priority fifo() {
        return (caller, dir) -> 0.0;
    }
}
