package org.tao4j.core.fixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Edge cases of I64F64 (128-bit storage, 64 fraction bits) against docs/spec/yuma.md §1. */
class I64F64Test {

    private static final BigInteger ONE = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
    private static final BigInteger MIN = BigInteger.ONE.shiftLeft(127).negate();

    private static I64F64 bits(long b) {
        return new I64F64(BigInteger.valueOf(b));
    }

    private static I64F64 d(double v) {
        return I64F64.fromDouble(v);
    }

    @Test
    void constants() {
        assertThat(I64F64.ONE.bits()).isEqualTo(ONE);
        assertThat(I64F64.MAX.bits()).isEqualTo(MAX);
        assertThat(I64F64.MIN.bits()).isEqualTo(MIN);
        assertThat(I64F64.fromLong(-3).bits()).isEqualTo(BigInteger.valueOf(-3).shiftLeft(64));
    }

    @Test
    void constructorRejectsBitsOutside128() {
        assertThatThrownBy(() -> new I64F64(MAX.add(BigInteger.ONE))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new I64F64(MIN.subtract(BigInteger.ONE))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new I64F64(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new I64F64(MIN).bits()).isEqualTo(MIN);
    }

    @Test
    void addSubSaturate() {
        assertThat(I64F64.MAX.add(bits(1))).isEqualTo(I64F64.MAX);
        assertThat(I64F64.MIN.add(bits(-1))).isEqualTo(I64F64.MIN);
        assertThat(I64F64.MIN.sub(bits(1))).isEqualTo(I64F64.MIN);
        assertThat(I64F64.MAX.sub(bits(-1))).isEqualTo(I64F64.MAX);
        assertThat(I64F64.ZERO.sub(I64F64.MIN)).isEqualTo(I64F64.MAX);
        assertThat(I64F64.MAX.add(I64F64.MIN)).isEqualTo(bits(-1));
        assertThat(d(1.25).add(d(-0.5))).isEqualTo(d(0.75));
    }

    @Test
    void mulFloorsAndSaturates() {
        I64F64 half = new I64F64(ONE.shiftRight(1));
        assertThat(bits(-1).mul(half)).as("-2^-64 * 0.5 floors to -2^-64").isEqualTo(bits(-1));
        assertThat(bits(1).mul(half)).isEqualTo(I64F64.ZERO);
        assertThat(bits(-3).mul(half)).isEqualTo(bits(-2));
        assertThat(d(1.5).mul(d(-2))).isEqualTo(d(-3));
        assertThat(I64F64.MAX.mul(d(2))).isEqualTo(I64F64.MAX);
        assertThat(I64F64.MAX.mul(d(-2))).isEqualTo(I64F64.MIN);
        assertThat(I64F64.MIN.mul(I64F64.MIN)).isEqualTo(I64F64.MAX);
        // 2^32 * 2^31 = 2^63 does not fit in the 64 integer bits
        assertThat(I64F64.fromLong(1L << 32).mul(I64F64.fromLong(1L << 31))).isEqualTo(I64F64.MAX);
        assertThat(I64F64.fromLong(1L << 32).mul(I64F64.fromLong(-(1L << 31)))).isEqualTo(I64F64.MIN);
    }

    @Test
    void safeDiv() {
        assertThat(I64F64.fromLong(1).safeDiv(I64F64.fromLong(4))).isEqualTo(d(0.25));
        assertThat(I64F64.ONE.safeDiv(I64F64.ZERO)).isEqualTo(I64F64.ZERO);
        assertThat(I64F64.MAX.safeDiv(bits(1))).as("overflow gives 0").isEqualTo(I64F64.ZERO);
        assertThat(I64F64.MIN.safeDiv(I64F64.fromLong(-1))).as("-MIN overflows").isEqualTo(I64F64.ZERO);
        assertThat(I64F64.MIN.safeDiv(I64F64.ONE)).isEqualTo(I64F64.MIN);
        // truncation toward zero: -1/3 = -(2^64 / 3) truncated, i.e. -0x5555555555555555
        BigInteger third = new BigInteger("5555555555555555", 16);
        assertThat(I64F64.ONE.safeDiv(I64F64.fromLong(3)).bits()).isEqualTo(third);
        assertThat(I64F64.fromLong(-1).safeDiv(I64F64.fromLong(3)).bits()).isEqualTo(third.negate());
        assertThat(bits(-1).safeDiv(I64F64.fromLong(2)))
                .as("-2^-65 truncates to 0")
                .isEqualTo(I64F64.ZERO);
    }

    @Test
    void stakeNormalisationIsExactFloor() {
        // the epoch's stake step: I64F64(s) / I64F64(total), then floor to I32F32
        long s = 100;
        long total = 1100;
        I32F32 share = I64F64.fromLong(s).safeDiv(I64F64.fromLong(total)).toI32F32();
        assertThat(share.bits()).isEqualTo((s << 32) / total).isEqualTo(390451572L);
    }

    @Test
    void toI32F32FloorsTheLow32Bits() {
        I64F64 x = new I64F64(ONE.add(BigInteger.valueOf(0xFFFF_FFFFL))); // 1 + (2^32-1)/2^64
        assertThat(x.toI32F32()).isEqualTo(I32F32.ONE);
        assertThat(bits(1).toI32F32()).isEqualTo(I32F32.ZERO);
        assertThat(bits((1L << 32) - 1).toI32F32()).isEqualTo(I32F32.ZERO);
        assertThat(bits(1L << 32).toI32F32()).isEqualTo(I32F32.ofBits(1));
        // floor, not truncation: -2^-64 becomes -2^-32
        assertThat(bits(-1).toI32F32()).isEqualTo(I32F32.ofBits(-1));
        assertThat(bits(-(1L << 32)).toI32F32()).isEqualTo(I32F32.ofBits(-1));
        assertThat(bits(-(1L << 32) - 1).toI32F32()).isEqualTo(I32F32.ofBits(-2));
        assertThat(d(-1.5).toI32F32()).isEqualTo(I32F32.fromDouble(-1.5));
        // 0.9 = bma / 1e6 as the epoch computes it: floor(0.9 * 2^32) = 3865470566
        I64F64 nine = I64F64.fromLong(900_000).safeDiv(I64F64.fromLong(1_000_000));
        assertThat(nine.toI32F32().bits()).isEqualTo(3865470566L);
    }

    @Test
    void toI32F32Saturates() {
        assertThat(I64F64.fromLong(1L << 31).toI32F32()).isEqualTo(I32F32.MAX);
        assertThat(I64F64.MAX.toI32F32()).isEqualTo(I32F32.MAX);
        assertThat(I64F64.fromLong(-(1L << 31)).toI32F32()).isEqualTo(I32F32.MIN);
        assertThat(I64F64.MIN.toI32F32()).isEqualTo(I32F32.MIN);
        assertThat(I64F64.fromLong((1L << 31) - 1).toI32F32()).isEqualTo(I32F32.fromInt(Integer.MAX_VALUE));
    }

    @Test
    void toU64Saturating() {
        assertThat(d(1.99).toU64Saturating()).isEqualTo(1);
        assertThat(bits(-1).toU64Saturating()).isZero();
        assertThat(I64F64.MIN.toU64Saturating()).isZero();
        assertThat(I64F64.fromLong(Long.MAX_VALUE).toU64Saturating()).isEqualTo(Long.MAX_VALUE);
        // MAX has 63 integer bits: 2^63 - 1 as u64
        assertThat(I64F64.MAX.toU64Saturating()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void fromU64() {
        assertThat(I64F64.fromU64(0)).isEqualTo(I64F64.ZERO);
        assertThat(I64F64.fromU64(Long.MAX_VALUE)).isEqualTo(I64F64.fromLong(Long.MAX_VALUE));
        // u64 values >= 2^63 exceed the 63 integer bits of a signed I64F64: they saturate
        // (saturating_from_num), never wrap to a negative number
        assertThat(I64F64.fromU64(Long.MIN_VALUE)).isEqualTo(I64F64.MAX);
        assertThat(I64F64.fromU64(-1L)).isEqualTo(I64F64.MAX);
    }

    @Test
    void fromI32F32IsExact() {
        assertThat(I64F64.fromI32F32(I32F32.ofBits(-1)).bits())
                .isEqualTo(BigInteger.valueOf(-1).shiftLeft(32));
        assertThat(I64F64.fromI32F32(I32F32.MAX).toI32F32()).isEqualTo(I32F32.MAX);
    }

    @Test
    void toStringAndCompare() {
        assertThat(d(-0.75).toString()).isEqualTo("-0.75");
        assertThat(I64F64.ONE.toString()).isEqualTo("1");
        assertThat(bits(1).toString()).isEqualTo("0.0000000000000000000542101086242752217003726400434970855712890625");
        assertThat(d(-1).compareTo(d(0.5))).isNegative();
        assertThat(I64F64.ZERO.isZero()).isTrue();
    }
}
