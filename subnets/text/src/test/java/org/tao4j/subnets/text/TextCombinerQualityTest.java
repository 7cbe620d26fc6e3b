package org.tao4j.subnets.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tao4j.sdk.combine.AnswerCombiner.WeightedAnswer;

/**
 * The combined next-character distribution against the median single miner on held-out text: the
 * evaluation behind the figures in docs/access.md. Run it alone with
 * {@code mvn -o test -pl subnets/text -Dtest=TextCombinerQualityTest}.
 *
 * <p>The six strategies of the subnet answer {@value #CALIBRATION} calibration rounds of passages of
 * the held-out chapters; their mean relative score stands for the incentive the chain would give.
 * Then {@value #HELD_OUT} other rounds (another seed) are answered and combined with those weights.
 * Reported: bits per character of the mixture, of the median single miner and of the best one.
 */
class TextCombinerQualityTest {
    static final int CALIBRATION = 20;
    static final int HELD_OUT = 40;

    @Test
    void theMixtureBeatsTheMedianSingleMinerOnHeldOutText() {
        TextSubnet subnet = new TextSubnet();
        List<TextStrategy> miners = new ArrayList<>();
        for (String s : TextSubnet.STRATEGIES) {
            miners.add(subnet.strategy(s, 5));
        }
        TextScoring scoring = new TextScoring();
        double[] weight = new double[miners.size()];
        TextTaskGenerator calibration = TextTaskGenerator.heldOut(subnet.corpus(), 101);
        for (int r = 0; r < CALIBRATION; r++) {
            List<TextTask> tasks = calibration.nextRound(TextTaskGenerator.DEFAULT_ROUND);
            List<String> truths = tasks.stream()
                    .map(t -> calibration.truth(t.id()).orElseThrow())
                    .toList();
            java.util.Map<Integer, List<double[][]>> answers = new java.util.LinkedHashMap<>();
            for (int m = 0; m < miners.size(); m++) {
                TextStrategy s = miners.get(m);
                answers.put(m, tasks.stream().map(s::predict).toList());
            }
            scoring.relativeScores(answers, truths).forEach((m, v) -> weight[m] += v / CALIBRATION);
            tasks.forEach(t -> calibration.forget(t.id()));
        }
        TextCombiner combiner = new TextCombiner();
        TextTaskGenerator heldOut = TextTaskGenerator.heldOut(subnet.corpus(), 202);
        double[] single = new double[miners.size()];
        double combined = 0;
        for (int r = 0; r < HELD_OUT; r++) {
            TextRound round = new TextRound(heldOut.nextRound(TextTaskGenerator.DEFAULT_ROUND));
            List<String> truths = round.tasks().stream()
                    .map(t -> heldOut.truth(t.id()).orElseThrow())
                    .toList();
            List<WeightedAnswer<TextPredictions>> answers = new ArrayList<>();
            for (int m = 0; m < miners.size(); m++) {
                TextStrategy s = miners.get(m);
                List<double[][]> p = round.tasks().stream().map(s::predict).toList();
                single[m] += TextScoring.bitsPerChar(p, truths) / HELD_OUT;
                answers.add(new WeightedAnswer<>(m, weight[m], new TextPredictions(p)));
            }
            List<double[][]> mix =
                    combiner.combine(round, answers).orElseThrow().answer().distributions();
            combined += TextScoring.bitsPerChar(mix, truths) / HELD_OUT;
            round.tasks().forEach(t -> heldOut.forget(t.id()));
        }
        double[] sorted = single.clone();
        Arrays.sort(sorted);
        double median = (sorted[2] + sorted[3]) / 2;
        System.out.printf(
                "text, %d held-out rounds of %d passages: combined %.4f bits/char, median single miner %.4f,"
                        + " best single miner %.4f; weights %s for %s%n",
                HELD_OUT,
                TextTaskGenerator.DEFAULT_ROUND,
                combined,
                median,
                sorted[0],
                Arrays.toString(Arrays.stream(weight)
                        .map(w -> Math.round(w * 1000) / 1000.0)
                        .toArray()),
                TextSubnet.STRATEGIES);
        assertThat(combined).isLessThanOrEqualTo(median);
    }
}
