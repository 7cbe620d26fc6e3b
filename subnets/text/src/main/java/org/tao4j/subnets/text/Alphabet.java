package org.tao4j.subnets.text;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * The 36 symbols miners predict over: space, the 26 lower-case letters and
 * {@code . , ; : ! ? ' " -}. A small alphabet keeps a distribution per position cheap to send and
 * the n-gram tables compact, and still leaves the text readable.
 *
 * <p>{@link #normalise} maps any text onto it: accents are stripped (é to e), letters lower-cased,
 * curly quotes made straight, en and em dashes become {@code -}, every run of whitespace (newlines
 * included) becomes one space, and anything else (digits, brackets, {@code *}, {@code $}, ...) is
 * dropped.
 */
public final class Alphabet {
    public static final String SYMBOLS = " abcdefghijklmnopqrstuvwxyz.,;:!?'\"-";
    public static final int SIZE = SYMBOLS.length();
    public static final int SPACE = 0;

    private static final byte[] INDEX = new byte[128];

    static {
        Arrays.fill(INDEX, (byte) -1);
        for (int i = 0; i < SIZE; i++) {
            INDEX[SYMBOLS.charAt(i)] = (byte) i;
        }
    }

    private Alphabet() {}

    /** The symbol's index, 0 to {@link #SIZE} - 1, or -1 if {@code c} is not in the alphabet. */
    public static int indexOf(char c) {
        return c < 128 ? INDEX[c] : -1;
    }

    public static char symbol(int index) {
        return SYMBOLS.charAt(index);
    }

    /** Whether every character of {@code text} is in the alphabet. */
    public static boolean contains(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code text} as symbol indices. @throws IllegalArgumentException on a character outside the alphabet */
    public static byte[] encode(String text) {
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            int s = indexOf(text.charAt(i));
            if (s < 0) {
                throw new IllegalArgumentException("not in the alphabet: '" + text.charAt(i) + "' at " + i);
            }
            out[i] = (byte) s;
        }
        return out;
    }

    /** Maps {@code text} onto the alphabet as described in the class comment. */
    public static String normalise(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean pendingSpace = false;
        for (int i = 0; i < decomposed.length(); i++) {
            char c = map(decomposed.charAt(i));
            if (c == ' ') {
                pendingSpace = true;
            } else if (c != 0) {
                if (pendingSpace && !out.isEmpty()) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The alphabet symbol for {@code c}, ' ' for whitespace, or 0 to drop it. */
    private static char map(char c) {
        switch (c) {
            case '\u2018', '\u2019', '\u02bc' -> {
                return '\'';
            }
            case '\u201c', '\u201d' -> {
                return '"';
            }
            case '\u2013', '\u2014' -> {
                return '-';
            }
            default -> {
                if (Character.isWhitespace(c)) {
                    return ' ';
                }
                char lower = Character.toLowerCase(c);
                return indexOf(lower) > 0 ? lower : 0; // index 0 is the space, handled above
            }
        }
    }
}
