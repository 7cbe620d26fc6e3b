package org.tao4j.core.fixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tao4j.core.fixed.I32F32.MAX_BITS;
import static org.tao4j.core.fixed.I32F32.MIN_BITS;
import static org.tao4j.core.fixed.I32F32.ONE_BITS;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Edge cases of I32F32 against docs/spec/yuma.md §1; every expectation is worked out by hand on the raw bits. */
class I32F32Test {

    private static final long HALF = ONE_BITS >> 1;
    private static final long EPS = 1L; // one raw bit = 2^-32

    private static I32F32 of(long bits) {
        return I32F32.ofBits(bits);
    }

    private static I32F32 d(double v) {
        return I32F32.fromDouble(v);
    }

    @Nested
    class AddSub {
        @Test
        void addIsExactInRange() {
            assertThat(d(1.25).add(d(2.5))).isEqualTo(d(3.75));
            assertThat(I32F32.addBits(-EPS, EPS)).isZero();
        }

        @Test
        void addSaturatesAtMax() {
            assertThat(I32F32.addBits(MAX_BITS, EPS)).isEqualTo(MAX_BITS);
            assertThat(I32F32.addBits(MAX_BITS, MAX_BITS)).isEqualTo(MAX_BITS);
            assertThat(I32F32.MAX.add(I32F32.ONE)).isEqualTo(I32F32.MAX);
            // exactly reaching MAX is not an overflow
            assertThat(I32F32.addBits(MAX_BITS - ONE_BITS, ONE_BITS)).isEqualTo(MAX_BITS);
        }

        @Test
        void addSaturatesAtMin() {
            assertThat(I32F32.addBits(MIN_BITS, -EPS)).isEqualTo(MIN_BITS);
            assertThat(I32F32.addBits(MIN_BITS, MIN_BITS)).isEqualTo(MIN_BITS);
            assertThat(I32F32.addBits(MIN_BITS + ONE_BITS, -ONE_BITS)).isEqualTo(MIN_BITS);
            // MAX + MIN never overflows
            assertThat(I32F32.addBits(MAX_BITS, MIN_BITS)).isEqualTo(-1L);
        }

        @Test
        void subSaturates() {
            assertThat(I32F32.subBits(MIN_BITS, EPS)).isEqualTo(MIN_BITS);
            assertThat(I32F32.subBits(MAX_BITS, -EPS)).isEqualTo(MAX_BITS);
            assertThat(I32F32.subBits(0, MIN_BITS)).as("-MIN saturates to MAX").isEqualTo(MAX_BITS);
            assertThat(I32F32.subBits(-1, MAX_BITS))
                    .as("-1 bit - MAX = MIN exactly")
                    .isEqualTo(MIN_BITS);
            assertThat(I32F32.subBits(-2, MAX_BITS)).isEqualTo(MIN_BITS);
            assertThat(I32F32.MIN.negate()).isEqualTo(I32F32.MAX);
            assertThat(d(0.5).sub(d(0.75))).isEqualTo(d(-0.25));
        }
    }

    @Nested
    class Mul {
        @Test
        void exactProducts() {
            assertThat(d(1.5).mul(d(2.0))).isEqualTo(d(3.0));
            assertThat(d(-1.5).mul(d(2.0))).isEqualTo(d(-3.0));
            assertThat(d(-0.5).mul(d(-0.5))).isEqualTo(d(0.25));
            assertThat(I32F32.ONE.mul(of(12345))).isEqualTo(of(12345));
        }

        @Test
        void roundsTowardMinusInfinity() {
            // -2^-32 * 0.5 = -2^-33: the arithmetic shift floors it to -2^-32, not 0
            assertThat(I32F32.mulBits(-EPS, HALF)).isEqualTo(-EPS);
            assertThat(I32F32.mulBits(HALF, -EPS)).isEqualTo(-EPS);
            // the positive counterpart floors to 0
            assertThat(I32F32.mulBits(EPS, HALF)).isZero();
            // -3 bits * 0.5 = -1.5 bits -> -2 bits; +3 bits * 0.5 -> 1 bit
            assertThat(I32F32.mulBits(-3, HALF)).isEqualTo(-2);
            assertThat(I32F32.mulBits(3, HALF)).isEqualTo(1);
            // tiny * tiny underflows to 0 when positive and to -1 bit when negative
            assertThat(I32F32.mulBits(EPS, EPS)).isZero();
            assertThat(I32F32.mulBits(-EPS, EPS)).isEqualTo(-EPS);
        }

