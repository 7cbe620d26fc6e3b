package org.tao4j.subnets.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tao4j.sdk.combine.AnswerCombiner;
import org.tao4j.sdk.combine.WeightedMedian;

/**
 * How the forecast subnet combines its miners' forecasts: per step, the incentive-weighted median
 * of the valid forecasts ({@link ForecastScoring#isValid}: exactly {@code horizon} finite values).
 * The median, not the mean: miners holding less than half the weight cannot drag a step anywhere,
 * however far off they answer, and each step is a value some miner actually forecast.
 */
public final class ForecastCombiner implements AnswerCombiner<ForecastTask, Forecast> {
    @Override
    public Optional<Combined<Forecast>> combine(ForecastTask task, List<WeightedAnswer<Forecast>> answers) {
        List<double[]> valid = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        for (WeightedAnswer<Forecast> a : answers) {
            double[] v = a.answer() == null ? null : a.answer().values();
            if (ForecastScoring.isValid(v, task.horizon())) {
                valid.add(v);
                weights.add(a.weight());
                used.add(a.uid());
            }
        }
        if (valid.isEmpty()) {
            return Optional.empty();
        }
        double[] w = new double[weights.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights.get(i);
        }
        double[] out = new double[task.horizon()];
        double[] column = new double[valid.size()];
        for (int step = 0; step < out.length; step++) {
            for (int i = 0; i < column.length; i++) {
                column[i] = valid.get(i)[step];
            }
            out[step] = WeightedMedian.of(column, w);
        }
        return Optional.of(new Combined<>(new Forecast(out), used));
    }
}
