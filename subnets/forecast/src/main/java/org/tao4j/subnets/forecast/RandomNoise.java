package org.tao4j.subnets.forecast;

import org.tao4j.sdk.util.Rng;

/**
 * An adversary that answers noise: uniform values in [-m, m], m the largest magnitude in the
 * history, so the answers are of the right order but carry no information. Seeded; thread-safe.
 */
public final class RandomNoise implements Forecaster {
    private final Rng rng;

    public RandomNoise(long seed) {
        this.rng = new Rng(seed);
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public synchronized double[] forecast(ForecastTask task) {
        double m = 0;
        for (double v : task.history()) {
            m = Math.max(m, Math.abs(v));
        }
        double[] out = new double[task.horizon()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rng.uniform(-m, m);
        }
        return out;
    }
}
