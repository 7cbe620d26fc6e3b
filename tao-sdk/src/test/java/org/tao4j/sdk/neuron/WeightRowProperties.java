package org.tao4j.sdk.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.tao4j.consensus.MaxUpscale;
import org.tao4j.runtime.neurons.MaxWeightLimit;

/** Whatever the scores, a row {@link WeightRow#fromScores} returns passes the chain's row checks. */
class WeightRowProperties {

    @Provide
    Arbitrary<double[]> scores() {
        Arbitrary<Double> score = Arbitraries.oneOf(
                Arbitraries.just(0.0),
                Arbitraries.doubles().between(0, 1).ofScale(6),
                Arbitraries.doubles().between(0, 1e-6).ofScale(12),
                Arbitraries.of(Double.NaN, -1.0, 1e9));
        return score.array(double[].class).ofMinSize(1).ofMaxSize(300);
    }

    @Property(tries = 600)
    void rowsPassTheChainsChecks(
            @ForAll("scores") double[] scores,
            @ForAll @IntRange(min = 0, max = 300) int minAllowed,
            @ForAll @IntRange(min = 1, max = 65535) int limit) {
        int n = scores.length;
        boolean limited = limit < 65535;
        Assume.that(!limited || n * (limit / 65535.0) >= 1.0001);
        Optional<WeightRow> maybe = WeightRow.fromScores(scores, minAllowed, limit);
        boolean anyPositive = false;
        for (double s : scores) {
            anyPositive |= Double.isFinite(s) && s > 0;
        }
        assertThat(maybe.isPresent()).isEqualTo(anyPositive);
        if (maybe.isEmpty()) {
            return;
        }
        WeightRow row = maybe.get();
        int[] uids = row.uids();
        int[] values = row.values();
        assertThat(uids.length).isGreaterThanOrEqualTo(Math.min(minAllowed, n));
        for (int k = 0; k < uids.length; k++) {
            assertThat(uids[k]).isBetween(0, n - 1);
            assertThat(values[k]).isBetween(0, 65535);
            if (k > 0) {
                assertThat(uids[k]).isGreaterThan(uids[k - 1]);
            }
        }
        assertThat(MaxWeightLimit.withinLimit(MaxUpscale.toU16(values), limit)).isTrue();
        // better scores never get less weight
        for (int a = 0; a < uids.length; a++) {
            for (int b = 0; b < uids.length; b++) {
                double sa = clean(scores[uids[a]]);
                double sb = clean(scores[uids[b]]);
                if (sa > sb) {
                    assertThat(values[a]).isGreaterThanOrEqualTo(values[b]);
                }
            }
        }
    }

    private static double clean(double s) {
        return Double.isFinite(s) && s > 0 ? s : 0;
    }

    @Property(tries = 200)
    void unlimitedRowsAreJustTheScoresUpscaled(@ForAll("scores") double[] scores) {
        WeightRow.fromScores(scores, 1, 65535).ifPresent(row -> {
            int max = 0;
            for (int v : row.values()) {
                max = Math.max(max, v);
            }
            assertThat(max).isEqualTo(65535);
        });
    }
}
