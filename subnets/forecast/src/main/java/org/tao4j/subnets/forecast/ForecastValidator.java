package org.tao4j.subnets.forecast;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tao4j.sdk.neuron.RewardFunction;
import org.tao4j.sdk.neuron.Round;
import org.tao4j.sdk.neuron.TaskSource;
import org.tao4j.sdk.neuron.ValidatorLogic;

/**
 * The forecast validator's task generator and reward function. Time is counted in blocks: the task
 * posed at head block {@code b} is a window of the series ending at step {@code b}, and its truth
 * is the next {@code horizon} steps, revealed by the {@link TaskGenerator} only once the head has
 * reached {@code b + horizon}. Until then {@link #score} answers "not yet", and the validator keeps
 * the round and asks again each step: no forecast is ever scored before its future happened.
 * Scores are {@link ForecastScoring relative sMAPE scores} among the miners of the round; a miner
 * that did not answer gets 0.
 */
public final class ForecastValidator implements TaskSource<ForecastTask>, RewardFunction<ForecastTask, Forecast> {
    private final TaskGenerator generator;
    private final ForecastScoring scoring;

    public ForecastValidator(TaskGenerator generator, ForecastScoring scoring) {
        this.generator = generator;
        this.scoring = scoring;
    }

    /** Tasks on the seeded synthetic series ({@code seed} is the validator's secret), default sizes. */
    public static ForecastValidator synthetic(long seed) {
        return new ForecastValidator(TaskGenerator.synthetic(seed), new ForecastScoring());
    }

    public ValidatorLogic<ForecastTask, Forecast> logic() {
        return new ValidatorLogic<>(this, this);
    }

    public TaskGenerator generator() {
        return generator;
    }

    @Override
    public ForecastTask next(long block) {
        return generator.next(block);
    }

    @Override
    public Optional<Map<Integer, Double>> score(Round<ForecastTask, Forecast> round, long block) {
        long taskId = round.request().id();
        if (generator.revealStep(taskId).isEmpty()) {
            return Optional.of(Map.of()); // dropped by the generator: nothing to score
        }
        Optional<double[]> truth = generator.reveal(taskId, block);
        if (truth.isEmpty()) {
            return Optional.empty(); // the horizon has not passed yet
        }
        Map<Integer, double[]> answers = new LinkedHashMap<>();
        round.responses().forEach((uid, f) -> answers.put(uid, f == null ? null : f.values()));
        generator.forget(taskId);
        return Optional.of(scoring.relativeScores(answers, truth.get()));
    }

    @Override
    public void discard(Round<ForecastTask, Forecast> round) {
        generator.forget(round.request().id());
    }
}
