package org.tao4j.client;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Reconnect delays: exponential from {@code min} (doubling per attempt) up to {@code max}, with
 * "equal jitter" — each delay is drawn uniformly from the upper half of its exponential step, never
 * below {@code min}. Attempt 0 waits {@code min}; with 100 ms → 5 s: 100 ms, 100–200 ms, 200–400 ms, …,
 * 2.5–5 s. The jitter comes from a seeded generator, so one seed gives one sequence of delays.
 * Thread-safe.
 */
public final class Backoff {

    private final long minNanos;
    private final long maxNanos;
    private final SplittableRandom random;

    public Backoff(Duration min, Duration max, long seed) {
        if (!min.isPositive() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 < min <= max");
        }
        this.minNanos = min.toNanos();
        this.maxNanos = max.toNanos();
        this.random = new SplittableRandom(seed);
    }

    /** The exponential step of {@code attempt} (0-based) before jitter: {@code min(max, min·2^attempt)}. */
    public Duration ceiling(int attempt) {
        return Duration.ofNanos(step(attempt));
    }

    private long step(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0");
        }
        long d = minNanos;
        for (int i = 0; i < attempt && d < maxNanos; i++) {
            d = d > maxNanos / 2 ? maxNanos : d * 2;
        }
        return Math.min(d, maxNanos);
    }

    /** The delay before reconnect attempt {@code attempt} (0-based): in {@code [max(min, step/2), step]}. */
    public synchronized Duration delay(int attempt) {
        long step = step(attempt);
        long low = Math.max(minNanos, step / 2);
        long d = low >= step ? step : low + random.nextLong(step - low + 1);
        return Duration.ofNanos(d);
    }
}
