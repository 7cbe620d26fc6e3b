package org.tao4j.sdk.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tao4j.consensus.MaxUpscale;
import org.tao4j.runtime.neurons.MaxWeightLimit;

class WeightRowTest {

    /** The largest share of the row as the chain computes it (after its max-upscale). */
    static double chainMaxShare(WeightRow row) {
        return MaxWeightLimit.maxNormalizedBits(MaxUpscale.toU16(row.values())) / (double) (1L << 32);
    }

    static boolean chainAccepts(WeightRow row, int limit) {
        return MaxWeightLimit.withinLimit(MaxUpscale.toU16(row.values()), limit);
    }

    @Test
    void withoutLimitTheRowIsThePositiveScoresMaxUpscaled() {
        WeightRow row = WeightRow.fromScores(new double[] {0, 0.5, 0.25, 0, 1.0}, 1, 65535)
                .orElseThrow();
        assertThat(row.uids()).containsExactly(1, 2, 4);
        assertThat(row.values()).containsExactly(32768, 16384, 65535);
    }

    @Test
    void nothingPositiveMeansNothingToSet() {
        assertThat(WeightRow.fromScores(new double[] {0, 0, 0}, 1, 65535)).isEmpty();
        assertThat(WeightRow.fromScores(new double[] {Double.NaN, -1, Double.POSITIVE_INFINITY}, 1, 65535))
                .isEmpty();
    }

    @Test
    void nonFiniteAndNegativeScoresCountAsZero() {
        WeightRow row = WeightRow.fromScores(new double[] {Double.NaN, 0.5, -3, Double.POSITIVE_INFINITY, 1}, 1, 65535)
                .orElseThrow();
        assertThat(row.uids()).containsExactly(1, 4);
    }

    @Test
    void theLargestWeightIsClippedToTheLimitAndTheExcessSpreadInProportion() {
        // one dominant uid among ten; limit 20%
        double[] scores = {10, 1, 1, 1, 1, 2, 2, 2, 2, 2};
        int limit = (int) Math.round(0.2 * 65535);
        WeightRow row = WeightRow.fromScores(scores, 1, limit).orElseThrow();
        assertThat(row.uids()).hasSize(10);
        assertThat(chainAccepts(row, limit)).isTrue();
        assertThat(chainMaxShare(row)).isLessThanOrEqualTo(0.2).isGreaterThan(0.199);
        // the others keep their proportions: the 2s get twice the 1s
        assertThat(row.valueOf(5) / (double) row.valueOf(1)).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.001));
        // and the dominant uid is still the largest
        assertThat(row.valueOf(0)).isEqualTo(65535);
    }

    @Test
    void severalUidsAboveTheLimitShareTheCap() {
        double[] scores = {8, 7, 6, 1, 1, 1, 1, 1};
        int limit = 65535 / 4; // 25%
        WeightRow row = WeightRow.fromScores(scores, 1, limit).orElseThrow();
        assertThat(chainAccepts(row, limit)).isTrue();
        // uids 0 and 1 end at the cap together; 2 sits below it
        assertThat(row.valueOf(0)).isEqualTo(row.valueOf(1));
        assertThat(row.valueOf(2)).isLessThanOrEqualTo(row.valueOf(1));
    }

    @Test
    void tooFewScoredUidsAreJoinedByEveryUidWithATinyWeight() {
        double[] scores = new double[12];
        scores[3] = 1.0;
        scores[7] = 0.5;
        WeightRow row = WeightRow.fromScores(scores, 8, 65535).orElseThrow();
        assertThat(row.uids()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(row.valueOf(3)).isEqualTo(65535);
        assertThat(row.valueOf(7)).isBetween(32700, 32800);
        assertThat(row.valueOf(0)).isLessThanOrEqualTo(2);
    }

    @Test
    void minAllowedWeightsAboveNNeedsOnlyN() {
        WeightRow row = WeightRow.fromScores(new double[] {1, 1, 1}, 64, 65535).orElseThrow();
        assertThat(row.uids()).containsExactly(0, 1, 2);
    }

    @Test
    void aLimitTooTightForTheScoredUidsSpreadsOverEveryUid() {
        // three scored uids can at best get a third each: 10% needs at least ten uids
        double[] scores = new double[20];
        scores[0] = 3;
        scores[1] = 2;
        scores[2] = 1;
        int limit = 6554; // 10%
        WeightRow row = WeightRow.fromScores(scores, 1, limit).orElseThrow();
        assertThat(row.uids()).hasSize(20);
        assertThat(chainAccepts(row, limit)).isTrue();
        assertThat(row.valueOf(0)).isGreaterThanOrEqualTo(row.valueOf(3));
    }

    @Test
    void aLimitNoRowCanMeetIsRefusedWithAReason() {
        assertThatThrownBy(() -> WeightRow.fromScores(new double[] {1, 1, 1}, 1, 6554))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uniform row gives each 1/3");
    }

    @Test
    void aUniformRowExactlyAtTheLimitPasses() {
        WeightRow row = WeightRow.fromScores(new double[] {1, 1, 1, 1}, 1, 65535 / 4 + 1)
                .orElseThrow();
        assertThat(chainAccepts(row, 65535 / 4 + 1)).isTrue();
    }

    @Test
    void clipKeepsSumOneAndTheCap() {
        double[] w = WeightRow.clip(new double[] {5, 3, 1, 1}, 0.4);
        assertThat(Arrays.stream(w).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Arrays.stream(w).max().orElseThrow()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(w[2]).isEqualTo(w[3]);
    }
}
