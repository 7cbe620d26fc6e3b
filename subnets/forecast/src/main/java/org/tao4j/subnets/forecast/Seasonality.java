package org.tao4j.subnets.forecast;

/** Finds the seasonal period of a history, since miners are not told it. */
final class Seasonality {
    /** Below this autocorrelation a peak is taken for noise. */
    static final double MIN_AUTOCORRELATION = 0.3;

    static final double MULTIPLE_TOLERANCE = 0.85;

    private Seasonality() {}

    /**
     * The shortest lag, 2 to {@code length / 3}, at which the autocorrelation of the linearly
     * detrended history has a local peak at least {@value #MULTIPLE_TOLERANCE} times the highest
     * one; 0 if no peak reaches {@value #MIN_AUTOCORRELATION}. Detrending
     * matters: a trend makes every lag look correlated and hides the peak. At least three cycles
     * are required so that the seasonal estimates the models build have something to average.
     */
    static int detectPeriod(double[] y) {
        int n = y.length;
        int maxLag = n / 3;
        if (maxLag < 2) {
            return 0;
        }
        double[] r = detrend(y);
        double var = 0;
        for (double v : r) {
            var += v * v;
        }
        if (var == 0) {
            return 0;
        }
        double[] acf = new double[maxLag + 2];
        for (int lag = 1; lag <= maxLag + 1 && lag < n; lag++) {
            double s = 0;
            for (int t = lag; t < n; t++) {
                s += r[t] * r[t - lag];
            }
            acf[lag] = (s / (n - lag)) / (var / n); // per-pair mean, so longer lags are not penalised
        }
        double highest = 0;
        for (int lag = 2; lag <= maxLag; lag++) {
            if (isPeak(acf, lag)) {
                highest = Math.max(highest, acf[lag]);
            }
        }
        if (highest < MIN_AUTOCORRELATION) {
            return 0;
        }
        // multiples of the period peak about as high; the noise decides which is highest, so take
        // the first peak that is nearly as high as the best
        int best = 0;
        for (int lag = 2; lag <= maxLag && best == 0; lag++) {
            if (isPeak(acf, lag) && acf[lag] >= MULTIPLE_TOLERANCE * highest) {
                best = lag;
            }
        }
        return best;
    }

    private static boolean isPeak(double[] acf, int lag) {
        return acf[lag] >= acf[lag - 1] && acf[lag] >= acf[lag + 1];
    }

    /** Residuals of the least-squares line through {@code y}. */
    static double[] detrend(double[] y) {
        int n = y.length;
        double meanT = (n - 1) / 2.0;
        double meanY = 0;
        for (double v : y) {
            meanY += v;
        }
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (int t = 0; t < n; t++) {
            sxy += (t - meanT) * (y[t] - meanY);
            sxx += (t - meanT) * (t - meanT);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double[] r = new double[n];
        for (int t = 0; t < n; t++) {
            r[t] = y[t] - meanY - slope * (t - meanT);
        }
        return r;
    }
}
