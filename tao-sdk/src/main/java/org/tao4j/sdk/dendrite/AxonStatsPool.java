package org.tao4j.sdk.dendrite;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.tao4j.sdk.AxonEndpoint;

/**
 * Per-axon latency and failure statistics, kept by a dendrite for every axon it has queried.
 * A validator can use them to skip dead axons or to weigh latency into its scores.
 * Thread-safe; each axon's record is updated under its own lock.
 */
public final class AxonStatsPool {
    private static final int WINDOW = 128;
    private static final double ALPHA = 0.2;

    private static final class Tracker {
        long requests;
        long successes;
        long timeouts;
        long unreachable;
        long rejected;
        long invalid;
        long failed;
        long consecutiveFailures;
        double ewmaNanos = Double.NaN;
        final long[] window = new long[WINDOW];
        int filled;
        int next;
        AxonResult.Outcome last;
        Instant lastAt;

        synchronized void record(AxonResult.Outcome outcome, long latencyNanos, boolean answered) {
            requests++;
            switch (outcome) {
                case OK -> successes++;
                case TIMEOUT -> timeouts++;
                case UNREACHABLE -> unreachable++;
                case REJECTED -> rejected++;
                case INVALID_RESPONSE -> invalid++;
                case FAILED -> failed++;
            }
            consecutiveFailures = outcome == AxonResult.Outcome.OK ? 0 : consecutiveFailures + 1;
            if (answered) {
                ewmaNanos = Double.isNaN(ewmaNanos) ? latencyNanos : ALPHA * latencyNanos + (1 - ALPHA) * ewmaNanos;
                window[next] = latencyNanos;
                next = (next + 1) % WINDOW;
                filled = Math.min(filled + 1, WINDOW);
            }
            last = outcome;
            lastAt = Instant.now();
        }

        synchronized AxonStats snapshot() {
            Duration ewma = null;
            Duration p50 = null;
            Duration p99 = null;
            if (filled > 0) {
                long[] sorted = Arrays.copyOf(window, filled);
                Arrays.sort(sorted);
                ewma = Duration.ofNanos((long) ewmaNanos);
                p50 = Duration.ofNanos(percentile(sorted, 0.50));
                p99 = Duration.ofNanos(percentile(sorted, 0.99));
            }
            return new AxonStats(
                    requests,
                    successes,
                    timeouts,
                    unreachable,
                    rejected,
                    invalid,
                    failed,
                    consecutiveFailures,
                    ewma,
                    p50,
                    p99,
                    last,
                    lastAt);
        }
    }

    private final Map<AxonEndpoint, Tracker> trackers = new ConcurrentHashMap<>();

    void record(AxonEndpoint axon, AxonResult.Outcome outcome, long latencyNanos, boolean answered) {
        trackers.computeIfAbsent(axon, a -> new Tracker()).record(outcome, latencyNanos, answered);
    }

    public Optional<AxonStats> get(AxonEndpoint axon) {
        Tracker t = trackers.get(axon);
        return t == null ? Optional.empty() : Optional.of(t.snapshot());
    }

    /** A snapshot of every axon's record. */
    public Map<AxonEndpoint, AxonStats> snapshot() {
        return trackers.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        Map.Entry::getKey, e -> e.getValue().snapshot()));
    }

    /** Drops an axon's record, e.g. when it leaves the metagraph. */
    public void forget(AxonEndpoint axon) {
        trackers.remove(axon);
    }

    /** Nearest-rank percentile of a sorted, non-empty array. */
    static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
