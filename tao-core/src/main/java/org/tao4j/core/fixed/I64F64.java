package org.tao4j.core.fixed;

import java.math.BigInteger;

/**
 * Signed fixed-point number with 64 integer and 64 fraction bits ({@code substrate_fixed} I64F64),
 * used for stake normalisation and the bonds moving-average factor (docs/spec/yuma.md §1).
 *
 * <p>The value is held as its 128-bit two's-complement bits in a {@link BigInteger}, always within
 * the signed 128-bit range; every operation saturates at that range.
 */
public record I64F64(BigInteger bits) implements Comparable<I64F64> {

    public static final int FRAC_BITS = 64;
    static final int TOTAL_BITS = 128;

    public static final I64F64 ZERO = new I64F64(BigInteger.ZERO);
    public static final I64F64 ONE = new I64F64(BigInteger.ONE.shiftLeft(FRAC_BITS));
    public static final I64F64 MAX = new I64F64(FixedMath.maxOf(TOTAL_BITS));
    public static final I64F64 MIN = new I64F64(FixedMath.minOf(TOTAL_BITS));

    public I64F64 {
        if (bits == null || !FixedMath.fits(bits, TOTAL_BITS)) {
            throw new IllegalArgumentException("I64F64 bits out of the signed 128-bit range");
        }
    }

    public static I64F64 fromLong(long n) {
        return new I64F64(BigInteger.valueOf(n).shiftLeft(FRAC_BITS));
    }

    /** An unsigned 64-bit integer (as Rust's u64) read from the raw long bits. */
    public static I64F64 fromU64(long unsigned) {
        // saturating_from_num: u64 values >= 2^63 do not fit 64 signed integer bits
        return new I64F64(
                FixedMath.saturate(new BigInteger(Long.toUnsignedString(unsigned)).shiftLeft(FRAC_BITS), TOTAL_BITS));
    }

    public static I64F64 fromI32F32(I32F32 x) {
        return new I64F64(BigInteger.valueOf(x.bits()).shiftLeft(FRAC_BITS - I32F32.FRAC_BITS));
    }

    public static I64F64 fromDouble(double v) {
        return new I64F64(FixedMath.doubleToBig(v, FRAC_BITS, TOTAL_BITS));
    }

    public I64F64 add(I64F64 o) {
        return new I64F64(FixedMath.saturate(bits.add(o.bits), TOTAL_BITS));
    }

    public I64F64 sub(I64F64 o) {
        return new I64F64(FixedMath.saturate(bits.subtract(o.bits), TOTAL_BITS));
    }

    public I64F64 mul(I64F64 o) {
        return new I64F64(FixedMath.saturate(FixedMath.mulFloor(bits, o.bits, FRAC_BITS), TOTAL_BITS));
    }

    /** The reference's {@code safe_div}: 0 on division by zero or overflow; truncates toward zero. */
    public I64F64 safeDiv(I64F64 o) {
        if (o.bits.signum() == 0) {
            return ZERO;
        }
        BigInteger q = FixedMath.divTrunc(bits, o.bits, FRAC_BITS);
        return FixedMath.fits(q, TOTAL_BITS) ? new I64F64(q) : ZERO;
    }

    /** Drops the low 32 fraction bits (floor) and saturates to the I32F32 range (docs/spec/yuma.md §1). */
    public I32F32 toI32F32() {
        BigInteger b = bits.shiftRight(FRAC_BITS - I32F32.FRAC_BITS);
        return I32F32.ofBits(FixedMath.saturate(b, 64).longValue());
    }

    /** Floor to an integer, clamped to [0, 2^64 - 1] and returned as the raw bits of a u64. */
    public long toU64Saturating() {
        BigInteger v = bits.shiftRight(FRAC_BITS);
        if (v.signum() < 0) {
            return 0;
        }
        if (v.bitLength() > 64) {
            return -1L; // u64::MAX
        }
        return v.longValue();
    }

    public boolean isZero() {
        return bits.signum() == 0;
    }

    @Override
    public int compareTo(I64F64 o) {
        return bits.compareTo(o.bits);
    }

    @Override
    public String toString() {
        return FixedMath.toDecimalString(bits, FRAC_BITS);
    }
}
