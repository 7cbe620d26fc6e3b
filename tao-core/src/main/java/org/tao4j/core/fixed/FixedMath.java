package org.tao4j.core.fixed;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Shared helpers for the fixed-point types: wide (BigInteger) arithmetic with explicit
 * fraction bits and saturation bounds, and the conversions to and from text and doubles.
 *
 * <p>We write these by hand rather than use a library because consensus needs the exact
 * rounding of the reference's {@code substrate_fixed} crate (docs/spec/yuma.md §1), which no Java library
 * reproduces.
 */
final class FixedMath {

    private FixedMath() {}

    static BigInteger minOf(int totalBits) {
        return BigInteger.ONE.shiftLeft(totalBits - 1).negate();
    }

    static BigInteger maxOf(int totalBits) {
        return BigInteger.ONE.shiftLeft(totalBits - 1).subtract(BigInteger.ONE);
    }

    static BigInteger saturate(BigInteger v, int totalBits) {
        BigInteger max = maxOf(totalBits);
        if (v.compareTo(max) > 0) {
            return max;
        }
        BigInteger min = minOf(totalBits);
        return v.compareTo(min) < 0 ? min : v;
    }

    static boolean fits(BigInteger v, int totalBits) {
        return v.bitLength() <= totalBits - 1;
    }

    /** Product then arithmetic shift right (floor); BigInteger.shiftRight is floor for negatives. */
    static BigInteger mulFloor(BigInteger a, BigInteger b, int frac) {
        return a.multiply(b).shiftRight(frac);
    }

    /** (a << frac) / b truncating toward zero; b must be non-zero. */
    static BigInteger divTrunc(BigInteger a, BigInteger b, int frac) {
        return a.shiftLeft(frac).divide(b);
    }

    /** Round-to-nearest conversion of a double (tests, displays, scenario helpers; never consensus). */
    static long doubleToBits(double v, int frac, int totalBits) {
        return doubleToBig(v, frac, totalBits).longValue();
    }

    static BigInteger doubleToBig(double v, int frac, int totalBits) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("NaN is not a fixed-point number");
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? maxOf(totalBits) : minOf(totalBits);
        }
        BigInteger r = new BigDecimal(v)
                .multiply(new BigDecimal(BigInteger.ONE.shiftLeft(frac)))
                .setScale(0, RoundingMode.HALF_EVEN)
                .toBigIntegerExact();
        return saturate(r, totalBits);
    }

    /** Exact decimal rendering of a fixed-point value (every binary fraction has a finite decimal form). */
    static String toDecimalString(BigInteger bits, int frac) {
        BigDecimal d = new BigDecimal(bits).divide(new BigDecimal(BigInteger.ONE.shiftLeft(frac)));
        String s = d.stripTrailingZeros().toPlainString();
        return s;
    }

    /**
     * Port of {@code substrate_fixed::transcendental::log2} for a value with {@code frac} fraction
     * bits (docs/spec/yuma.md §1). Returns null when the operand is not positive (the reference's Err).
     */
    static BigInteger log2(BigInteger x, int frac) {
        if (x.signum() <= 0) {
            return null;
        }
        BigInteger one = BigInteger.ONE.shiftLeft(frac);
        if (x.compareTo(one) < 0) {
            BigInteger inverse = divTrunc(one, x, frac);
            return log2Inner(inverse, frac).negate();
        }
        return log2Inner(x, frac);
    }

    private static BigInteger log2Inner(BigInteger operand, int frac) {
        BigInteger one = BigInteger.ONE.shiftLeft(frac);
        BigInteger two = one.shiftLeft(1);
        BigInteger x = operand;
        BigInteger result = BigInteger.ZERO; // counts in raw bits, shifted into place below
        while (x.compareTo(two) >= 0) {
            result = result.add(BigInteger.ONE);
            x = roundingHalve(x);
        }
        if (x.equals(one)) {
            return result.shiftLeft(frac); // D::from_num(result)
        }
        for (int i = 0; i < frac; i++) {
            x = mulFloor(x, x, frac);
            result = result.shiftLeft(1);
            if (x.compareTo(two) >= 0) {
                result = result.or(BigInteger.ONE);
                x = roundingHalve(x);
            }
        }
        return result;
    }

    /** The reference's {@code rs}: right shift by one with round-half-up, (x >> 1) + (x & 1). */
    private static BigInteger roundingHalve(BigInteger x) {
        return x.shiftRight(1).add(x.and(BigInteger.ONE));
    }
}
