package org.tao4j.cli;

/** An error caused by the user's input: printed as one line, never with a stack trace. */
public final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public UserError(String message) {
        this(message, ExitCodes.USAGE);
    }

    public UserError(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
