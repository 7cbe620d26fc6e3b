package org.tao4j.subnets.forecast;

import java.util.Arrays;

/**
 * What a validator sends a miner: the last {@code history.length} values of a series, oldest first,
 * and how many steps past the last one to forecast. The miner answers {@code horizon} values.
 * Holds its own copy of the history.
 */
public record ForecastTask(long id, double[] history, int horizon) {
    /** Bounds that keep a task (and a miner's work on it) small whoever built it. */
    public static final int MAX_HISTORY = 4096;

    public static final int MAX_HORIZON = 256;

    public ForecastTask {
        if (history == null || history.length == 0 || history.length > MAX_HISTORY) {
            throw new IllegalArgumentException("history needs 1 to " + MAX_HISTORY + " values, got "
                    + (history == null ? "null" : history.length));
        }
        if (horizon < 1 || horizon > MAX_HORIZON) {
            throw new IllegalArgumentException("horizon must be 1 to " + MAX_HORIZON + ", got " + horizon);
        }
        history = history.clone();
        for (double v : history) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("history holds a non-finite value: " + v);
            }
        }
    }

    /** A copy: a strategy must not be able to change the task another strategy sees. */
    @Override
    public double[] history() {
        return history.clone();
    }

    /** The most recent value, without copying the history. */
    public double lastValue() {
        return history[history.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ForecastTask t && id == t.id && horizon == t.horizon && Arrays.equals(history, t.history);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(id) + horizon) + Arrays.hashCode(history);
    }

    @Override
    public String toString() {
        return "ForecastTask[id=" + id + ", history=" + history.length + " values, horizon=" + horizon + "]";
    }
}
