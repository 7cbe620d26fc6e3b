package org.tao4j.core.balance;

/**
 * Helpers for amounts in rao, the smallest unit (1 TAO = 10^9 rao). Amounts are held in a
 * {@code long} and must be non-negative: the whole supply, 2.1e16 rao, is far below 2^63, so
 * signed arithmetic with explicit overflow checks is enough and no amount is ever unsigned.
 * Integer arithmetic only, so that every node computes bit-identical balances.
 */
public final class Rao {
    public static final long RAO_PER_TAO = 1_000_000_000L;
    public static final long MAX_SUPPLY = 21_000_000L * RAO_PER_TAO;
    /** Digits after the point in a TAO amount: one per power of ten in {@link #RAO_PER_TAO}. */
    public static final int DECIMALS = 9;

    private static final String SYMBOL = "τ";
    private static final int MAX_QUOTED = 40;

    private Rao() {}

    /** {@code a + b}; throws {@link ArithmeticException} if the sum exceeds {@link Long#MAX_VALUE}. */
    public static long checkedAdd(long a, long b) {
        requireNonNegative(a);
        requireNonNegative(b);
        long sum = a + b;
        if (sum < 0) { // both are non-negative, so overflow shows as a sign flip
            throw new ArithmeticException("rao overflow: " + a + " + " + b + " exceeds " + Long.MAX_VALUE);
        }
        return sum;
    }

    /** {@code a - b}; throws {@link ArithmeticException} if {@code b > a}, as a balance cannot go negative. */
    public static long checkedSub(long a, long b) {
        requireNonNegative(a);
        requireNonNegative(b);
        if (b > a) {
            throw new ArithmeticException("rao underflow: " + a + " - " + b + " is negative");
        }
        return a - b;
    }

    /** {@code "τ12.500000000"} for 12.5 TAO: always all nine decimals, so amounts line up. */
    public static String formatTao(long rao) {
        requireNonNegative(rao);
        String frac = Long.toString(rao % RAO_PER_TAO);
        return SYMBOL + (rao / RAO_PER_TAO) + "." + "0".repeat(DECIMALS - frac.length()) + frac;
    }

    /**
     * Parses a TAO amount such as {@code "12.5"}, {@code "0.000000001"} or {@code "3"} to rao.
     * Accepts an optional leading {@code τ}, so it reads back what {@link #formatTao} writes.
     * Rejects with an {@link IllegalArgumentException} naming the problem: negative amounts,
     * more than nine decimals, anything that is not plain digits with an optional point (no
     * sign, exponent, spaces or separators), and amounts above {@link Long#MAX_VALUE} rao.
     */
    public static long parseTao(String text) {
        if (text == null) {
            throw new IllegalArgumentException("TAO amount is null");
        }
        String s = text.startsWith(SYMBOL) ? text.substring(SYMBOL.length()) : text;
        if (s.startsWith("-")) {
            throw new IllegalArgumentException("negative TAO amount " + quote(text) + " is not allowed");
        }
        int dot = s.indexOf('.');
        String whole = dot < 0 ? s : s.substring(0, dot);
        String frac = dot < 0 ? "" : s.substring(dot + 1);
        if (whole.isEmpty() || !allDigits(whole) || !allDigits(frac) || (dot >= 0 && frac.isEmpty())) {
            throw new IllegalArgumentException("not a TAO amount: " + quote(text)
                    + " (expected digits with an optional '.' and up to 9 decimals, e.g. 12.5)");
        }
        if (frac.length() > DECIMALS) {
            throw new IllegalArgumentException("too many decimals in TAO amount " + quote(text) + ": " + frac.length()
                    + " (at most " + DECIMALS + ", 1 rao = 0.000000001 TAO)");
        }
        try {
            long rao = 0;
            for (int i = 0; i < whole.length(); i++) {
                rao = Math.addExact(Math.multiplyExact(rao, 10), whole.charAt(i) - '0');
            }
            rao = Math.multiplyExact(rao, RAO_PER_TAO);
            long fracRao = frac.isEmpty() ? 0 : Long.parseLong(frac + "0".repeat(DECIMALS - frac.length()));
            return Math.addExact(rao, fracRao);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("TAO amount " + quote(text) + " is too large (at most "
                    + formatTao(Long.MAX_VALUE).substring(SYMBOL.length()) + ")");
        }
    }

    private static void requireNonNegative(long rao) {
        if (rao < 0) {
            throw new IllegalArgumentException("rao amount must not be negative, got " + rao);
        }
    }

    // ASCII only: Character.isDigit would let other scripts' digits through
    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    // one line, bounded length, whatever the user typed
    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(s.length(), MAX_QUOTED);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c != 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return sb.append(s.length() > MAX_QUOTED ? "...\"" : "\"").toString();
    }
}
