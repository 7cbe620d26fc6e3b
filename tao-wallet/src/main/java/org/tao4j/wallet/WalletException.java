package org.tao4j.wallet;

import java.util.Objects;

/**
 * A wallet or keyfile operation failed for a reason the user can act on. The message is one
 * line, meant to be shown as is (never with a stack trace); {@link #reason()} lets the command
 * line choose an exit code or a hint without parsing the text.
 */
public final class WalletException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, coarsely. */
    public enum Reason {
        /** The password did not open an intact encrypted keyfile. */
        WRONG_PASSWORD,
        /** A keyfile or public key file is damaged, truncated, edited or not a keyfile at all. */
        CORRUPTED,
        /** A well-formed file in a format or version this build cannot read. */
        UNSUPPORTED,
        /** A key already exists and replacing it was not asked for. */
        ALREADY_EXISTS,
        /** The wallet, key or file does not exist. */
        NOT_FOUND,
        /** A wallet or hotkey name that is not allowed. */
        INVALID_NAME,
        /** No password could be obtained (no terminal, empty or unreadable password file). */
        NO_PASSWORD,
        /** The file system refused (permissions, full disk, ...). */
        IO
    }

    private final Reason reason;

    public WalletException(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public WalletException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
