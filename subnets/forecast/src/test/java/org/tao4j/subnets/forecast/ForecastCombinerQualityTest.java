package org.tao4j.subnets.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tao4j.sdk.combine.AnswerCombiner.WeightedAnswer;

/**
 * The combined forecast against the median single miner on held-out tasks: the evaluation behind
 * the figures in docs/access.md. Run it alone with
 * {@code mvn -o test -pl subnets/forecast -Dtest=ForecastCombinerQualityTest}.
 *
 * <p>Per seed: the six strategies of the subnet (two fitted models, two naive ones, a lazy copier and
 * noise) answer {@value #CALIBRATION} calibration tasks; their mean relative score there stands for
 * the incentive the chain would give them. Then {@value #HELD_OUT} later, disjoint tasks are answered
 * by each, and combined with those weights. Reported: mean sMAPE of the combination, of the median
 * single miner and of the best one.
 */
class ForecastCombinerQualityTest {
    static final int CALIBRATION = 100;
    static final int HELD_OUT = 200;
    static final int STRIDE = 25;
    static final int SEEDS = 10;

    @Test
    void theCombinationBeatsTheMedianSingleMinerOnHeldOutTasks() {
        ForecastCombiner combiner = new ForecastCombiner();
        ForecastScoring scoring = new ForecastScoring();
        double combinedMean = 0;
        double medianMean = 0;
        double bestMean = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            List<Forecaster> miners = ForecastQualityTest.strategies();
            TaskGenerator g = TaskGenerator.synthetic(seed);
            Map<String, Double> weight = new LinkedHashMap<>();
            long step = 0;
            for (int i = 0; i < CALIBRATION; i++, step += STRIDE) {
                ForecastTask t = g.next(step);
                Map<String, double[]> answers = new LinkedHashMap<>();
                miners.forEach(f -> answers.put(f.name(), f.forecast(t)));
                double[] truth = g.reveal(t.id(), step + t.horizon()).orElseThrow();
                g.forget(t.id());
                scoring.relativeScores(answers, truth).forEach((n, s) -> weight.merge(n, s / CALIBRATION, Double::sum));
            }
            double[] single = new double[miners.size()];
            double combined = 0;
            for (int i = 0; i < HELD_OUT; i++, step += STRIDE) {
                ForecastTask t = g.next(step);
                double[] truth = g.reveal(t.id(), step + t.horizon()).orElseThrow();
                g.forget(t.id());
                List<WeightedAnswer<Forecast>> answers = new ArrayList<>();
                for (int m = 0; m < miners.size(); m++) {
                    double[] f = miners.get(m).forecast(t);
                    single[m] += ForecastScoring.smape(f, truth) / HELD_OUT;
                    answers.add(new WeightedAnswer<>(m, weight.get(miners.get(m).name()), new Forecast(f)));
                }
                double[] c = combiner.combine(t, answers).orElseThrow().answer().values();
                combined += ForecastScoring.smape(c, truth) / HELD_OUT;
            }
            double[] sorted = single.clone();
            Arrays.sort(sorted);
            double median = (sorted[2] + sorted[3]) / 2;
            System.out.printf(
                    "forecast seed %2d: combined sMAPE %.4f, median single %.4f, best single %.4f%n",
                    seed, combined, median, sorted[0]);
            combinedMean += combined / SEEDS;
            medianMean += median / SEEDS;
            bestMean += sorted[0] / SEEDS;
            assertThat(combined).as("seed " + seed).isLessThanOrEqualTo(median);
        }
        System.out.printf(
                "forecast, mean over %d seeds x %d held-out tasks: combined sMAPE %.4f, median single miner %.4f,"
                        + " best single miner %.4f%n",
                SEEDS, HELD_OUT, combinedMean, medianMean, bestMean);
        assertThat(combinedMean).isLessThanOrEqualTo(medianMean);
    }
}
