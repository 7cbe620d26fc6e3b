package org.tao4j.subnets.forecast;

/**
 * A miner's strategy: {@code horizon} values continuing the task's history. Implementations may be
 * called from several threads at once.
 */
public interface Forecaster {
    /** A short stable name for the live view and the summary JSON, e.g. {@code holt-winters}. */
    String name();

    double[] forecast(ForecastTask task);
}
