package org.tao4j.sdk.neuron;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The validator's reward function: turns the answers of one {@link Round} into a score in [0, 1]
 * per uid, which the validator folds into its moving average.
 *
 * <p>A round may not be scorable yet: a forecast can only be scored once its horizon has passed.
 * Then return empty; the validator asks again at each step, with the new head block, until the round
 * is scored or too old (then {@link #discard} is called). Called from the validator's loop thread
 * only.
 */
@FunctionalInterface
public interface RewardFunction<Q, R> {

    /**
     * Scores for the uids of {@code round} (a uid left out keeps its moving average unchanged; give
     * a failed answer 0 explicitly), or empty when the round cannot be scored yet at {@code block}.
     */
    Optional<Map<Integer, Double>> score(Round<Q, R> round, long block);

    /** The validator gives up on a round it never scored (too old, or too many pending). */
    default void discard(Round<Q, R> round) {}

    /**
     * A reward function that scores every round at once from the request and the answers by uid
     * ({@code null} for a miner that failed to answer).
     */
    static <Q, R> RewardFunction<Q, R> immediate(BiFunction<Q, Map<Integer, R>, Map<Integer, Double>> scoring) {
        return (round, block) -> Optional.of(scoring.apply(round.request(), round.responses()));
    }
}
