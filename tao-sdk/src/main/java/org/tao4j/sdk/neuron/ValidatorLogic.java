package org.tao4j.sdk.neuron;

import java.util.Objects;

/**
 * The validator's side of a subnet: its task generator and the reward function that scores the
 * answers. They usually share state (the reward needs the truth behind each task), hence a pair.
 */
public record ValidatorLogic<Q, R>(TaskSource<Q> tasks, RewardFunction<Q, R> reward) {
    public ValidatorLogic {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(reward, "reward");
    }
}
