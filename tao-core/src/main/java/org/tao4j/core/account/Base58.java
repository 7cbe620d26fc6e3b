package org.tao4j.core.account;

import java.io.ByteArrayOutputStream;

/**
 * Base58 with the Bitcoin alphabet, as SS58 uses: no checksum here (SS58 adds its own).
 * Leading zero bytes map to leading '1's and back. Quadratic in the input length, which is
 * fine for addresses; callers bound the length of untrusted input first.
 */
final class Base58 {
    static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int[] INDEXES = new int[128];

    static {
        java.util.Arrays.fill(INDEXES, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            INDEXES[ALPHABET.charAt(i)] = i;
        }
    }

    private Base58() {}

    static String encode(byte[] input) {
        int zeros = 0;
        while (zeros < input.length && input[zeros] == 0) {
            zeros++;
        }
        // base-58 digits, least significant first; log(256)/log(58) < 1.37 digits per byte
        byte[] digits = new byte[input.length * 137 / 100 + 1];
        int used = 0;
        for (int i = zeros; i < input.length; i++) {
            int carry = input[i] & 0xff;
            for (int j = 0; j < used; j++) {
                carry += (digits[j] & 0xff) << 8;
                digits[j] = (byte) (carry % 58);
                carry /= 58;
            }
            while (carry > 0) {
                digits[used++] = (byte) (carry % 58);
                carry /= 58;
            }
        }
        StringBuilder sb = new StringBuilder(zeros + used);
        sb.append("1".repeat(zeros));
        for (int j = used - 1; j >= 0; j--) {
            sb.append(ALPHABET.charAt(digits[j]));
        }
        return sb.toString();
    }

    /** @throws IllegalArgumentException "bad base58 character 'c' at index i" */
    static byte[] decode(String input) {
        checkAlphabet(input);
        int zeros = 0;
        while (zeros < input.length() && input.charAt(zeros) == '1') {
            zeros++;
        }
        // base-256 digits, least significant first
        byte[] bytes = new byte[input.length()];
        int used = 0;
        for (int i = zeros; i < input.length(); i++) {
            int carry = INDEXES[input.charAt(i)];
            for (int j = 0; j < used; j++) {
                carry += (bytes[j] & 0xff) * 58;
                bytes[j] = (byte) carry;
                carry >>>= 8;
            }
            while (carry > 0) {
                bytes[used++] = (byte) carry;
                carry >>>= 8;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(zeros + used);
        for (int i = 0; i < zeros; i++) {
            out.write(0);
        }
        for (int j = used - 1; j >= 0; j--) {
            out.write(bytes[j]);
        }
        return out.toByteArray();
    }

    /** Linear check, so that a bad character is reported before any quadratic work or length check. */
    static void checkAlphabet(String input) {
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c >= 128 || INDEXES[c] < 0) {
                throw new IllegalArgumentException("bad base58 character '" + printable(c) + "' at index " + i);
            }
        }
    }

    static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }
}
