package org.tao4j.subnets.forecast;

/**
 * The learned forecaster: ridge regression on lag and seasonal features, trained afresh on each
 * task's own history, one small model per step ahead ("direct" forecasting: no compounding of
 * one-step errors). Training on the history it is given means it follows whatever series and
 * regime it is shown, and recency weights (half-life {@code halfLife} steps) let it follow a
 * regime change faster than the smoothers.
 *
 * <p>To forecast {@code j} steps past origin {@code t} (values before {@code t} known), with anchor
 * {@code a = y[t-1]}, the features are: an intercept; the short lags {@code y[t-k] - a}, k = 2 ..
 * {@value #SHORT_LAGS} + 1, which carry the autocorrelated noise a smoother throws away; and, when
 * {@link Seasonality} finds a period P, the value one season before the target, the mean over the
 * last {@value #CYCLES} seasons at the target's phase (both minus {@code a}), and two harmonics of
 * the target's phase. The target is {@code y[t-1+j] - a}. Working relative to the anchor makes the
 * model blind to the level, so a level jump does not break it. Features are shrunk in proportion to
 * their own weighted second moment, so lags in the series' units and harmonics in [-1, 1] are
 * penalised alike. Stateless.
 */
public final class LagRidge implements Forecaster {
    static final int SHORT_LAGS = 6;
    static final int CYCLES = 4;
    /** Short lags used when no season is found. */
    static final int PLAIN_LAGS = 12;

    static final double DEFAULT_LAMBDA = 0.02;
    static final double DEFAULT_HALF_LIFE = 240;

    private final double lambda;
    private final double halfLife;

    /** The defaults measured in docs/subnets.md. */
    public LagRidge() {
        this(DEFAULT_LAMBDA, DEFAULT_HALF_LIFE);
    }

    /**
     * @param lambda ridge penalty, relative to each feature's weighted second moment
     * @param halfLife age, in steps, at which a training sample counts half
     */
    public LagRidge(double lambda, double halfLife) {
        if (!(lambda > 0) || !(halfLife > 0)) {
            throw new IllegalArgumentException("lambda and halfLife must be positive");
        }
        this.lambda = lambda;
        this.halfLife = halfLife;
    }

    @Override
    public String name() {
        return "lag-ridge";
    }

    @Override
    public double[] forecast(ForecastTask task) {
        double[] y = task.history();
        int n = y.length;
        Layout layout = Layout.of(Seasonality.detectPeriod(y), n, task.horizon());
        double[] out = new double[task.horizon()];
        double[] x = new double[layout.features()];
        for (int j = 1; j <= out.length; j++) {
            double[] beta = fit(y, j, layout, x);
            if (beta == null) {
                return new LastValue().forecast(task); // too little history to fit anything honestly
            }
            layout.fill(x, y, n, j);
            double s = y[n - 1];
            for (int i = 0; i < x.length; i++) {
                s += x[i] * beta[i];
            }
            out[j - 1] = s;
        }
        return out;
    }

    /** The weights of the {@code j}-step model, or null if there are too few samples to fit. */
    private double[] fit(double[] y, int j, Layout layout, double[] x) {
        int d = layout.features();
        int firstOrigin = layout.firstOrigin(j);
        int lastOrigin = y.length - j; // the last origin whose target is in the history
        if (lastOrigin - firstOrigin + 1 < 2 * d) {
            return null;
        }
        double[][] gram = new double[d][d];
        double[][] rhs = new double[d][1];
        for (int t = firstOrigin; t <= lastOrigin; t++) {
            double w = Math.pow(0.5, (lastOrigin - t) / halfLife);
            layout.fill(x, y, t, j);
            double target = y[t - 1 + j] - y[t - 1];
            for (int i = 0; i < d; i++) {
                double wx = w * x[i];
                for (int k = 0; k <= i; k++) {
                    gram[i][k] += wx * x[k];
                }
                rhs[i][0] += wx * target;
            }
        }
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < i; k++) {
                gram[k][i] = gram[i][k];
            }
            if (i > 0) { // the intercept is not shrunk
                gram[i][i] = gram[i][i] * (1 + lambda) + 1e-9;
            }
        }
        double[][] beta = Linear.solveSpd(gram, rhs);
        if (beta == null) {
            return null;
        }
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            out[i] = beta[i][0];
        }
        return out;
    }

    /** Which features a task's models use, given the detected period (0: none). */
    private record Layout(int period, int shortLags, int cycles, int harmonics) {
        static Layout of(int period, int n, int horizon) {
            if (period == 0) {
                return new Layout(0, PLAIN_LAGS, 0, 0);
            }
            int cycles = Math.max(1, Math.min(CYCLES, (n - horizon) / period / 3));
            return new Layout(period, Math.min(SHORT_LAGS, period), cycles, Math.min(2, period / 2));
        }

        int features() {
            return 1 + shortLags + (period > 0 ? 2 + 2 * harmonics : 0);
        }

        /** How far back of a target {@code j} steps ahead the same phase was last seen. */
        int seasonBack(int j) {
            return period * ((j + period - 1) / period);
        }

        /** The first origin whose features are all inside the history. */
        int firstOrigin(int j) {
            int first = shortLags + 1;
            if (period > 0) {
                first = Math.max(first, seasonBack(j) + (cycles - 1) * period - j + 1);
            }
            return first;
        }

        void fill(double[] x, double[] y, int t, int j) {
            double anchor = y[t - 1];
            int i = 0;
            x[i++] = 1;
            for (int k = 2; k <= shortLags + 1; k++) {
                x[i++] = y[t - k] - anchor;
            }
            if (period > 0) {
                int sameLast = t - 1 + j - seasonBack(j);
                x[i++] = y[sameLast] - anchor;
                double s = 0;
                for (int c = 0; c < cycles; c++) {
                    s += y[sameLast - c * period];
                }
                x[i++] = s / cycles - anchor;
                double angle = 2 * Math.PI * ((t - 1 + j) % period) / period;
                for (int m = 1; m <= harmonics; m++) {
                    x[i++] = Math.sin(m * angle);
                    x[i++] = Math.cos(m * angle);
                }
            }
        }
    }
}
