package org.tao4j.core.fixed;

import java.math.BigInteger;

/**
 * Signed fixed-point number with 32 integer and 32 fraction bits, bit-compatible with
 * {@code substrate_fixed::types::I32F32} as the reference chain uses it (docs/spec/yuma.md §1).
 *
 * <p>The record wraps the raw two's-complement bits. Hot loops in the epoch work on {@code long[]}
 * of raw bits through the static {@code *Bits} operations, which are the single source of truth;
 * the instance methods delegate to them.
 *
 * <p>Consensus code: no {@code double} except in the explicitly named, non-consensus
 * {@link #fromDouble(double)} / {@link #toDouble()} used by tests and displays.
 */
public record I32F32(long bits) implements Comparable<I32F32> {

    public static final int FRAC_BITS = 32;
    public static final long ONE_BITS = 1L << FRAC_BITS;
    public static final long MAX_BITS = Long.MAX_VALUE;
    public static final long MIN_BITS = Long.MIN_VALUE;

    public static final I32F32 ZERO = new I32F32(0);
    public static final I32F32 ONE = new I32F32(ONE_BITS);
    public static final I32F32 MAX = new I32F32(MAX_BITS);
    public static final I32F32 MIN = new I32F32(MIN_BITS);

    // ---------------------------------------------------------------- construction

    public static I32F32 ofBits(long bits) {
        return new I32F32(bits);
    }

    /** An integer, saturating at the type's range (the integer part is 32 bits signed). */
    public static I32F32 fromInt(long n) {
        return new I32F32(fromIntBits(n));
    }

    public static long fromIntBits(long n) {
        if (n > Integer.MAX_VALUE) {
            return MAX_BITS;
        }
        if (n < Integer.MIN_VALUE) {
            return MIN_BITS;
        }
        return n << FRAC_BITS;
    }

    /** Round-to-nearest (ties to even, as IEEE→fixed conversion does); tests and displays only. */
    public static I32F32 fromDouble(double v) {
        return new I32F32(FixedMath.doubleToBits(v, FRAC_BITS, 64));
    }

    /** Non-consensus: for display only. */
    public double toDouble() {
        return bits / (double) ONE_BITS;
    }

    // ---------------------------------------------------------------- arithmetic on raw bits

