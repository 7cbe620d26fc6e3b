package org.tao4j.subnets.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tao4j.sdk.neuron.RewardFunction;
import org.tao4j.sdk.neuron.Round;
import org.tao4j.sdk.neuron.TaskSource;
import org.tao4j.sdk.neuron.ValidatorLogic;

/**
 * The text validator's task generator and reward function: each step poses a round of passages
 * from the held-out text, and scores the answers at once (the truth is the held-out text itself)
 * in {@link TextScoring relative bits per character} among the miners of the round. A miner that
 * did not answer, or answered the wrong number of tasks, is charged the worst cost for what it
 * missed.
 */
public final class TextValidator implements TaskSource<TextRound>, RewardFunction<TextRound, TextPredictions> {
    private final TextTaskGenerator generator;
    private final TextScoring scoring;
    private final int roundSize;

    public TextValidator(TextTaskGenerator generator, TextScoring scoring, int roundSize) {
        if (roundSize < 1 || roundSize > TextRound.MAX_TASKS) {
            throw new IllegalArgumentException("round size must be 1 to " + TextRound.MAX_TASKS);
        }
        this.generator = generator;
        this.scoring = scoring;
        this.roundSize = roundSize;
    }

    /** Rounds of {@value TextTaskGenerator#DEFAULT_ROUND} passages of {@code corpus}'s held-out part. */
    public static TextValidator heldOut(Corpus corpus, long seed) {
        return new TextValidator(
                TextTaskGenerator.heldOut(corpus, seed), new TextScoring(), TextTaskGenerator.DEFAULT_ROUND);
    }

    public ValidatorLogic<TextRound, TextPredictions> logic() {
        return new ValidatorLogic<>(this, this);
    }

    @Override
    public TextRound next(long block) {
        return new TextRound(generator.nextRound(roundSize));
    }

    @Override
    public Optional<Map<Integer, Double>> score(Round<TextRound, TextPredictions> round, long block) {
        List<TextTask> tasks = round.request().tasks();
        List<String> truths = new ArrayList<>(tasks.size());
        for (TextTask t : tasks) {
            Optional<String> truth = generator.truth(t.id());
            if (truth.isEmpty()) {
                forget(tasks);
                return Optional.of(Map.of()); // dropped by the generator: nothing to score
            }
            truths.add(truth.get());
        }
        Map<Integer, List<double[][]>> answers = new LinkedHashMap<>();
        round.responses().forEach((uid, p) -> answers.put(uid, p == null ? null : p.distributions()));
        forget(tasks);
        return Optional.of(scoring.relativeScores(answers, truths));
    }

    @Override
    public void discard(Round<TextRound, TextPredictions> round) {
        forget(round.request().tasks());
    }

    private void forget(List<TextTask> tasks) {
        for (TextTask t : tasks) {
            generator.forget(t.id());
        }
    }
}
