package org.tao4j.wallet;

import java.io.Console;
import java.util.Arrays;

/** Asks on the terminal with echo off. */
final class ConsolePasswordSource implements PasswordSource {
    private static final int NEW_PASSWORD_ATTEMPTS = 3;
    static final int UNLOCK_ATTEMPTS = 3;

    @Override
    public int attempts() {
        return UNLOCK_ATTEMPTS;
    }

    @Override
    public void wrongPassword(int attemptsLeft) {
        console().printf("Wrong password; %d %s left.%n", attemptsLeft, attemptsLeft == 1 ? "try" : "tries");
    }

    @Override
    public char[] password(String prompt) {
        return read(prompt);
    }

    @Override
    public char[] newPassword(String prompt) {
        for (int attempt = 1; attempt <= NEW_PASSWORD_ATTEMPTS; attempt++) {
            char[] first = read(prompt);
            char[] second = read("Repeat it: ");
            boolean same = Arrays.equals(first, second);
            Arrays.fill(second, '\0');
            if (same) {
                return first;
            }
            Arrays.fill(first, '\0');
            console().printf("The passwords do not match.%n");
        }
        throw new WalletException(
                WalletException.Reason.NO_PASSWORD,
                "the passwords did not match " + NEW_PASSWORD_ATTEMPTS + " times; nothing was changed");
    }

    private static char[] read(String prompt) {
        // "%s": the prompt is text, not a format string
        char[] pw = console().readPassword("%s", prompt);
        if (pw == null) {
            throw new WalletException(WalletException.Reason.NO_PASSWORD, "no password entered (end of input)");
        }
        return pw;
    }

    private static Console console() {
        Console c = System.console();
        if (c == null) {
            throw new WalletException(
                    WalletException.Reason.NO_PASSWORD,
                    "no terminal to ask for a password on; use --password-file FILE");
        }
        return c;
    }
}
