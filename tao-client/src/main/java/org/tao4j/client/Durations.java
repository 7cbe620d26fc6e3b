package org.tao4j.client;

import java.time.Duration;

/** Short human forms of durations for messages: "250 ms", "5 s". */
final class Durations {

    private Durations() {}

    static String text(Duration d) {
        long ms = d.toMillis();
        if (ms < 1_000 || ms % 1_000 != 0) {
            return ms + " ms";
        }
        return (ms / 1_000) + " s";
    }
}
