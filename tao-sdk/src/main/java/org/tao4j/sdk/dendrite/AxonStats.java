package org.tao4j.sdk.dendrite;

import java.time.Duration;
import java.time.Instant;

/**
 * One axon's record as a dendrite saw it: counts by outcome, and latency over the answers it
 * got (timeouts and unreachable calls have no latency worth averaging).
 *
 * @param ewmaLatency exponentially weighted mean latency (α = 0.2); null before any answer
 * @param p50 median over the last 128 answers; null before any answer
 * @param p99 99th percentile over the last 128 answers; null before any answer
 */
public record AxonStats(
        long requests,
        long successes,
        long timeouts,
        long unreachable,
        long rejected,
        long invalid,
        long failed,
        long consecutiveFailures,
        Duration ewmaLatency,
        Duration p50,
        Duration p99,
        AxonResult.Outcome lastOutcome,
        Instant lastAt) {
    /** Failures over requests; 0 before any request. */
    public double failureRate() {
        return requests == 0 ? 0.0 : (double) (requests - successes) / requests;
    }
}
