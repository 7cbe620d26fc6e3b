package org.tao4j.subnets.forecast;

import java.util.Arrays;

/**
 * The mean of the last {@code window} values, repeated: smooths the noise away but flattens the
 * seasonal cycle and lags behind a trend.
 */
public final class MovingAverage implements Forecaster {
    private final int window;

    public MovingAverage(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, got " + window);
        }
        this.window = window;
    }

    @Override
    public String name() {
        return "moving-average(" + window + ")";
    }

    @Override
    public double[] forecast(ForecastTask task) {
        double[] history = task.history();
        int from = Math.max(0, history.length - window);
        double sum = 0;
        for (int i = from; i < history.length; i++) {
            sum += history[i];
        }
        double[] out = new double[task.horizon()];
        Arrays.fill(out, sum / (history.length - from));
        return out;
    }
}