    public static long addBits(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return a < 0 ? MIN_BITS : MAX_BITS;
        }
        return r;
    }

    public static long subBits(long a, long b) {
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            return a < 0 ? MIN_BITS : MAX_BITS;
        }
        return r;
    }

    /** Full 128-bit product, arithmetic shift right by 32 (floor), saturating. */
    public static long mulBits(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        if (hi >= (1L << 31) || hi < -(1L << 31)) {
            return hi < 0 ? MIN_BITS : MAX_BITS;
        }
        return (hi << 32) | (lo >>> 32);
    }

    /** As {@link #mulBits} but throws {@link ArithmeticException} instead of saturating. */
    public static long checkedMulBits(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        if (hi >= (1L << 31) || hi < -(1L << 31)) {
            throw new ArithmeticException("I32F32 multiplication overflow");
        }
        return (hi << 32) | ((a * b) >>> 32);
    }

    public static long checkedAddBits(long a, long b) {
        return Math.addExact(a, b);
    }

    /**
     * The magnitude of {@code (a << 32) / b} (b != 0), floored, as an unsigned long; all ones when it
     * is 2^64 or more. Exact 128-by-64-bit division on longs: the same integer quotient as BigInteger
     * without allocating, because the epoch divides once per weight entry.
     */
    private static long quotientMagnitude(long a, long b) {
        long ua = a < 0 ? -a : a; // as unsigned: |Long.MIN_VALUE| = 2^63
        long ub = b < 0 ? -b : b;
        long hi = ua >>> (64 - FRAC_BITS);
        long lo = ua << FRAC_BITS;
        if (Long.compareUnsigned(hi, ub) >= 0) {
            return -1L;
        }
        return divideUnsigned128(hi, lo, ub);
    }

    /** True when a quotient of this magnitude and sign does not fit in a signed long. */
    private static boolean overflows(long magnitude, boolean negative) {
        return negative ? Long.compareUnsigned(magnitude, Long.MIN_VALUE) > 0 : magnitude < 0;
    }

    /**
     * floor((u1 * 2^64 + u0) / v) for unsigned 64-bit words with u1 < v (Knuth's algorithm D for two
     * words by one, as in Hacker's Delight {@code divlu}).
     */
    public static long divideUnsigned128(long u1, long u0, long v) {
        final long base = 1L << 32;
        int s = Long.numberOfLeadingZeros(v);
        v <<= s;
        long vn1 = v >>> 32;
        long vn0 = v & 0xFFFFFFFFL;
        long un32 = s == 0 ? u1 : (u1 << s) | (u0 >>> (64 - s));
        long un10 = u0 << s;
        long un1 = un10 >>> 32;
        long un0 = un10 & 0xFFFFFFFFL;
        long q1 = Long.divideUnsigned(un32, vn1);
        long rhat = un32 - q1 * vn1;
        while (Long.compareUnsigned(q1, base) >= 0 || Long.compareUnsigned(q1 * vn0, base * rhat + un1) > 0) {
            q1--;
            rhat += vn1;
            if (Long.compareUnsigned(rhat, base) >= 0) {
                break;
            }
        }
        long un21 = un32 * base + un1 - q1 * v;
        long q0 = Long.divideUnsigned(un21, vn1);
        rhat = un21 - q0 * vn1;
        while (Long.compareUnsigned(q0, base) >= 0 || Long.compareUnsigned(q0 * vn0, base * rhat + un0) > 0) {
            q0--;
            rhat += vn1;
            if (Long.compareUnsigned(rhat, base) >= 0) {
                break;
            }
        }
        return q1 * base + q0;
    }

    /**
     * {@code (a << 32) / b}, truncating toward zero. Throws {@link ArithmeticException} when b = 0
     * or the quotient does not fit.
     */
    public static long checkedDivBits(long a, long b) {
        if (b == 0) {
            throw new ArithmeticException("I32F32 division by zero");
        }
        if (a > Integer.MIN_VALUE && a <= Integer.MAX_VALUE) {
            // a << 32 fits in 64 bits and is not Long.MIN_VALUE; Java's division truncates toward zero
            return (a << FRAC_BITS) / b;
        }
        boolean negative = (a < 0) != (b < 0);
        long m = quotientMagnitude(a, b);
        if (overflows(m, negative)) {
            throw new ArithmeticException("I32F32 division overflow");
        }
        return negative ? -m : m;
    }

    /** The reference's {@code safe_div}: 0 when b = 0 or when the quotient overflows. */
    public static long safeDivBits(long a, long b) {
        if (b == 0) {
            return 0;
        }
        if (a > Integer.MIN_VALUE && a <= Integer.MAX_VALUE) {
            return (a << FRAC_BITS) / b;
        }
        boolean negative = (a < 0) != (b < 0);
        long m = quotientMagnitude(a, b);
        if (overflows(m, negative)) {
            return 0;
        }
        return negative ? -m : m;
    }

    /** Saturating division (b = 0 saturates by the sign of a, 0/0 = 0). */
    public static long saturatingDivBits(long a, long b) {
        if (b == 0) {
            return a == 0 ? 0 : (a > 0 ? MAX_BITS : MIN_BITS);
        }
        if (a > Integer.MIN_VALUE && a <= Integer.MAX_VALUE) {
            return (a << FRAC_BITS) / b;
        }
        boolean negative = (a < 0) != (b < 0);
        long m = quotientMagnitude(a, b);
        if (overflows(m, negative)) {
            return negative ? MIN_BITS : MAX_BITS;
        }
        return negative ? -m : m;
    }

    /** Floor to an integer (arithmetic shift). */
    public static long floorToLong(long bits) {
        return bits >> FRAC_BITS;
    }

    /** Round to the nearest integer value (still in fixed point), halves away from zero; saturating. */
    public static long roundBits(long bits) {
        long half = 1L << (FRAC_BITS - 1);
        long mask = ~(ONE_BITS - 1);
        if (bits >= 0) {
            long r = bits + half;
            return r < 0 ? (MAX_BITS & mask) : (r & mask);
        }
        if (bits == MIN_BITS) {
            return MIN_BITS;
        }
        long r = (-bits) + half;
        return r < 0 ? MIN_BITS : -(r & mask);
    }

    /** {@code saturating_to_num::<u16>}: floor, clamped to [0, 65535]. */
    public static int toU16Saturating(long bits) {
        long v = bits >> FRAC_BITS;
        if (v < 0) {
            return 0;
        }
        return v > 65535 ? 65535 : (int) v;
    }

    /** {@code saturating_to_num::<u64>}: floor, clamped to [0, Long.MAX] (negative becomes 0). */
    public static long toU64Saturating(long bits) {
        long v = bits >> FRAC_BITS;
        return v < 0 ? 0 : v;
    }

    /** docs/spec/yuma.md §1 "to u16": floor(x * 65535) in I32F32, clamped to [0, 65535]. */
    public static int proportionToU16(long bits) {
        return toU16Saturating(mulBits(bits, 65535L << FRAC_BITS));
    }

    /** u16 / 65535 with the safe division. */
    public static long u16ProportionBits(int u16) {
        return safeDivBits((long) u16 << FRAC_BITS, 65535L << FRAC_BITS);
    }

    // ---------------------------------------------------------------- instance API

    public I32F32 add(I32F32 o) {
        return new I32F32(addBits(bits, o.bits));
    }

    public I32F32 sub(I32F32 o) {
        return new I32F32(subBits(bits, o.bits));
    }

    public I32F32 mul(I32F32 o) {
        return new I32F32(mulBits(bits, o.bits));
    }

    public I32F32 checkedMul(I32F32 o) {
        return new I32F32(checkedMulBits(bits, o.bits));
    }

    public I32F32 checkedDiv(I32F32 o) {
        return new I32F32(checkedDivBits(bits, o.bits));
    }

    public I32F32 safeDiv(I32F32 o) {
        return new I32F32(safeDivBits(bits, o.bits));
    }

    public I32F32 saturatingDiv(I32F32 o) {
        return new I32F32(saturatingDivBits(bits, o.bits));
    }

    public I32F32 negate() {
        return new I32F32(subBits(0, bits));
    }

    public I32F32 round() {
        return new I32F32(roundBits(bits));
    }

    public I32F32 floor() {
        return new I32F32(bits & ~(ONE_BITS - 1));
    }

    public long floorToLong() {
        return floorToLong(bits);
    }

    public int toU16() {
        return toU16Saturating(bits);
    }

    public int toU16Proportion() {
        return proportionToU16(bits);
    }

    public I32F32 min(I32F32 o) {
        return bits <= o.bits ? this : o;
    }

    public I32F32 max(I32F32 o) {
        return bits >= o.bits ? this : o;
    }

    public I32F32 clamp(I32F32 lo, I32F32 hi) {
        return min(hi).max(lo);
    }

    public boolean isZero() {
        return bits == 0;
    }

    public I64F64 toI64F64() {
        return I64F64.fromI32F32(this);
    }

    public I96F32 toI96F32() {
        return I96F32.ofBits(BigInteger.valueOf(bits));
    }

    @Override
    public int compareTo(I32F32 o) {
        return Long.compare(bits, o.bits);
    }

    @Override
    public String toString() {
        return FixedMath.toDecimalString(BigInteger.valueOf(bits), FRAC_BITS);
    }
}
