package org.tao4j.subnets.forecast;

/**
 * Additive Holt-Winters with a damped trend, the classic statistical forecaster. For each task it
 * finds the seasonal period ({@link Seasonality}), then fits the smoothing constants by grid search
 * on the one-step-ahead squared error over the history, and extrapolates level + damped trend +
 * season. Without a detectable season it is Holt's linear method. Stateless.
 */
public final class HoltWinters implements Forecaster {
    private static final double[] ALPHAS = {0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9};
    private static final double[] BETAS = {0.0, 0.02, 0.08, 0.2};
    private static final double[] GAMMAS = {0.0, 0.05, 0.15, 0.3, 0.5};
    private static final double[] NO_SEASON = {0.0};
    /** Trend damping: a trend fitted on the last regime should not be extrapolated at full slope. */
    private static final double PHI = 0.9;

    @Override
    public String name() {
        return "holt-winters";
    }

    @Override
    public double[] forecast(ForecastTask task) {
        double[] y = task.history();
        int period = Seasonality.detectPeriod(y);
        if (period == 0 || y.length < 2 * period + 2) {
            period = 1; // a one-slot season is a constant, which the level absorbs: Holt's method
        }
        Fit best = null;
        for (double alpha : ALPHAS) {
            for (double beta : BETAS) {
                for (double gamma : period == 1 ? NO_SEASON : GAMMAS) {
                    Fit fit = run(y, period, alpha, beta, gamma);
                    if (best == null || fit.sse < best.sse) {
                        best = fit;
                    }
                }
            }
        }
        double[] out = new double[task.horizon()];
        double damp = 0;
        double phiPower = 1;
        for (int h = 1; h <= out.length; h++) {
            phiPower *= PHI;
            damp += phiPower;
            out[h - 1] = best.level + damp * best.trend + best.season[(y.length - 1 + h) % period];
        }
        return out;
    }

    /** The state after the history, and the one-step error it made on the way (after a warm-up). */
    private record Fit(double sse, double level, double trend, double[] season) {}

    private static Fit run(double[] y, int period, double alpha, double beta, double gamma) {
        int n = y.length;
        double[] season = new double[period];
        double level;
        double trend;
        if (period > 1) {
            double first = mean(y, 0, period);
            double second = mean(y, period, 2 * period);
            level = first;
            trend = (second - first) / period;
            for (int i = 0; i < period; i++) {
                season[i] = y[i] - first;
            }
        } else {
            level = y[0];
            trend = n > 1 ? y[1] - y[0] : 0;
        }
        int start = period > 1 ? period : 1;
        int warmUp = Math.min(n - 1, start + Math.max(period, 8));
        double sse = 0;
        for (int t = start; t < n; t++) {
            int slot = t % period;
            double predicted = level + PHI * trend + season[slot];
            double error = y[t] - predicted;
            if (t >= warmUp) {
                sse += error * error;
            }
            double newLevel = alpha * (y[t] - season[slot]) + (1 - alpha) * (level + PHI * trend);
            trend = beta * (newLevel - level) + (1 - beta) * PHI * trend;
            season[slot] = gamma * (y[t] - newLevel) + (1 - gamma) * season[slot];
            level = newLevel;
        }
        return new Fit(sse, level, trend, season);
    }

    private static double mean(double[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += y[i];
        }
        return s / (to - from);
    }
}
