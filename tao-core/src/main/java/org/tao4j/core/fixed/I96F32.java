package org.tao4j.core.fixed;

import java.math.BigInteger;

/**
 * Signed fixed-point number with 96 integer and 32 fraction bits ({@code substrate_fixed} I96F32),
 * used to turn shares into rao amounts and for the halving schedule (docs/spec/yuma.md §1, §4).
 *
 * <p>Held as its 128-bit two's-complement bits in a {@link BigInteger}; operations saturate at the
 * signed 128-bit range.
 */
public record I96F32(BigInteger bits) implements Comparable<I96F32> {

    public static final int FRAC_BITS = 32;
    static final int TOTAL_BITS = 128;

    public static final I96F32 ZERO = new I96F32(BigInteger.ZERO);
    public static final I96F32 ONE = new I96F32(BigInteger.ONE.shiftLeft(FRAC_BITS));
    public static final I96F32 MAX = new I96F32(FixedMath.maxOf(TOTAL_BITS));
    public static final I96F32 MIN = new I96F32(FixedMath.minOf(TOTAL_BITS));

    public I96F32 {
        if (bits == null || !FixedMath.fits(bits, TOTAL_BITS)) {
            throw new IllegalArgumentException("I96F32 bits out of the signed 128-bit range");
        }
    }

    public static I96F32 ofBits(BigInteger bits) {
        return new I96F32(bits);
    }

    public static I96F32 fromLong(long n) {
        return new I96F32(BigInteger.valueOf(n).shiftLeft(FRAC_BITS));
    }

    /** An unsigned 64-bit integer (as Rust's u64) read from the raw long bits. */
    public static I96F32 fromU64(long unsigned) {
        return new I96F32(new BigInteger(Long.toUnsignedString(unsigned)).shiftLeft(FRAC_BITS));
    }

    public static I96F32 fromI32F32(I32F32 x) {
        return new I96F32(BigInteger.valueOf(x.bits()));
    }

    public static I96F32 fromDouble(double v) {
        return new I96F32(FixedMath.doubleToBig(v, FRAC_BITS, TOTAL_BITS));
    }

    public I96F32 add(I96F32 o) {
        return new I96F32(FixedMath.saturate(bits.add(o.bits), TOTAL_BITS));
    }

    public I96F32 sub(I96F32 o) {
        return new I96F32(FixedMath.saturate(bits.subtract(o.bits), TOTAL_BITS));
    }

    public I96F32 mul(I96F32 o) {
        return new I96F32(FixedMath.saturate(FixedMath.mulFloor(bits, o.bits, FRAC_BITS), TOTAL_BITS));
    }

    /** Truncating division; null when dividing by zero or on overflow (the reference's checked_div). */
    public I96F32 checkedDiv(I96F32 o) {
        if (o.bits.signum() == 0) {
            return null;
        }
        BigInteger q = FixedMath.divTrunc(bits, o.bits, FRAC_BITS);
        return FixedMath.fits(q, TOTAL_BITS) ? new I96F32(q) : null;
    }

    /** The reference's {@code safe_div}: 0 on division by zero or overflow. */
    public I96F32 safeDiv(I96F32 o) {
        I96F32 q = checkedDiv(o);
        return q == null ? ZERO : q;
    }

    /** The ported {@code substrate_fixed} log2; null when this value is not positive. */
    public I96F32 log2() {
        BigInteger r = FixedMath.log2(bits, FRAC_BITS);
        return r == null ? null : new I96F32(FixedMath.saturate(r, TOTAL_BITS));
    }

    public I96F32 floor() {
        return new I96F32(bits.shiftRight(FRAC_BITS).shiftLeft(FRAC_BITS));
    }

    /** Floor to an integer, clamped to [0, 2^64 - 1], returned as the raw bits of a u64. */
    public long toU64Saturating() {
        BigInteger v = bits.shiftRight(FRAC_BITS);
        if (v.signum() < 0) {
            return 0;
        }
        if (v.bitLength() > 64) {
            return -1L;
        }
        return v.longValue();
    }

    @Override
    public int compareTo(I96F32 o) {
        return bits.compareTo(o.bits);
    }

    @Override
    public String toString() {
        return FixedMath.toDecimalString(bits, FRAC_BITS);
    }
}
