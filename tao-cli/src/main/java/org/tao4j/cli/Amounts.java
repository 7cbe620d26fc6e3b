package org.tao4j.cli;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Parsing and showing TAO amounts. */
public final class Amounts {

    public static final long RAO_PER_TAO = 1_000_000_000L;

    private Amounts() {}

    /** "12.5" TAO → rao; with {@code rao} the text is already whole rao. Rejects negatives, junk, more than 9 decimals. */
    public static long parse(String text, boolean rao, String what) {
        if (text == null || text.isBlank()) {
            throw new UserError(what + " is missing: give an amount in TAO such as 1.5");
        }
        String t = text.strip();
        if (t.startsWith("τ")) {
            t = t.substring(1);
        }
        BigDecimal d;
        try {
            d = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new UserError(what + " '" + text + "' is not a number; give an amount in TAO such as 1.5"
                    + (rao ? " (whole rao with --rao)" : ""));
        }
        if (d.signum() < 0) {
            throw new UserError(what + " '" + text + "' is negative; give a positive amount");
        }
        if (d.signum() == 0) {
            throw new UserError(what + " must be greater than zero");
        }
        BigDecimal r = rao ? d : d.movePointRight(9);
        BigInteger v;
        try {
            v = r.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new UserError(what + " '" + text + "' has more than " + (rao ? "0" : "9")
                    + " decimals; 1 rao = 0.000000001 TAO is the smallest unit");
        }
        if (v.bitLength() > 63) {
            throw new UserError(what + " '" + text + "' is larger than the total supply");
        }
        return v.longValueExact();
    }

    public static String show(long rao, boolean raw) {
        return raw ? Long.toUnsignedString(rao) + " rao" : Tao.format(rao);
    }
}
