package org.tao4j.subnets.forecast;

import java.util.Arrays;

/**
 * An adversary that does the work once and then replays it: the first task goes to {@code delegate},
 * every later one gets that same answer back (cut or padded with its last value if a task asks
 * for another horizon). It shows that stale answers lose out as the series moves on. Thread-safe.
 */
public final class Lazy implements Forecaster {
    private final Forecaster delegate;
    private double[] answer;

    public Lazy(Forecaster delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return "lazy";
    }

    @Override
    public synchronized double[] forecast(ForecastTask task) {
        if (answer == null) {
            answer = delegate.forecast(task).clone();
        }
        double[] out = Arrays.copyOf(answer, task.horizon());
        for (int i = answer.length; i < out.length; i++) {
            out[i] = answer.length == 0 ? 0 : answer[answer.length - 1];
        }
        return out;
    }
}
