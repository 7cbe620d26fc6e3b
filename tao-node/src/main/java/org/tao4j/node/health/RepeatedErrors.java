package org.tao4j.node.health;

import java.util.Objects;
import org.slf4j.Logger;

/**
 * Logs a failure that may repeat every block once per interval, not once per block: the first one
 * with its stack trace, an identical one (same message) again only after {@link #INTERVAL_NANOS},
 * saying how many were suppressed in between. Thread-safe.
 */
public final class RepeatedErrors {

    /** Identical errors are logged at most once per this interval (10 s). */
    public static final long INTERVAL_NANOS = 10_000_000_000L;

    private final Logger log;
    private String last;
    private long lastLogged;
    private long suppressed;

    public RepeatedErrors(Logger log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Logs {@code what} and the error, unless an identical one was logged within the interval; returns whether it logged. */
    public synchronized boolean error(String what, Throwable t) {
        String key = what + ": " + t;
        long now = System.nanoTime();
        if (key.equals(last) && now - lastLogged < INTERVAL_NANOS) {
            suppressed++;
            return false;
        }
        boolean first = !key.equals(last);
        if (first) {
            if (suppressed > 0) {
                log.error("{} ({} identical error(s) suppressed)", last, suppressed);
            }
            log.error("{}", key, t); // the first time: with its stack trace
        } else {
            log.error(
                    "{} ({} identical error(s) in the last {} s)",
                    key,
                    suppressed + 1,
                    (now - lastLogged) / 1_000_000_000L);
        }
        last = key;
        lastLogged = now;
        suppressed = 0;
        return true;
    }

    /** The failure has stopped: the next one is logged in full. */
    public synchronized void clear() {
        if (last != null && suppressed > 0) {
            log.error("{} ({} identical error(s) suppressed)", last, suppressed);
        }
        last = null;
        suppressed = 0;
    }
}
