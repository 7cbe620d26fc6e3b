package org.tao4j.subnets.forecast;

import java.util.Arrays;
import org.tao4j.sdk.util.Rng;

/**
 * A seeded stochastic series with the features that separate good forecasters from bad ones:
 *
 * <ul>
 *   <li><b>seasonality</b>: two harmonics of a period picked by the seed from {@link #PERIODS};
 *   <li><b>trend</b>: a level that drifts with a per-regime slope, turned back at {@link #LEVEL_LOW}
 *       and {@link #LEVEL_HIGH} so values stay positive and percentage errors stay meaningful;
 *   <li><b>regime changes</b>: every 100 to 400 steps the level jumps (sd 15), and the slope, the
 *       seasonal amplitude (x0.6 to x1.4) and the noise level are drawn again;
 *   <li><b>noise</b>: AR(1) with coefficient {@value #AR_COEFFICIENT}, so recent residuals carry
 *       information a model on lags can use and a pure smoother cannot.
 * </ul>
 *
 * <p>Values are produced on demand and kept, so {@link #valueAt} is a pure function of the seed and
 * the step whatever the order of calls. Thread-safe.
 */
public final class SeriesGenerator implements SeriesSource {
    public static final int[] PERIODS = {12, 24};
    public static final double LEVEL_LOW = 60;
    public static final double LEVEL_HIGH = 200;
    public static final double AR_COEFFICIENT = 0.7;

    private final long seed;
    private final Rng rng;
    private final int period;
    private final double amplitude1;
    private final double amplitude2;
    private final double phase1;
    private final double phase2;

    // the state that produced values[count - 1]
    private double level;
    private double slope;
    private double amplitudeFactor;
    private double noiseSd;
    private double ar;
    private int regimeLeft;
    private double[] values = new double[1024];
    private int count;

    public SeriesGenerator(long seed) {
        this.seed = seed;
        this.rng = new Rng(seed);
        this.period = PERIODS[rng.nextInt(PERIODS.length)];
        this.amplitude1 = rng.uniform(8, 15);
        this.amplitude2 = rng.uniform(2, 6);
        this.phase1 = rng.uniform(0, 2 * Math.PI);
        this.phase2 = rng.uniform(0, 2 * Math.PI);
        this.level = rng.uniform(80, 140);
        newRegime();
    }

    @Override
    public String name() {
        return "synthetic(seed=" + seed + ")";
    }

    /** The seasonal period this seed picked. Miners are not told it: they have to find it. */
    public int period() {
        return period;
    }

    @Override
    public synchronized double valueAt(long step) {
        if (step < 0 || step >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("step out of range: " + step);
        }
        while (count <= step) {
            append();
        }
        return values[(int) step];
    }

    private void newRegime() {
        regimeLeft = 100 + rng.nextInt(301);
        slope = rng.uniform(-0.1, 0.1);
        amplitudeFactor = rng.uniform(0.6, 1.4);
        noiseSd = rng.uniform(1.0, 3.5);
    }

    private void append() {
        if (count > 0) {
            level += slope;
            if (--regimeLeft <= 0) {
                newRegime();
                // a jump that would leave the band is mirrored back into it
                level += 15 * rng.gaussian();
                if (level < LEVEL_LOW) {
                    level = 2 * LEVEL_LOW - level;
                } else if (level > LEVEL_HIGH) {
                    level = 2 * LEVEL_HIGH - level;
                }
            }
            if ((level < LEVEL_LOW && slope < 0) || (level > LEVEL_HIGH && slope > 0)) {
                slope = -slope;
            }
        }
        ar = AR_COEFFICIENT * ar + noiseSd * rng.gaussian();
        double angle = 2 * Math.PI * (count % period) / period;
        double seasonal = amplitudeFactor
                * (amplitude1 * StrictMath.sin(angle + phase1) + amplitude2 * StrictMath.sin(2 * angle + phase2));
        if (count == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[count++] = level + seasonal + ar;
    }
}
