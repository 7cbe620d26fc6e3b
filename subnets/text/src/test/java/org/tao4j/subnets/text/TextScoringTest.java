package org.tao4j.subnets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tao4j.sdk.neuron.ScoreBoard;

class TextScoringTest {
    static double[] uniform() {
        double[] p = new double[Alphabet.SIZE];
        Arrays.fill(p, 1.0 / Alphabet.SIZE);
        return p;
    }

    static double[] sure(char c) {
        double[] p = new double[Alphabet.SIZE];
        p[Alphabet.indexOf(c)] = 1;
        return p;
    }

    @Test
    void bitsPerCharIsTheMeanNegativeLog2OfTheTrueSymbol() {
        assertThat(TextScoring.bitsPerChar(new double[][] {uniform()}, "a"))
                .isCloseTo(Math.log(36) / Math.log(2), within(1e-9));
        assertThat(TextScoring.bitsPerChar(new double[][] {sure('a'), sure('b')}, "ab"))
                .isZero();
        double[] half = new double[Alphabet.SIZE];
        half[Alphabet.indexOf('a')] = 0.5;
        half[Alphabet.indexOf('b')] = 0.5;
        assertThat(TextScoring.bitsPerChar(new double[][] {half, sure('x')}, "ab"))
                .isCloseTo((1 + TextScoring.WORST_BPC) / 2, within(1e-9)); // a sure miss costs the floor, not infinity
    }

    @Test
    void malformedAnswersCostTheWorst() {
        double[] negative = uniform();
        negative[0] = -0.01;
        negative[1] += 0.01;
        double[] notSummingToOne = uniform();
        notSummingToOne[0] += 0.01;
        double[] nan = uniform();
        nan[3] = Double.NaN;
        for (double[][] bad : List.of(
                new double[][] {negative},
                new double[][] {notSummingToOne},
                new double[][] {nan},
                new double[][] {new double[35]},
                new double[][] {uniform(), uniform()},
                new double[0][])) {
            assertThat(TextScoring.isValid(bad, 1)).isFalse();
            assertThat(TextScoring.bitsPerChar(bad, "a")).isEqualTo(TextScoring.WORST_BPC);
        }
        assertThat(TextScoring.bitsPerChar((double[][]) null, "a")).isEqualTo(TextScoring.WORST_BPC);
    }

    @Test
    void relativeScoresHalvePerBitAndZeroTheInvalid() {
        double[] quarter = new double[Alphabet.SIZE];
        quarter[Alphabet.indexOf('a')] = 0.25;
        quarter[Alphabet.indexOf('b')] = 0.75;
        Map<String, double[][]> answers = new LinkedHashMap<>();
        answers.put("sure", new double[][] {sure('a')});
        answers.put("quarter", new double[][] {quarter});
        answers.put("none", null);
        answers.put("bad", new double[][] {new double[3]});
        Map<String, Double> scores = new TextScoring().relativeScores(answers, "a");
        assertThat(scores.get("sure")).isEqualTo(1.0);
        assertThat(scores.get("quarter")).isCloseTo(0.25, within(1e-12)); // 2 bits worse
        assertThat(scores.get("none")).isZero();
        assertThat(scores.get("bad")).isZero();
        assertThat(new TextScoring(2).relativeScores(answers, "a").get("quarter"))
                .isCloseTo(1.0 / 16, within(1e-12));
    }

    @Test
    void aRoundAveragesOverAllPositionsAndChargesMissingAnswers() {
        List<String> truths = List.of("a", "bc");
        List<double[][]> answers = List.of(new double[][] {sure('a')}, new double[][] {sure('b'), sure('c')});
        assertThat(TextScoring.bitsPerChar(answers, truths)).isZero();
        List<double[][]> partly = List.<double[][]>of(new double[][] {sure('a')});
        assertThat(TextScoring.bitsPerChar(partly, truths)).isCloseTo(2 * TextScoring.WORST_BPC / 3, within(1e-9));

        Map<Integer, List<double[][]>> round = new LinkedHashMap<>();
        round.put(1, answers);
        round.put(2, partly);
        round.put(3, null);
        Map<Integer, Double> scores = new TextScoring().relativeScores(round, truths);
        assertThat(scores.get(1)).isEqualTo(1.0);
        assertThat(scores.get(2)).isGreaterThan(0).isLessThan(1e-3);
        assertThat(scores.get(3)).isZero();
    }

    @Test
    void scoreBoardIsAMovingAverageFromZero() {
        ScoreBoard<Integer> board = new ScoreBoard<>(0.5);
        board.update(Map.of(1, 1.0));
        board.update(Map.of(1, 0.0, 2, 1.0));
        assertThat(board.scores()).containsEntry(1, 0.25).containsEntry(2, 0.5);
    }
}
