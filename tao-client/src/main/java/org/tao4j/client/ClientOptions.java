package org.tao4j.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link TaoClient} connects, waits and reconnects. Start from {@link #defaults()} and change
 * what you need with the {@code with*} methods.
 *
 * @param connectTimeout the longest a connection attempt may take (TCP + WebSocket handshake); default 5 s
 * @param callTimeout the default time a call waits for its response; default 30 s
 * @param backoffMin the first reconnect delay; default 100 ms
 * @param backoffMax the largest reconnect delay; default 5 s
 * @param jitterSeed the seed of the reconnect jitter ({@link Backoff}): fix it for reproducible delays;
 *     {@link #defaults()} picks a random one so that many clients do not reconnect in lockstep
 * @param maxReconnectAttempts give up after this many failed attempts in a row (-1: never give up;
 *     0: do not reconnect at all); giving up fails pending calls and ends subscriptions
 * @param pingInterval a WebSocket silent for this long is pinged; when nothing at all comes back within
 *     another interval the connection is considered dropped (half-open TCP) and replaced;
 *     {@link Duration#ZERO} turns pinging off; default 15 s
 */
public record ClientOptions(
        Duration connectTimeout,
        Duration callTimeout,
        Duration backoffMin,
        Duration backoffMax,
        long jitterSeed,
        int maxReconnectAttempts,
        Duration pingInterval) {

    public ClientOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(backoffMin, "backoffMin");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(pingInterval, "pingInterval");
        if (!connectTimeout.isPositive() || !callTimeout.isPositive()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (!backoffMin.isPositive() || backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException(
                    "backoff needs 0 < backoffMin <= backoffMax, got " + backoffMin + ", " + backoffMax);
        }
        if (maxReconnectAttempts < -1) {
            throw new IllegalArgumentException("maxReconnectAttempts is -1 (unlimited) or at least 0");
        }
        if (pingInterval.isNegative()) {
            throw new IllegalArgumentException("pingInterval must not be negative");
        }
    }

    public static ClientOptions defaults() {
        return new ClientOptions(
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofMillis(100),
                Duration.ofSeconds(5),
                new java.util.Random().nextLong(),
                -1,
                Duration.ofSeconds(15));
    }

    public ClientOptions withConnectTimeout(Duration d) {
        return new ClientOptions(
                d, callTimeout, backoffMin, backoffMax, jitterSeed, maxReconnectAttempts, pingInterval);
    }

    public ClientOptions withCallTimeout(Duration d) {
        return new ClientOptions(
                connectTimeout, d, backoffMin, backoffMax, jitterSeed, maxReconnectAttempts, pingInterval);
    }

    public ClientOptions withBackoff(Duration min, Duration max) {
        return new ClientOptions(connectTimeout, callTimeout, min, max, jitterSeed, maxReconnectAttempts, pingInterval);
    }

    public ClientOptions withJitterSeed(long seed) {
        return new ClientOptions(
                connectTimeout, callTimeout, backoffMin, backoffMax, seed, maxReconnectAttempts, pingInterval);
    }

    public ClientOptions withMaxReconnectAttempts(int n) {
        return new ClientOptions(connectTimeout, callTimeout, backoffMin, backoffMax, jitterSeed, n, pingInterval);
    }

    public ClientOptions withPingInterval(Duration d) {
        return new ClientOptions(
                connectTimeout, callTimeout, backoffMin, backoffMax, jitterSeed, maxReconnectAttempts, d);
    }
}
