package org.tao4j.sdk.axon;

import java.time.Duration;

/**
 * What a handler knows about the request it serves, beyond its payload.
 *
 * @param uuid the dendrite lane the request came on
 * @param nonce the request nonce, in epoch nanoseconds
 * @param priority what the priority hook gave it
 * @param deadlineNanos the server-side deadline on the {@link System#nanoTime()} scale
 */
public record RequestContext(Caller caller, String uuid, long nonce, double priority, long deadlineNanos) {
    /** Time left before the axon answers 408 on this handler's behalf (negative once passed). */
    public Duration remaining() {
        return Duration.ofNanos(deadlineNanos - System.nanoTime());
    }

    public boolean expired() {
        return deadlineNanos - System.nanoTime() <= 0;
    }
}
