package org.tao4j.core.fixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.tao4j.core.fixed.I32F32.ONE_BITS;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ported {@code substrate_fixed} exp / log2 and the epoch's exp_safe (docs/spec/yuma.md §1). */
class TranscendentalTest {

    private static long d(double v) {
        return I32F32.fromDouble(v).bits();
    }

    private static double toDouble(long bits) {
        return I32F32.ofBits(bits).toDouble();
    }

    /**
     * Independent model of the series of docs/spec/yuma.md §1 in BigInteger: result = 1 + x, term = x, then
     * for i = 2..31: term = floor(term * x), term = trunc(term / i), result += term, every step
     * checked against the I32F32 range; negative arguments give trunc(1 / result).
     */
    private static long modelExp(long xBits) {
        BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
        BigInteger min = BigInteger.valueOf(Long.MIN_VALUE);
        BigInteger one = BigInteger.ONE.shiftLeft(32);
        BigInteger x = BigInteger.valueOf(xBits).abs();
        BigInteger result = x.add(one);
        BigInteger term = x;
        for (int i = 2; i <= 31; i++) {
            term = term.multiply(x).shiftRight(32);
            if (term.compareTo(max) > 0 || term.compareTo(min) < 0) {
                throw new ArithmeticException("model mul overflow");
            }
            term = term.shiftLeft(32).divide(BigInteger.valueOf(i).shiftLeft(32));
            result = result.add(term);
            if (result.compareTo(max) > 0) {
                throw new ArithmeticException("model add overflow");
            }
        }
        if (xBits < 0) {
            result = one.shiftLeft(32).divide(result);
        }
        return result.longValueExact();
    }

    @Test
    void expOfZeroIsOneExactly() {
        assertThat(Transcendental.expBits(0)).isEqualTo(ONE_BITS);
        assertThat(Transcendental.exp(I32F32.ZERO)).isEqualTo(I32F32.ONE);
    }

