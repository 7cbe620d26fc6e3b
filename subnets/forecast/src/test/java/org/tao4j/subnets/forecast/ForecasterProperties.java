package org.tao4j.subnets.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever a validator sends, every strategy answers with {@code horizon} finite values. */
class ForecasterProperties {
    static final List<Forecaster> ALL = List.of(new LastValue(), new MovingAverage(24), new HoltWinters(),
            new LagRidge(), new RandomNoise(1), new Lazy(new HoltWinters()));

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

    @Property(tries = 50)
    void aConstantSeriesIsForecastExactlyByTheHonestModels(
            @ForAll @DoubleRange(min = 1, max = 1000) double level,
            @ForAll @IntRange(min = 1, max = 300) int length) {
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
