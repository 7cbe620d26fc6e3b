package org.tao4j.sdk.neuron;

/**
 * The validator's task generator: what it asks the miners it samples at one step. Every miner
 * sampled in a step gets the same request. Called from the validator's loop thread only.
 */
@FunctionalInterface
public interface TaskSource<Q> {
    /** The request for the step at head block {@code block}. */
    Q next(long block);
}