    @Test
    void expOfOneIsTheI9F23Constant() {
        assertThat(Transcendental.E_BITS).isEqualTo(22802601L << 9);
        assertThat(Transcendental.expBits(ONE_BITS)).isEqualTo(22802601L << 9);
        // the constant is e to ~1e-7 only: 22802601 / 2^23 = 2.71828186512...
        assertThat(toDouble(Transcendental.expBits(ONE_BITS))).isCloseTo(Math.E, within(1e-7));
        assertThat(Transcendental.expBits(ONE_BITS))
                .as("the constant is not the series value")
                .isNotEqualTo(modelExp(ONE_BITS));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 2, 3.7, 0.001, 10, 19.99, 20})
    void expOfNegativeIsOneOverExpOfPositive(double v) {
        long x = d(v);
        long positive = Transcendental.expBits(x);
        long negative = Transcendental.expBits(-x);
        assertThat(negative).isEqualTo(I32F32.checkedDivBits(ONE_BITS, positive));
    }

    @Test
    void expOfMinusOneUsesTheSeriesNotTheConstant() {
        // the special case compares the operand with +1 before taking |x|, so exp(-1) is
        // 1 / series(1), not 1 / E_BITS
        long minusOne = Transcendental.expBits(-ONE_BITS);
        assertThat(minusOne).isEqualTo(modelExp(-ONE_BITS));
        assertThat(toDouble(minusOne)).isCloseTo(Math.exp(-1), within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(
            doubles = {-20, -19.5, -10, -3, -2, -0.75, -0.5, -1e-6, 1e-6, 0.1, 0.5, 0.75, 1.5, 2, 3, 7.25, 10, 15, 20})
    void expMatchesTheSeriesModelBitForBit(double v) {
        long x = d(v);
        assertThat(Transcendental.expBits(x)).isEqualTo(modelExp(x));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-3, -2, -0.5, -0.1, 0.1, 0.5, 1.5, 2, 3})
    void expIsCloseToMathExp(double v) {
        double got = toDouble(Transcendental.expBits(d(v)));
        double want = Math.exp(toDouble(d(v)));
        assertThat(Math.abs(got - want) / want).as("relative error at %s", v).isLessThan(1e-6);
    }

    @Test
    void expOverflowIsAnError() {
        // e^25 > 2^31: the series overflows and the reference returns Err
        assertThatThrownBy(() -> Transcendental.expBits(25L << 32)).isInstanceOf(ArithmeticException.class);
        // |x| is used for the series, so a large negative argument is an error too
        assertThatThrownBy(() -> Transcendental.expBits(-25L << 32)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Transcendental.expBits(I32F32.MIN_BITS)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Transcendental.expBits(I32F32.MAX_BITS)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> modelExp(25L << 32)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void expSafeClampsToPlusMinusTwenty() {
        long at20 = Transcendental.expBits(20L << 32);
        long atMinus20 = Transcendental.expBits(-20L << 32);
        assertThat(Transcendental.expSafeBits(20L << 32)).isEqualTo(at20);
        assertThat(Transcendental.expSafeBits((20L << 32) + 1)).isEqualTo(at20);
        assertThat(Transcendental.expSafeBits(100L << 32)).isEqualTo(at20);
        assertThat(Transcendental.expSafeBits(25L << 32))
                .as("would overflow without the clamp")
                .isEqualTo(at20);
        assertThat(Transcendental.expSafeBits(I32F32.MAX_BITS)).isEqualTo(at20);
        assertThat(Transcendental.expSafeBits(-100L << 32)).isEqualTo(atMinus20);
        assertThat(Transcendental.expSafeBits(I32F32.MIN_BITS)).isEqualTo(atMinus20);
        assertThat(Transcendental.expSafe(I32F32.fromInt(-30))).isEqualTo(I32F32.ofBits(atMinus20));
        // inside the range exp_safe is exp
        assertThat(Transcendental.expSafeBits(d(-19.5))).isEqualTo(Transcendental.expBits(d(-19.5)));
        assertThat(Transcendental.expSafeBits(0)).isEqualTo(ONE_BITS);
        // the series stops at x^31/31!, so at 20 it falls short of e^20 by ~0.8% (481,239,357.67
        // in exact arithmetic); that truncation is the reference's behaviour, not a bug
        assertThat(toDouble(at20)).isCloseTo(481_239_357.674, within(1.0));
        assertThat(atMinus20).isPositive().isLessThan(ONE_BITS >> 20);
    }

    @Test
    void expIsMonotoneOnASample() {
        long prev = Transcendental.expSafeBits(-21L << 32);
        for (long x = -20L << 32; x <= 20L << 32; x += 1L << 28) {
            long y = Transcendental.expSafeBits(x);
            assertThat(y).as("exp at %s", toDouble(x)).isGreaterThanOrEqualTo(prev);
            prev = y;
        }
    }

    @Test
    void log2OfI32F32() {
        assertThat(Transcendental.log2(I32F32.fromInt(8))).isEqualTo(I32F32.fromInt(3));
        assertThat(Transcendental.log2(I32F32.ONE)).isEqualTo(I32F32.ZERO);
        assertThat(Transcendental.log2(I32F32.fromDouble(0.5))).isEqualTo(I32F32.fromInt(-1));
        assertThat(Transcendental.log2(I32F32.fromDouble(0.125))).isEqualTo(I32F32.fromInt(-3));
        assertThat(Transcendental.log2(I32F32.ofBits(1))).isEqualTo(I32F32.fromInt(-32));
        assertThat(Transcendental.log2(I32F32.fromInt(1 << 30))).isEqualTo(I32F32.fromInt(30));
        assertThat(Transcendental.log2(I32F32.ZERO)).isNull();
        assertThat(Transcendental.log2(I32F32.fromInt(-8))).isNull();
        assertThat(Transcendental.log2(I32F32.fromInt(10)).toDouble())
                .isCloseTo(Math.log(10) / Math.log(2), within(1e-8));
    }
}
