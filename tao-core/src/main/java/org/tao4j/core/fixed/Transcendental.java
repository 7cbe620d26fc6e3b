package org.tao4j.core.fixed;

import java.math.BigInteger;

/**
 * Ports of the reference's {@code substrate_fixed::transcendental} functions, bit for bit
 * (docs/spec/yuma.md §1). Hand-written on purpose: consensus needs the reference's exact series and rounding.
 */
public final class Transcendental {

    /** e as the reference stores it: an I9F23 constant, 22802601 / 2^23, widened exactly. */
    public static final long E_BITS = 22802601L << (I32F32.FRAC_BITS - 23);

    private Transcendental() {}

    /**
     * {@code exp} for I32F32: Taylor series for i = 2..31 with checked operations.
     *
     * @throws ArithmeticException where the reference returns Err (an overflow)
     */
    public static long expBits(long x) {
        if (x == 0) {
            return I32F32.ONE_BITS;
        }
        if (x == I32F32.ONE_BITS) {
            return E_BITS;
        }
        boolean negative = x < 0;
        if (negative) {
            if (x == I32F32.MIN_BITS) {
                throw new ArithmeticException("exp operand overflow");
            }
            x = -x;
        }
        long result = I32F32.checkedAddBits(x, I32F32.ONE_BITS);
        long term = x;
        for (int i = 2; i < I32F32.FRAC_BITS; i++) {
            if (term == 0) {
                break; // every later term is 0 * x / i = 0 and adds nothing: same bits, fewer steps
            }
            term = I32F32.checkedMulBits(term, x);
            // checked_div(term, from_num(i)) = ((term << 32) / (i << 32)) truncated: the 2^32 factors
            // cancel exactly, so a plain long division gives the same bits and cannot overflow
            term = term / i;
            result = I32F32.checkedAddBits(result, term);
        }
        if (negative) {
            result = I32F32.checkedDivBits(I32F32.ONE_BITS, result);
        }
        return result;
    }

    public static I32F32 exp(I32F32 x) {
        return I32F32.ofBits(expBits(x.bits()));
    }

    /**
     * The epoch's {@code exp_safe}: the argument is clamped to [-20, 20]; an error gives 0 for an
     * argument <= 0 and the largest I32F32 otherwise.
     */
    public static long expSafeBits(long x) {
        long lo = -20L << I32F32.FRAC_BITS;
        long hi = 20L << I32F32.FRAC_BITS;
        long v = x < lo ? lo : Math.min(x, hi);
        try {
            return expBits(v);
        } catch (ArithmeticException e) {
            return v <= 0 ? 0 : I32F32.MAX_BITS;
        }
    }

    public static I32F32 expSafe(I32F32 x) {
        return I32F32.ofBits(expSafeBits(x.bits()));
    }

    /** log2 for I32F32; null where the reference returns Err (operand <= 0). */
    public static I32F32 log2(I32F32 x) {
        BigInteger r = FixedMath.log2(BigInteger.valueOf(x.bits()), I32F32.FRAC_BITS);
        return r == null ? null : I32F32.ofBits(FixedMath.saturate(r, 64).longValue());
    }

    /** log2 for I96F32; null where the reference returns Err (operand <= 0). */
    public static I96F32 log2(I96F32 x) {
        return x.log2();
    }
}
