package org.tao4j.wallet;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where a password comes from. On purpose there is no way to build one from a command-line
 * argument or an environment variable: those leak into shell history, {@code ps} output and
 * crash reports. The two real sources are a file ({@code --password-file FILE}) and the terminal
 * without echo.
 *
 * <p>Every call returns a fresh array that the caller owns and must clear
 * ({@code Arrays.fill(pw, '\0')}) when done.
 */
public interface PasswordSource {
    /**
     * A password to open an existing key.
     *
     * @param prompt what the password is for, shown by interactive sources
     * @throws WalletException {@code NO_PASSWORD} when none can be obtained
     */
    char[] password(String prompt);

    /**
     * A new password to protect a key. Interactive sources ask twice and compare; a file gives
     * its first line, as for {@link #password(String)}.
     */
    default char[] newPassword(String prompt) {
        return password(prompt);
    }

    /**
     * How many times a wrong password may be entered before unlocking gives up: 3 for the terminal
     * (a typo should not end the command), 1 for every other source, whose answer would not change.
     */
    default int attempts() {
        return 1;
    }

    /** Told that the password just given was wrong and another attempt follows; the terminal says so. */
    default void wrongPassword(int attemptsLeft) {}

    /**
     * The first line of {@code file} (without its line ending), read on every call. Warns through
     * {@code warnings}, once per source, when other users can read the file, but still uses it:
     * refusing would only push people to worse places to keep a password. The warning is a bare
     * sentence; the caller adds its own prefix (the CLI prints "warning: ").
     */
    static PasswordSource file(Path file, Consumer<String> warnings) {
        return new FilePasswordSource(
                Objects.requireNonNull(file, "file"), Objects.requireNonNull(warnings, "warnings"));
    }

    /** The terminal, with echo off ({@link java.io.Console#readPassword}). */
    static PasswordSource console() {
        return new ConsolePasswordSource();
    }

    /**
     * A fixed password, for tests and for programs embedding the wallet that obtained the password
     * themselves. Copies {@code password}, so the caller may clear its array. Command-line code
     * must not build one from an argument.
     */
    static PasswordSource fixed(char[] password) {
        char[] copy = Objects.requireNonNull(password, "password").clone();
        return prompt -> copy.clone();
    }
}
