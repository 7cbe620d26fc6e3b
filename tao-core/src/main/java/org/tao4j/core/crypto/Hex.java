package org.tao4j.core.crypto;

import java.util.HexFormat;

/**
 * {@code 0x}-prefixed lowercase hex, the form Substrate tooling prints hashes and keys in.
 * Public because account and storage code format the same values the same way.
 */
public final class Hex {
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {}

    /** {@code 0x} followed by two lowercase digits per byte; {@code "0x"} for an empty array. */
    public static String toHex(byte[] bytes) {
        return "0x" + LOWER.formatHex(bytes);
    }

    /**
     * Parses hex with an optional {@code 0x}/{@code 0X} prefix, either case.
     *
     * @throws IllegalArgumentException naming the problem (odd length, bad digit) in one line
     */
    public static byte[] fromHex(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("hex string is null");
        }
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("hex string has an odd number of digits (" + digits.length() + ")");
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0) {
                // report the position in the caller's string, prefix included, so it can be found
                throw new IllegalArgumentException("bad hex digit '" + printable(digits.charAt(i)) + "' at index "
                        + (i + hex.length() - digits.length()));
            }
        }
        return LOWER.parseHex(digits);
    }

    /** As {@link #fromHex(String)}, but also insists on exactly {@code length} bytes. */
    public static byte[] fromHex(String hex, int length) {
        byte[] bytes = fromHex(hex);
        if (bytes.length != length) {
            throw new IllegalArgumentException("expected " + length + " bytes of hex, got " + bytes.length);
        }
        return bytes;
    }

    // keeps error messages on one line even when the input holds control characters
    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }
}
