package org.tao4j.subnets.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tao4j.sdk.neuron.ScoreBoard;

/**
 * The subnet's acceptance test in miniature: every strategy answers the same tasks, the validator
 * scores them once the truth is revealed, and the ranking must follow the strategies' quality.
 * The tables it prints are the ones in docs/subnets.md.
 */
class ForecastQualityTest {
    static final int TASKS = 200;
    /** Steps between tasks: 200 tasks span 5,000 steps, about twenty regimes. */
    static final int STRIDE = 25;

    static List<Forecaster> strategies() {
        return List.of(
                new LagRidge(),
                new HoltWinters(),
                new MovingAverage(24),
                new LastValue(),
                new Lazy(new LagRidge()),
                new RandomNoise(99));
    }

    static final List<String> QUALITY_ORDER =
            List.of("lag-ridge", "holt-winters", "moving-average(24)", "last-value", "lazy", "random");

    /** Mean sMAPE, mean relative score and final moving-average score per strategy name. */
    record Result(Map<String, Double> smape, Map<String, Double> relative, Map<String, Double> board) {}

    static Result run(TaskGenerator generator, List<Forecaster> strategies) {
        ForecastScoring scoring = new ForecastScoring();
        ScoreBoard<String> board = new ScoreBoard<>();
        Map<String, Double> smape = new LinkedHashMap<>();
        Map<String, Double> relative = new LinkedHashMap<>();
        for (int i = 0; i < TASKS; i++) {
            long step = (long) i * STRIDE;
            ForecastTask task = generator.next(step);
            Map<String, double[]> answers = new LinkedHashMap<>();
            for (Forecaster f : strategies) {
                answers.put(f.name(), f.forecast(task));
            }
            assertThat(generator.reveal(task.id(), step + task.horizon() - 1)).isEmpty();
            double[] truth = generator.reveal(task.id(), step + task.horizon()).orElseThrow();
            generator.forget(task.id());
            answers.forEach((name, a) -> smape.merge(name, ForecastScoring.smape(a, truth) / TASKS, Double::sum));
            Map<String, Double> scores = scoring.relativeScores(answers, truth);
            scores.forEach((name, s) -> relative.merge(name, s / TASKS, Double::sum));
            board.update(scores);
        }
        return new Result(smape, relative, board.scores());
    }

    static void print(String title, Result r) {
        System.out.println(title);
        System.out.printf("  %-18s %8s %9s %9s%n", "strategy", "sMAPE", "relative", "ema");
        r.smape()
                .forEach((name, e) -> System.out.printf(
                        "  %-18s %8.4f %9.4f %9.4f%n",
                        name, e, r.relative().get(name), r.board().get(name)));
    }

    static List<String> ranking(Map<String, Double> scores, boolean highFirst) {
        List<String> names = new ArrayList<>(scores.keySet());
        names.sort((a, b) -> highFirst
                ? Double.compare(scores.get(b), scores.get(a))
                : Double.compare(scores.get(a), scores.get(b)));
        return names;
    }

    /** Seeds 1 and 3 draw period 12, seed 4 draws period 24. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 3, 4})
    void syntheticRankingFollowsQuality(long seed) {
        Result r = run(TaskGenerator.synthetic(seed), strategies());
        print("synthetic, seed " + seed + " (period " + new SeriesGenerator(seed).period() + ")", r);

        assertThat(ranking(r.relative(), true)).containsExactlyElementsOf(QUALITY_ORDER);
        assertThat(ranking(r.smape(), false)).containsExactlyElementsOf(QUALITY_ORDER);
        // "clearly different" below the top: each is at least 10% more accurate than the next; the
        // two fitted models are closer on some seeds (see docs/subnets.md), but still ordered
        for (int i = 1; i + 1 < 4; i++) {
            assertThat(r.smape().get(QUALITY_ORDER.get(i)))
                    .isLessThan(0.9 * r.smape().get(QUALITY_ORDER.get(i + 1)));
        }
        assertThat(r.relative().get("random")).isLessThan(0.01);
        assertThat(r.board().get("random")).isLessThan(0.01);
    }

    /**
     * The ranking is not a property of a few lucky seeds: on each of seeds 1-30 the mean relative
     * score and the mean error both put the strategies in order of quality, and the learned model
     * leads Holt-Winters by a visible margin. Prints the per-seed table and the means of docs/subnets.md.
     */
    @Test
    void everySeedRanksTheStrategiesInOrderOfQuality() {
        Map<String, Double> meanSmape = new LinkedHashMap<>();
        Map<String, Double> meanRelative = new LinkedHashMap<>();
        double smallestGap = Double.MAX_VALUE;
        double smallestAccuracyGain = Double.MAX_VALUE;
        int seeds = 30;
        for (long seed = 1; seed <= seeds; seed++) {
            Result r = run(TaskGenerator.synthetic(seed), strategies());
            StringBuilder line =
                    new StringBuilder(String.format("seed %2d, period %2d:", seed, new SeriesGenerator(seed).period()));
            r.smape()
                    .forEach((name, e) -> line.append(
                            String.format(" %s %.4f/%.3f", name, e, r.relative().get(name))));
            System.out.println(line);
            assertThat(ranking(r.relative(), true)).as("seed " + seed).containsExactlyElementsOf(QUALITY_ORDER);
            assertThat(ranking(r.smape(), false)).as("seed " + seed).containsExactlyElementsOf(QUALITY_ORDER);
            smallestGap = Math.min(
                    smallestGap, r.relative().get("lag-ridge") - r.relative().get("holt-winters"));
            smallestAccuracyGain = Math.min(
                    smallestAccuracyGain,
                    1 - r.smape().get("lag-ridge") / r.smape().get("holt-winters"));
            r.smape().forEach((name, e) -> meanSmape.merge(name, e / seeds, Double::sum));
            r.relative().forEach((name, e) -> meanRelative.merge(name, e / seeds, Double::sum));
        }
        System.out.println("mean over seeds 1-30 (sMAPE / relative):");
        meanSmape.forEach((name, e) -> System.out.printf("  %-18s %8.4f %8.3f%n", name, e, meanRelative.get(name)));
        System.out.printf(
                "smallest lead of lag-ridge over holt-winters: relative score %.3f, sMAPE %.1f%%%n",
                smallestGap, 100 * smallestAccuracyGain);
        assertThat(smallestGap).isGreaterThan(0.01);
    }

    /**
     * On the real series the two fitted models are about as good as each other (births follow a
     * weekly pattern Holt-Winters captures well), and both are far ahead of the naive ones.
     */
    @Test
    void usBirthsSeparatesModelsFromBaselines() {
        Result r = run(TaskGenerator.usBirths(5), strategies());
        print("us births, seed 5", r);

        for (String model : List.of("lag-ridge", "holt-winters")) {
            for (String baseline : List.of("moving-average(24)", "last-value", "lazy", "random")) {
                assertThat(r.smape().get(model)).isLessThan(0.5 * r.smape().get(baseline));
                assertThat(r.relative().get(model))
                        .isGreaterThan(3 * r.relative().get(baseline));
            }
        }
        assertThat(ranking(r.relative(), true).getLast()).isEqualTo("random");
        assertThat(r.relative().get("random")).isLessThan(0.01);
    }

    @Test
    void sameSeedSameScores() {
        Result a = run(TaskGenerator.synthetic(11), strategies());
        Result b = run(TaskGenerator.synthetic(11), strategies());
        assertThat(a).isEqualTo(b);
    }
}
