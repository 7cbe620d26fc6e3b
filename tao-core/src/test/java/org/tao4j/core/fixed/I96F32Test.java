package org.tao4j.core.fixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Edge cases of I96F32 (128-bit storage, 32 fraction bits) and its ported log2 (docs/spec/yuma.md §1, §4). */
class I96F32Test {

    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
    private static final BigInteger MIN = BigInteger.ONE.shiftLeft(127).negate();

    private static I96F32 bits(long b) {
        return I96F32.ofBits(BigInteger.valueOf(b));
    }

    private static I96F32 d(double v) {
        return I96F32.fromDouble(v);
    }

    @Test
    void constantsAndRange() {
        assertThat(I96F32.ONE.bits()).isEqualTo(BigInteger.ONE.shiftLeft(32));
        assertThat(I96F32.MAX.bits()).isEqualTo(MAX);
        assertThat(I96F32.MIN.bits()).isEqualTo(MIN);
        assertThatThrownBy(() -> I96F32.ofBits(MAX.add(BigInteger.ONE))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> I96F32.ofBits(MIN.subtract(BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addSubSaturate() {
        assertThat(I96F32.MAX.add(bits(1))).isEqualTo(I96F32.MAX);
        assertThat(I96F32.MIN.add(bits(-1))).isEqualTo(I96F32.MIN);
        assertThat(I96F32.MIN.sub(bits(1))).isEqualTo(I96F32.MIN);
        assertThat(I96F32.ZERO.sub(I96F32.MIN)).isEqualTo(I96F32.MAX);
        // no 64-bit overflow: 2^62 + 2^62 = 2^63 is an ordinary I96F32
        assertThat(I96F32.fromLong(1L << 62).add(I96F32.fromLong(1L << 62)).bits())
                .isEqualTo(BigInteger.ONE.shiftLeft(63 + 32));
    }

    @Test
    void mulFloorsAndSaturates() {
        I96F32 half = d(0.5);
        assertThat(bits(-1).mul(half)).isEqualTo(bits(-1));
        assertThat(bits(1).mul(half)).isEqualTo(I96F32.ZERO);
        assertThat(I96F32.MAX.mul(d(2))).isEqualTo(I96F32.MAX);
        assertThat(I96F32.MAX.mul(d(-2))).isEqualTo(I96F32.MIN);
        assertThat(I96F32.MIN.mul(I96F32.MIN)).isEqualTo(I96F32.MAX);
        // share * emission as the epoch computes rao: 0.5 * 1e12 is exact
        assertThat(d(0.5).mul(I96F32.fromLong(1_000_000_000_000L)).toU64Saturating())
                .isEqualTo(500_000_000_000L);
    }

    @Test
    void checkedAndSafeDiv() {
        assertThat(I96F32.ONE.checkedDiv(I96F32.ZERO)).isNull();
        assertThat(I96F32.ONE.safeDiv(I96F32.ZERO)).isEqualTo(I96F32.ZERO);
        assertThat(I96F32.MAX.checkedDiv(bits(1))).as("overflow").isNull();
        assertThat(I96F32.MAX.safeDiv(bits(1))).isEqualTo(I96F32.ZERO);
        assertThat(I96F32.MIN.checkedDiv(I96F32.fromLong(-1))).isNull();
        assertThat(I96F32.fromLong(3).checkedDiv(I96F32.fromLong(2))).isEqualTo(d(1.5));
        // truncation toward zero
        assertThat(I96F32.fromLong(-1).checkedDiv(I96F32.fromLong(3)).bits())
                .isEqualTo(BigInteger.valueOf(-0x55555555L));
        assertThat(bits(-1).checkedDiv(I96F32.fromLong(2))).isEqualTo(I96F32.ZERO);
    }

    @Test
    void floorIsTowardMinusInfinity() {
        assertThat(d(2.75).floor()).isEqualTo(I96F32.fromLong(2));
        assertThat(d(-1.5).floor()).isEqualTo(I96F32.fromLong(-2));
        assertThat(bits(-1).floor()).isEqualTo(I96F32.fromLong(-1));
        assertThat(I96F32.fromLong(-7).floor()).isEqualTo(I96F32.fromLong(-7));
    }

    @Test
    void toU64Saturating() {
        assertThat(d(1.999).toU64Saturating()).isEqualTo(1);
        assertThat(bits(-1).toU64Saturating()).isZero();
        assertThat(I96F32.MIN.toU64Saturating()).isZero();
        // values in [2^63, 2^64) come back as the raw bits of a u64
        assertThat(I96F32.fromU64(-1L).toU64Saturating()).isEqualTo(-1L);
        assertThat(I96F32.fromU64(Long.MIN_VALUE).toU64Saturating()).isEqualTo(Long.MIN_VALUE);
        // beyond u64::MAX saturates to u64::MAX
        assertThat(I96F32.fromU64(-1L).add(I96F32.ONE).toU64Saturating()).isEqualTo(-1L);
        assertThat(I96F32.MAX.toU64Saturating()).isEqualTo(-1L);
    }

    @Test
    void fromU64IsUnsigned() {
        assertThat(I96F32.fromU64(Long.MIN_VALUE).bits()).isEqualTo(BigInteger.ONE.shiftLeft(63 + 32));
        assertThat(I96F32.fromU64(-1L).bits())
                .isEqualTo(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE).shiftLeft(32));
        assertThat(signumOf(I96F32.fromU64(-1L))).isPositive();
        assertThat(I96F32.fromU64(12345)).isEqualTo(I96F32.fromLong(12345));
    }

    @Test
    void fromI32F32IsExact() {
        assertThat(I96F32.fromI32F32(I32F32.ofBits(-3)).bits()).isEqualTo(BigInteger.valueOf(-3));
        assertThat(I96F32.fromI32F32(I32F32.MAX).bits()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
    }

    // ------------------------------------------------------------ log2

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 10, 31, 32, 63, 64, 90})
    void log2OfPowersOfTwoIsExact(int k) {
        I96F32 x = I96F32.ofBits(BigInteger.ONE.shiftLeft(32 + k));
        assertThat(x.log2()).isEqualTo(I96F32.fromLong(k));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 16, 31, 32})
    void log2BelowOneIsNegative(int k) {
        // 2^-k: the reference inverts (1 / x = 2^k exactly) and negates
        I96F32 x = I96F32.ofBits(BigInteger.ONE.shiftLeft(32 - k));
        assertThat(x.log2()).isEqualTo(I96F32.fromLong(-k));
    }

    @Test
    void log2OfNonPowers() {
        // log2(3) and log2(0.75) within the 32-bit precision of the bit-by-bit algorithm
        assertThat(toDouble(I96F32.fromLong(3).log2())).isCloseTo(Math.log(3) / Math.log(2), within(1e-8));
        assertThat(toDouble(d(0.75).log2())).isCloseTo(Math.log(0.75) / Math.log(2), within(1e-8));
        assertThat(toDouble(d(1.5).log2())).isCloseTo(Math.log(1.5) / Math.log(2), within(1e-8));
        assertThat(signumOf(d(0.75).log2())).isNegative();
        assertThat(signumOf(d(1.0000001).log2())).isPositive();
        // floor(log2(x)) — what the halving uses — for values either side of 2
        assertThat(I96F32.ofBits(BigInteger.ONE.shiftLeft(33).subtract(BigInteger.ONE))
                        .log2()
                        .floor())
                .isEqualTo(I96F32.ZERO);
        assertThat(I96F32.ofBits(BigInteger.ONE.shiftLeft(33).add(BigInteger.ONE))
                        .log2()
                        .floor())
                .isEqualTo(I96F32.ONE);
    }

    @Test
    void log2IsAnErrorForNonPositive() {
        assertThat(I96F32.ZERO.log2()).isNull();
        assertThat(bits(-1).log2()).isNull();
        assertThat(I96F32.MIN.log2()).isNull();
        assertThat(Transcendental.log2(I96F32.fromLong(-8))).isNull();
        assertThat(Transcendental.log2(I96F32.fromLong(8))).isEqualTo(I96F32.fromLong(3));
    }

    @Test
    void log2OfSmallestPositive() {
        // 2^-32: inverse is 2^32, log2 = 32, negated
        assertThat(bits(1).log2()).isEqualTo(I96F32.fromLong(-32));
    }

    @Test
    void toStringIsExact() {
        assertThat(d(-2.5).toString()).isEqualTo("-2.5");
        assertThat(I96F32.fromU64(-1L).toString()).isEqualTo("18446744073709551615");
    }

    private static double toDouble(I96F32 x) {
        return new java.math.BigDecimal(x.bits())
                .divide(new java.math.BigDecimal(BigInteger.ONE.shiftLeft(32)))
                .doubleValue();
    }

    private static int signumOf(I96F32 x) {
        return x.bits().signum();
    }
}
