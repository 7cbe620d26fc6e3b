package org.tao4j.subnets.forecast;

import java.util.Arrays;

/** The naive forecast: the last value, repeated. The baseline every real model has to beat. */
public final class LastValue implements Forecaster {
    @Override
    public String name() {
        return "last-value";
    }

    @Override
    public double[] forecast(ForecastTask task) {
        double[] out = new double[task.horizon()];
        Arrays.fill(out, task.lastValue());
        return out;
    }
}
