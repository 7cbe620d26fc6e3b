package org.tao4j.conformance;

/**
 * A scenario file that cannot be read or breaks a rule of docs/spec/yuma-scenario.md. The message is
 * one line naming the file or the JSON path of the first problem, e.g.
 * {@code steps[4].set_weights.dests[2]: uid 9 >= n (8)}; it carries no stack trace.
 */
public final class ScenarioFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ScenarioFormatException(String message) {
        super(message, null, false, false);
    }
}
