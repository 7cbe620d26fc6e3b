package org.tao4j.subnets.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * What a strategy does with what a validator may send. The claims are split by input range, because
 * they differ:
 * <ul>
 *   <li>histories of values within ±1e6 (the devnet's series stay far inside): {@code horizon} finite
 *       values from every strategy;</li>
 *   <li>any finite values, up to ±Double.MAX_VALUE: every strategy answers {@code horizon} values
 *       without throwing; those may be non-finite (an overflow), which scoring counts as invalid, the
 *       worst score, not as an error;</li>
 *   <li>NaN and infinities: refused where the task is built ({@link ForecastTask}), so no strategy
 *       ever sees them.</li>
 * </ul>
 */
class ForecasterProperties {
    static final List<Forecaster> ALL = List.of(
            new LastValue(),
            new MovingAverage(24),
            new HoltWinters(),
            new LagRidge(),
            new RandomNoise(1),
            new Lazy(new HoltWinters()));

    @Property(tries = 200)
    void everyStrategyAnswersWellFormed(
            @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = -1e6, max = 1e6) Double> values,
            @ForAll @IntRange(min = 1, max = 40) int horizon) {
        double[] history = values.stream().mapToDouble(Double::doubleValue).toArray();
        ForecastTask task = new ForecastTask(1, history, horizon);
        for (Forecaster f : ALL) {
            double[] answer = f.forecast(task);
            assertThat(ForecastScoring.isValid(answer, horizon)).as(f.name()).isTrue();
        }
    }

    @Property(tries = 200)
    void anyFiniteHistoryGetsAnAnswerOfTheRightLengthThatScoringCopesWith(
            @ForAll @Size(min = 1, max = 300)
                    List<@DoubleRange(min = -Double.MAX_VALUE, max = Double.MAX_VALUE) Double> values,
            @ForAll @IntRange(min = 1, max = 40) int horizon) {
        double[] history = values.stream().mapToDouble(Double::doubleValue).toArray();
        ForecastTask task = new ForecastTask(1, history, horizon);
        double[] truth = new double[horizon];
        for (Forecaster f : ALL) {
            double[] answer = f.forecast(task);
            assertThat(answer).as(f.name()).hasSize(horizon);
            double smape = ForecastScoring.smape(answer, truth);
            assertThat(Double.isNaN(smape))
                    .as(f.name() + ": a score, never NaN")
                    .isFalse();
            if (!ForecastScoring.isValid(answer, horizon)) {
                assertThat(smape)
                        .as(f.name() + ": an invalid answer scores the worst")
                        .isEqualTo(ForecastScoring.WORST_SMAPE);
            }
        }
    }

    @Property(tries = 100)
    void nanAndInfinitiesAreRefusedBeforeAnyStrategySeesThem(
            @ForAll @Size(min = 1, max = 50) List<@DoubleRange(min = -1e6, max = 1e6) Double> values,
            @ForAll @IntRange(min = 0, max = 49) int at,
            @ForAll("nonFinite") double bad) {
        double[] history = values.stream().mapToDouble(Double::doubleValue).toArray();
        history[at % history.length] = bad;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ForecastTask(1, history, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-finite");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Double> nonFinite() {
        return net.jqwik.api.Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    @Property(tries = 50)
    void aConstantSeriesIsForecastExactlyByTheHonestModels(
            @ForAll @DoubleRange(min = 1, max = 1000) double level, @ForAll @IntRange(min = 1, max = 300) int length) {
        double[] history = new double[length];
        java.util.Arrays.fill(history, level);
        ForecastTask task = new ForecastTask(1, history, 12);
        for (Forecaster f : List.of(new LastValue(), new MovingAverage(24), new HoltWinters(), new LagRidge())) {
            for (double v : f.forecast(task)) {
                assertThat(v).as(f.name()).isCloseTo(level, org.assertj.core.api.Assertions.within(1e-6 * level));
            }
        }
    }
}
