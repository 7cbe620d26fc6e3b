package org.tao4j.subnets.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tao4j.sdk.neuron.ScoreBoard;

class ForecastScoringTest {
    @Test
    void smapeIsSymmetricBoundedAndZeroWhenExact() {
        double[] truth = {100, 200};
        assertThat(ForecastScoring.smape(truth.clone(), truth)).isZero();
        assertThat(ForecastScoring.smape(new double[] {110, 220}, truth)).isCloseTo(2 * 10.0 / 210, within(1e-12));
        assertThat(ForecastScoring.smape(new double[] {-100, -200}, truth)).isEqualTo(2.0);
        assertThat(ForecastScoring.smape(new double[] {0, 0}, new double[] {0, 0}))
                .isZero();
    }

    @Test
    void invalidAnswersGetTheWorstErrorAndZeroScore() {
        double[] truth = {1, 2, 3};
        assertThat(ForecastScoring.smape(new double[] {1, 2}, truth)).isEqualTo(ForecastScoring.WORST_SMAPE);
        assertThat(ForecastScoring.smape(new double[] {1, 2, Double.NaN}, truth))
                .isEqualTo(ForecastScoring.WORST_SMAPE);
        assertThat(ForecastScoring.smape(null, truth)).isEqualTo(ForecastScoring.WORST_SMAPE);

        Map<Integer, double[]> answers = new LinkedHashMap<>();
        answers.put(0, new double[] {1, 2, 3.3});
        answers.put(1, null);
        answers.put(2, new double[] {1, 2, Double.POSITIVE_INFINITY});
        answers.put(3, new double[] {1, 2});
        assertThat(new ForecastScoring().relativeScores(answers, truth))
                .containsExactly(Map.entry(0, 1.0), Map.entry(1, 0.0), Map.entry(2, 0.0), Map.entry(3, 0.0));
    }

    @Test
    void relativeScoreIsTheErrorRatioToTheBestSquared() {
        double[] truth = {100};
        Map<String, double[]> answers = new LinkedHashMap<>();
        answers.put("good", new double[] {101});
        answers.put("half", new double[] {102});
        answers.put("exact", new double[] {100});
        Map<String, Double> scores = new ForecastScoring().relativeScores(answers, truth);
        assertThat(scores.get("exact")).isEqualTo(1.0);
        assertThat(scores.get("good")).isLessThan(1e-12); // next to a perfect answer, any error is infinitely worse
        answers.remove("exact");
        scores = new ForecastScoring().relativeScores(answers, truth);
        assertThat(scores.get("good")).isEqualTo(1.0);
        double eGood = ForecastScoring.smape(new double[] {101}, truth);
        double eHalf = ForecastScoring.smape(new double[] {102}, truth);
        assertThat(scores.get("half")).isCloseTo(Math.pow(eGood / eHalf, 2), within(1e-12));
        assertThat(new ForecastScoring(1).relativeScores(answers, truth).get("half"))
                .isCloseTo(eGood / eHalf, within(1e-12));
    }

    @Test
    void scoreBoardIsAMovingAverageFromZero() {
        ScoreBoard<Integer> board = new ScoreBoard<>(0.5);
        board.update(Map.of(1, 1.0));
        assertThat(board.scores()).containsEntry(1, 0.5);
        board.update(Map.of(1, 1.0, 2, 1.0));
        assertThat(board.scores()).containsEntry(1, 0.75).containsEntry(2, 0.5);
        board.update(Map.of(2, Double.NaN));
        assertThat(board.scores()).containsEntry(1, 0.75).containsEntry(2, 0.25);
        board.update(Map.of(2, 7.0)); // clamped to 1
        assertThat(board.scores()).containsEntry(2, 0.625);
        board.remove(1);
        assertThat(board.scores()).containsOnlyKeys(2);
    }
}