        @Test
        void saturates() {
            assertThat(I32F32.MAX.mul(d(2))).isEqualTo(I32F32.MAX);
            assertThat(I32F32.MAX.mul(d(-2))).isEqualTo(I32F32.MIN);
            assertThat(I32F32.MIN.mul(I32F32.MIN)).isEqualTo(I32F32.MAX);
            assertThat(I32F32.MIN.mul(d(2))).isEqualTo(I32F32.MIN);
            // 65536 * 32768 = 2^31: just out of range
            assertThat(I32F32.fromInt(65536).mul(I32F32.fromInt(32768))).isEqualTo(I32F32.MAX);
            assertThat(I32F32.fromInt(-65536).mul(I32F32.fromInt(32768)))
                    .as("-2^31 is representable")
                    .isEqualTo(I32F32.MIN);
            assertThat(I32F32.fromInt(-65536).mul(I32F32.fromInt(32769))).isEqualTo(I32F32.MIN);
            // MIN * -1 = 2^31 overflows
            assertThat(I32F32.MIN.mul(d(-1))).isEqualTo(I32F32.MAX);
            // MIN * 1 = MIN exactly
            assertThat(I32F32.MIN.mul(I32F32.ONE)).isEqualTo(I32F32.MIN);
        }

        @Test
        void checkedMulThrowsOnlyOnOverflow() {
            assertThat(d(1.5).checkedMul(d(-2))).isEqualTo(d(-3));
            assertThat(I32F32.checkedMulBits(-EPS, HALF)).isEqualTo(-EPS);
            assertThatThrownBy(() -> I32F32.MAX.checkedMul(d(2))).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> I32F32.MIN.checkedMul(d(-1))).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> I32F32.fromInt(65536).checkedMul(I32F32.fromInt(32768)))
                    .isInstanceOf(ArithmeticException.class);
            assertThat(I32F32.fromInt(-65536).checkedMul(I32F32.fromInt(32768))).isEqualTo(I32F32.MIN);
        }
    }

    @Nested
    class Div {
        @Test
        void exactQuotients() {
            assertThat(d(3).safeDiv(d(2))).isEqualTo(d(1.5));
            assertThat(d(1).safeDiv(d(4))).isEqualTo(d(0.25));
            assertThat(d(-1).safeDiv(d(4))).isEqualTo(d(-0.25));
            assertThat(d(1).checkedDiv(d(-0.5))).isEqualTo(d(-2));
        }

        @Test
        void truncatesTowardZero() {
            // 1/3 = 0x0.5555... : truncated
            long third = I32F32.safeDivBits(ONE_BITS, 3L << 32);
            assertThat(third).isEqualTo(0x55555555L);
            // -1/3 truncates toward zero to -0x55555555 (floor would be -0x55555556)
            assertThat(I32F32.safeDivBits(-ONE_BITS, 3L << 32)).isEqualTo(-0x55555555L);
            assertThat(I32F32.safeDivBits(ONE_BITS, -3L << 32)).isEqualTo(-0x55555555L);
            assertThat(I32F32.checkedDivBits(-ONE_BITS, 3L << 32)).isEqualTo(-0x55555555L);
            assertThat(I32F32.saturatingDivBits(-ONE_BITS, 3L << 32)).isEqualTo(-0x55555555L);
            // -2^-32 / 2 = -2^-33 -> 0 (not -1 bit)
            assertThat(I32F32.safeDivBits(-EPS, 2L << 32)).isZero();
            // the wide path (|a| >= 2^31 raw) truncates the same way
            long a = -(5L << 32) - 2; // -5 - 2^-31: (a << 32) / 3 = -7158278827.33...
            long expected = java.math.BigInteger.valueOf(a)
                    .shiftLeft(32)
                    .divide(java.math.BigInteger.valueOf(3L << 32))
                    .longValueExact();
            assertThat(I32F32.safeDivBits(a, 3L << 32)).isEqualTo(expected).isEqualTo(-7158278827L);
            assertThat(I32F32.saturatingDivBits(a, 3L << 32)).isEqualTo(-7158278827L);
            assertThat(I32F32.checkedDivBits(a, 3L << 32)).isEqualTo(-7158278827L);
        }

        @Test
        void safeDivIsZeroOnDivisionByZero() {
            assertThat(I32F32.safeDivBits(ONE_BITS, 0)).isZero();
            assertThat(I32F32.safeDivBits(-ONE_BITS, 0)).isZero();
            assertThat(I32F32.safeDivBits(MAX_BITS, 0)).isZero();
            assertThat(I32F32.safeDivBits(0, 0)).isZero();
        }

        @Test
        void safeDivIsZeroOnOverflow() {
            // 2^30 / 0.25 = 2^32 does not fit
            assertThat(I32F32.fromInt(1 << 30).safeDiv(d(0.25))).isEqualTo(I32F32.ZERO);
            // MAX / 2^-32
            assertThat(I32F32.safeDivBits(MAX_BITS, EPS)).isZero();
            // MIN / -1 = 2^31 does not fit; MIN / 1 = MIN does
            assertThat(I32F32.safeDivBits(MIN_BITS, -ONE_BITS)).isZero();
            assertThat(I32F32.safeDivBits(MIN_BITS, ONE_BITS)).isEqualTo(MIN_BITS);
            // small dividend, huge quotient through the fast path: 1 / 2^-32 = 2^32
            assertThat(I32F32.safeDivBits(ONE_BITS, EPS)).isZero();
            // largest quotient that still fits
            assertThat(I32F32.safeDivBits(MAX_BITS, ONE_BITS)).isEqualTo(MAX_BITS);
        }

        /**
         * -0.5 / -2^-32 = 2^31 does not fit. The dividend's raw bits are Integer.MIN_VALUE, which
         * takes the 64-bit fast path: (a << 32) = Long.MIN_VALUE, and Long.MIN_VALUE / -1
         * overflows silently in Java to Long.MIN_VALUE (= -2^31 in I32F32): the wrong sign and
         * no overflow detected.
         */
        @Test
        void negativeHalfDividedByMinusOneBitOverflows() {
            long a = Integer.MIN_VALUE; // -0.5
            long b = -1; // -2^-32
            assertThat(I32F32.safeDivBits(a, b)).as("safe_div overflow -> 0").isZero();
            assertThat(I32F32.saturatingDivBits(a, b)).as("saturates to MAX").isEqualTo(MAX_BITS);
            assertThatThrownBy(() -> I32F32.checkedDivBits(a, b)).isInstanceOf(ArithmeticException.class);
        }

        @Test
        void checkedDivThrows() {
            assertThatThrownBy(() -> I32F32.ONE.checkedDiv(I32F32.ZERO)).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> I32F32.checkedDivBits(0, 0)).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> I32F32.checkedDivBits(MIN_BITS, -ONE_BITS))
                    .isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> I32F32.checkedDivBits(ONE_BITS, EPS)).isInstanceOf(ArithmeticException.class);
        }

        @Test
        void saturatingDiv() {
            assertThat(I32F32.saturatingDivBits(ONE_BITS, 0)).isEqualTo(MAX_BITS);
            assertThat(I32F32.saturatingDivBits(-ONE_BITS, 0)).isEqualTo(MIN_BITS);
            assertThat(I32F32.saturatingDivBits(0, 0)).isZero();
            assertThat(I32F32.saturatingDivBits(MAX_BITS, EPS)).isEqualTo(MAX_BITS);
            assertThat(I32F32.saturatingDivBits(MAX_BITS, -EPS)).isEqualTo(MIN_BITS);
            assertThat(I32F32.saturatingDivBits(MIN_BITS, -ONE_BITS)).isEqualTo(MAX_BITS);
            assertThat(I32F32.saturatingDivBits(ONE_BITS, EPS)).isEqualTo(MAX_BITS);
            assertThat(I32F32.saturatingDivBits(-ONE_BITS, EPS)).isEqualTo(MIN_BITS);
            assertThat(d(3).saturatingDiv(d(2))).isEqualTo(d(1.5));
        }
    }

    @Nested
    class Rounding {
        @Test
        void roundHalvesAwayFromZero() {
            assertThat(d(2.5).round()).isEqualTo(d(3));
            assertThat(d(-2.5).round()).isEqualTo(d(-3));
            assertThat(d(0.5).round()).isEqualTo(d(1));
            assertThat(d(-0.5).round()).isEqualTo(d(-1));
            assertThat(d(3.5).round()).as("not banker's rounding").isEqualTo(d(4));
        }

        @Test
        void roundBelowHalf() {
            assertThat(d(2.4999).round()).isEqualTo(d(2));
            assertThat(d(-2.4999).round()).isEqualTo(d(-2));
            assertThat(of((2L << 32) + HALF - 1).round()).isEqualTo(d(2));
            assertThat(of(-((2L << 32) + HALF - 1)).round()).isEqualTo(d(-2));
            assertThat(of((2L << 32) + HALF + 1).round()).isEqualTo(d(3));
            assertThat(of(-EPS).round()).isEqualTo(I32F32.ZERO);
            assertThat(d(7).round()).isEqualTo(d(7));
            assertThat(d(-7).round()).isEqualTo(d(-7));
        }

        @Test
        void roundAtTheBounds() {
            assertThat(I32F32.roundBits(MIN_BITS)).isEqualTo(MIN_BITS);
            // -2^31 + 0.4 rounds to -2^31 (an integer)
            assertThat(I32F32.roundBits(MIN_BITS + (HALF - 1))).isEqualTo(MIN_BITS);
            // the largest integer below MAX stays put
            long maxInt = (long) Integer.MAX_VALUE << 32;
            assertThat(I32F32.roundBits(maxInt)).isEqualTo(maxInt);
            assertThat(I32F32.roundBits(maxInt + HALF - 1)).isEqualTo(maxInt);
        }

        @Test
        void floor() {
            assertThat(d(2.75).floor()).isEqualTo(d(2));
            assertThat(d(-2.25).floor()).isEqualTo(d(-3));
            assertThat(d(-2.25).floorToLong()).isEqualTo(-3);
            assertThat(of(-EPS).floorToLong()).isEqualTo(-1);
            assertThat(I32F32.MIN.floorToLong()).isEqualTo(Integer.MIN_VALUE);
            assertThat(I32F32.MAX.floorToLong()).isEqualTo(Integer.MAX_VALUE);
        }
    }

    @Nested
    class Conversions {
        @Test
        void toU16SaturatingFloorsAndClamps() {
            assertThat(I32F32.toU16Saturating(d(1.999).bits())).isEqualTo(1);
            assertThat(I32F32.toU16Saturating(d(65535).bits())).isEqualTo(65535);
            assertThat(I32F32.toU16Saturating(d(65535.999).bits())).isEqualTo(65535);
            assertThat(I32F32.toU16Saturating(d(65536).bits())).isEqualTo(65535);
            assertThat(I32F32.toU16Saturating(MAX_BITS)).isEqualTo(65535);
            assertThat(I32F32.toU16Saturating(-EPS))
                    .as("negative clamps to 0, not floor -1")
                    .isZero();
            assertThat(I32F32.toU16Saturating(MIN_BITS)).isZero();
            assertThat(I32F32.toU16Saturating(0)).isZero();
        }

        @Test
        void toU64Saturating() {
            assertThat(I32F32.toU64Saturating(d(3.9).bits())).isEqualTo(3);
            assertThat(I32F32.toU64Saturating(-EPS)).isZero();
            assertThat(I32F32.toU64Saturating(MAX_BITS)).isEqualTo(Integer.MAX_VALUE);
        }

        @Test
        void proportionToU16() {
            assertThat(I32F32.proportionToU16(ONE_BITS)).isEqualTo(65535);
            assertThat(I32F32.ONE.toU16Proportion()).isEqualTo(65535);
            // 0.5 * 65535 = 32767.5 floors
            assertThat(I32F32.proportionToU16(HALF)).isEqualTo(32767);
            assertThat(I32F32.proportionToU16(0)).isZero();
            assertThat(I32F32.proportionToU16(-HALF)).isZero();
            assertThat(I32F32.proportionToU16(2 * ONE_BITS)).isEqualTo(65535);
            assertThat(I32F32.proportionToU16(MAX_BITS)).isEqualTo(65535);
            // one bit short of 1.0 gives 65534
            assertThat(I32F32.proportionToU16(ONE_BITS - 1)).isEqualTo(65534);
            // the smallest value that maps to 1 is ceil(2^32 / 65535) bits
            long smallest = Math.ceilDiv(ONE_BITS, 65535L);
            assertThat(I32F32.proportionToU16(smallest)).isEqualTo(1);
            assertThat(I32F32.proportionToU16(smallest - 1)).isZero();
        }

        @Test
        void u16ProportionRoundTrip() {
            assertThat(I32F32.u16ProportionBits(65535)).isEqualTo(ONE_BITS);
            assertThat(I32F32.u16ProportionBits(0)).isZero();
            // k/65535 truncated, then *65535 floored, loses at most one step
            for (int k : new int[] {1, 2, 100, 32767, 32768, 65534}) {
                int back = I32F32.proportionToU16(I32F32.u16ProportionBits(k));
                assertThat(back).as("k=%d", k).isBetween(k - 1, k);
            }
        }

        @Test
        void fromIntIsExactAndSaturating() {
            assertThat(I32F32.fromInt(5).bits()).isEqualTo(5L << 32);
            assertThat(I32F32.fromInt(-5).bits()).isEqualTo(-5L << 32);
            assertThat(I32F32.fromInt(Integer.MAX_VALUE).bits()).isEqualTo((long) Integer.MAX_VALUE << 32);
            assertThat(I32F32.fromInt(Integer.MIN_VALUE)).isEqualTo(I32F32.MIN);
            assertThat(I32F32.fromInt(1L << 31)).isEqualTo(I32F32.MAX);
            assertThat(I32F32.fromInt(Long.MAX_VALUE)).isEqualTo(I32F32.MAX);
            assertThat(I32F32.fromInt(Integer.MIN_VALUE - 1L)).isEqualTo(I32F32.MIN);
            assertThat(I32F32.fromInt(Long.MIN_VALUE)).isEqualTo(I32F32.MIN);
        }

        @Test
        void fromDoubleRoundsToNearest() {
            assertThat(d(0.5).bits()).isEqualTo(HALF);
            assertThat(d(0.1).bits()).isEqualTo(429496730L); // 0.1 * 2^32 = 429496729.6
            assertThat(d(-0.1).bits()).isEqualTo(-429496730L);
            assertThat(d(0.2).bits()).isEqualTo(858993459L); // 858993459.2
            assertThat(d(1e300)).isEqualTo(I32F32.MAX);
            assertThat(d(Double.NEGATIVE_INFINITY)).isEqualTo(I32F32.MIN);
            assertThatThrownBy(() -> d(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
            assertThat(d(0.75).toDouble()).isEqualTo(0.75);
        }

        @Test
        void widening() {
            assertThat(d(-1.5).toI64F64()).isEqualTo(I64F64.fromDouble(-1.5));
            assertThat(d(-1.5).toI96F32()).isEqualTo(I96F32.fromDouble(-1.5));
            assertThat(I32F32.MIN.toI64F64().toI32F32()).isEqualTo(I32F32.MIN);
        }

        @Test
        void toStringIsExactDecimal() {
            assertThat(I32F32.ZERO.toString()).isEqualTo("0");
            assertThat(I32F32.ONE.toString()).isEqualTo("1");
            assertThat(d(-1.25).toString()).isEqualTo("-1.25");
            assertThat(d(1000).toString()).isEqualTo("1000");
            assertThat(of(1).toString()).isEqualTo("0.00000000023283064365386962890625");
            assertThat(of(-1).toString()).isEqualTo("-0.00000000023283064365386962890625");
            assertThat(I32F32.MIN.toString()).isEqualTo("-2147483648");
            assertThat(I32F32.MAX.toString()).isEqualTo("2147483647.99999999976716935634613037109375");
        }
    }

    @Test
    void minMaxClampCompare() {
        assertThat(d(1).min(d(2))).isEqualTo(d(1));
        assertThat(d(1).max(d(2))).isEqualTo(d(2));
        assertThat(d(5).clamp(d(0), d(1))).isEqualTo(d(1));
        assertThat(d(-5).clamp(d(0), d(1))).isEqualTo(d(0));
        // lo wins when lo > hi (max applied last)
        assertThat(d(0.5).clamp(d(0.75), d(0.25))).isEqualTo(d(0.75));
        assertThat(d(-1).compareTo(d(1))).isNegative();
        assertThat(I32F32.ZERO.isZero()).isTrue();
        assertThat(of(-1).isZero()).isFalse();
    }
}
