package org.tao4j.subnets.forecast;

/**
 * A univariate series indexed by step, from step 0 on. The validator owns the source, so values
 * beyond "now" exist but are only handed out once the task's horizon has passed.
 */
public interface SeriesSource {
    /** A short name for logs and the live view, e.g. {@code synthetic(seed=7)}. */
    String name();

    /** The value at {@code step} (>= 0). */
    double valueAt(long step);

    /** The values at steps {@code from}, {@code from + 1}, ..., {@code from + length - 1}. */
    default double[] window(long from, int length) {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = valueAt(from + i);
        }
        return out;
    }
}
