package org.tao4j.subnets.forecast;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tao4j.sdk.neuron.RewardFunction;
import org.tao4j.sdk.neuron.Round;
import org.tao4j.sdk.neuron.TaskSource;
import org.tao4j.sdk.neuron.ValidatorLogic;

/**
 * The forecast validator's task generator and reward function. The series runs {@code stepsPerBlock}
 * steps per block (a feed sampled faster than blocks are made): the task posed at head block
 * {@code b} is a window of the series ending at step {@code s = b * stepsPerBlock}, and its truth is
 * the next {@code horizon} steps, revealed by the {@link TaskGenerator} only once the head has
 * reached step {@code s + horizon}, that is block {@code b + ceil(horizon / stepsPerBlock)}. Until then {@link #score} answers "not yet", and the validator keeps
 * the round and asks again each step: no forecast is ever scored before its future happened.
 * Scores are {@link ForecastScoring relative sMAPE scores} among the miners of the round; a miner
 * that did not answer gets 0.
 */
public final class ForecastValidator implements TaskSource<ForecastTask>, RewardFunction<ForecastTask, Forecast> {
    /** The default: 4 steps per block, so a 24-step horizon is scored 6 blocks after the task. */
    public static final int DEFAULT_STEPS_PER_BLOCK = 4;
    /** Largest steps per block: beyond it a block would skip whole horizons. */
    public static final int MAX_STEPS_PER_BLOCK = 1024;

    private final TaskGenerator generator;
    private final ForecastScoring scoring;
    private final int stepsPerBlock;

    /** One series step per block. */
    public ForecastValidator(TaskGenerator generator, ForecastScoring scoring) {
        this(generator, scoring, 1);
    }

    public ForecastValidator(TaskGenerator generator, ForecastScoring scoring, int stepsPerBlock) {
        if (stepsPerBlock < 1 || stepsPerBlock > MAX_STEPS_PER_BLOCK) {
            throw new IllegalArgumentException("steps per block must be 1 to " + MAX_STEPS_PER_BLOCK);
        }
        this.generator = generator;
        this.scoring = scoring;
        this.stepsPerBlock = stepsPerBlock;
    }

    /**
     * Tasks on a panel of {@value TaskGenerator#DEFAULT_PANEL} seeded synthetic series ({@code seed} is
     * the validator's secret), default sizes and {@value #DEFAULT_STEPS_PER_BLOCK} steps per block:
     * what {@link ForecastSubnet} runs.
     */
    public static ForecastValidator synthetic(long seed) {
        return new ForecastValidator(
                TaskGenerator.syntheticPanel(seed, TaskGenerator.DEFAULT_PANEL),
                new ForecastScoring(),
                DEFAULT_STEPS_PER_BLOCK);
    }

    public int stepsPerBlock() {
        return stepsPerBlock;
    }

    public ValidatorLogic<ForecastTask, Forecast> logic() {
        return new ValidatorLogic<>(this, this);
    }

    public TaskGenerator generator() {
        return generator;
    }

    @Override
    public ForecastTask next(long block) {
        return generator.next(step(block));
    }

    private long step(long block) {
        return Math.multiplyExact(block, (long) stepsPerBlock);
    }

    @Override
    public Optional<Map<Integer, Double>> score(Round<ForecastTask, Forecast> round, long block) {
        long taskId = round.request().id();
        if (generator.revealStep(taskId).isEmpty()) {
            return Optional.of(Map.of()); // dropped by the generator: nothing to score
        }
        Optional<double[]> truth = generator.reveal(taskId, step(block));
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
