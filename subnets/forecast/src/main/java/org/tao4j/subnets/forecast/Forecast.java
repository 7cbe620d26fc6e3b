package org.tao4j.subnets.forecast;

import java.util.Arrays;
import org.tao4j.sdk.Synapse;

/**
 * A miner's answer to a {@link ForecastTask}: {@code horizon} values continuing the history. Holds
 * its own copy. {@link #SYNAPSE} is how validators ask for it: {@code POST /Forecast} with the
 * task as the body.
 */
public record Forecast(double[] values) {
    /** The forecast synapse: a {@link ForecastTask} in, a {@link Forecast} out. */
    public static final Synapse<ForecastTask, Forecast> SYNAPSE =
            Synapse.of("Forecast", ForecastTask.class, Forecast.class);

    public Forecast {
        values = values == null ? null : values.clone();
    }

    @Override
    public double[] values() {
        return values == null ? null : values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Forecast f && Arrays.equals(values, f.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Forecast[" + (values == null ? "null" : values.length + " values") + "]";
    }
}
