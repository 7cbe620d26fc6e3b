package org.tao4j.sdk.neuron;

import java.util.List;
import org.tao4j.sdk.Synapse;
import org.tao4j.sdk.axon.SynapseHandler;

/**
 * A subnet, as its author writes it: the synapse, the miner's handler and the validator's task
 * generator and reward function. The framework ({@link Miner}, {@link Validator}) does everything
 * else: serving, querying, moving averages, weights, commit-reveal, persistence.
 *
 * <pre>{@code
 * Miner miner = Miner.builder(config, hotkey, chain)
 *         .serve(def.synapse(), def.minerHandler("best", seed)).start();
 * ValidatorLogic<Q, R> logic = def.validatorLogic(secretSeed);
 * Validator<Q, R> validator = Validator.builder(config, hotkey, chain)
 *         .query(def.synapse(), logic.tasks(), logic.reward()).start();
 * }</pre>
 */
public interface SubnetDefinition<Q, R> {
    /** A short name for logs and tables, e.g. {@code forecast}. */
    String name();

    /** The synapse validators query miners with. */
    Synapse<Q, R> synapse();

    /** The miner strategies this subnet ships, by name; the first is the default. */
    List<String> strategies();

    /**
     * A miner's handler running {@code strategy} (one of {@link #strategies()}); {@code seed} feeds
     * strategies that draw random numbers.
     *
     * @throws IllegalArgumentException for an unknown strategy
     */
    SynapseHandler<Q, R> minerHandler(String strategy, long seed);

    /**
     * A validator's task generator and reward function. {@code seed} is the validator's secret:
     * whoever knows it may know the tasks (and, for some subnets, the answers) in advance.
     */
    ValidatorLogic<Q, R> validatorLogic(long seed);
}
