package org.tao4j.core.fixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * I32F32 arithmetic against an independent BigInteger model of docs/spec/yuma.md §1:
 * add = clamp(a + b), mul = clamp(floor(a * b / 2^32)), div = trunc((a << 32) / b), and the safe
 * division is 0 when b = 0 or the quotient is out of range.
 */
class I32F32Properties {

    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private static long clamp(BigInteger v) {
        return v.compareTo(MAX) > 0 ? Long.MAX_VALUE : v.compareTo(MIN) < 0 ? Long.MIN_VALUE : v.longValueExact();
    }

    private static boolean fits(BigInteger v) {
        return v.compareTo(MAX) <= 0 && v.compareTo(MIN) >= 0;
    }

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    /** floor(a * b / 2^32): BigInteger.shiftRight is an arithmetic (flooring) shift. */
    private static BigInteger modelMul(long a, long b) {
        return big(a).multiply(big(b)).shiftRight(32);
    }

    /** (a << 32) / b truncating toward zero: BigInteger.divide truncates. */
    private static BigInteger modelDiv(long a, long b) {
        return big(a).shiftLeft(32).divide(big(b));
    }

    /** Arbitrary longs plus values concentrated where the epoch lives (|x| of a few units). */
    @Provide
    Arbitrary<Long> fixed() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs()),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(-(4L << 32), 4L << 32)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(-1000, 1000)),
                net.jqwik.api.Tuple.of(
                        1,
                        Arbitraries.of(
                                0L,
                                1L,
                                -1L,
                                1L << 32,
                                -(1L << 32),
                                1L << 31,
                                Long.MAX_VALUE,
                                Long.MIN_VALUE,
                                Long.MAX_VALUE - 1,
                                Long.MIN_VALUE + 1,
                                (long) Integer.MAX_VALUE,
                                (long) Integer.MIN_VALUE,
                                Integer.MAX_VALUE + 1L,
                                Integer.MIN_VALUE - 1L)));
    }

    @Property(tries = 3000)
    void addMatchesModel(@ForAll("fixed") long a, @ForAll("fixed") long b) {
        assertThat(I32F32.addBits(a, b)).isEqualTo(clamp(big(a).add(big(b))));
        assertThat(I32F32.ofBits(a).add(I32F32.ofBits(b)).bits()).isEqualTo(I32F32.addBits(a, b));
    }

    @Property(tries = 3000)
    void subMatchesModel(@ForAll("fixed") long a, @ForAll("fixed") long b) {
        assertThat(I32F32.subBits(a, b)).isEqualTo(clamp(big(a).subtract(big(b))));
    }

    @Property(tries = 3000)
    void mulMatchesModel(@ForAll("fixed") long a, @ForAll("fixed") long b) {
        BigInteger exact = modelMul(a, b);
        assertThat(I32F32.mulBits(a, b)).isEqualTo(clamp(exact));
        if (fits(exact)) {
            assertThat(I32F32.checkedMulBits(a, b)).isEqualTo(exact.longValueExact());
        } else {
            assertThatThrownBy(() -> I32F32.checkedMulBits(a, b)).isInstanceOf(ArithmeticException.class);
        }
    }

    @Property(tries = 3000)
    void mulIsCommutative(@ForAll("fixed") long a, @ForAll("fixed") long b) {
        assertThat(I32F32.mulBits(a, b)).isEqualTo(I32F32.mulBits(b, a));
    }

    @Property(tries = 3000)
    void safeDivMatchesModel(@ForAll("fixed") long a, @ForAll("fixed") long b) {
        long expected;
        if (b == 0) {
            expected = 0;
        } else {
            BigInteger q = modelDiv(a, b);
            expected = fits(q) ? q.longValueExact() : 0;
        }
        assertThat(I32F32.safeDivBits(a, b)).isEqualTo(expected);
    }

    @Property(tries = 3000)
    void checkedAndSaturatingDivMatchModel(@ForAll("fixed") long a, @ForAll("fixed") long b) {
        if (b == 0) {
            assertThatThrownBy(() -> I32F32.checkedDivBits(a, b)).isInstanceOf(ArithmeticException.class);
            assertThat(I32F32.saturatingDivBits(a, b)).isEqualTo(a == 0 ? 0 : a > 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
            return;
        }
        BigInteger q = modelDiv(a, b);
        assertThat(I32F32.saturatingDivBits(a, b)).isEqualTo(clamp(q));
        if (fits(q)) {
            assertThat(I32F32.checkedDivBits(a, b)).isEqualTo(q.longValueExact());
        } else {
            assertThatThrownBy(() -> I32F32.checkedDivBits(a, b)).isInstanceOf(ArithmeticException.class);
        }
    }

    @Property(tries = 3000)
    void roundMatchesModel(@ForAll("fixed") long a) {
        // nearest integer, halves away from zero: sign(a) * floor((|a| + 2^31) / 2^32) * 2^32, clamped
        BigInteger abs = big(a).abs();
        BigInteger magnitude =
                abs.add(BigInteger.ONE.shiftLeft(31)).shiftRight(32).shiftLeft(32);
        BigInteger rounded = a < 0 ? magnitude.negate() : magnitude;
        long expected;
        if (fits(rounded)) {
            expected = rounded.longValueExact();
        } else {
            // only reachable just below MAX: the nearest integer 2^31 does not fit; the largest
            // representable integer is returned
            expected = (long) Integer.MAX_VALUE << 32;
        }
        assertThat(I32F32.roundBits(a)).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void proportionToU16MatchesModel(@ForAll("fixed") long a) {
        // floor(saturating(a * 65535)) clamped to [0, 65535]
        long prod = clamp(big(a).multiply(big(65535)));
        long floor = prod >> 32;
        long expected = floor < 0 ? 0 : Math.min(floor, 65535);
        assertThat(I32F32.proportionToU16(a)).isEqualTo((int) expected);
    }
}
