package org.tao4j.core.fixed;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The long-only 128-by-64 division against BigInteger, on the edges that matter (normalisation shifts). */
class WideDivisionProperties {

    private static final BigInteger TWO64 = BigInteger.ONE.shiftLeft(64);

    private static BigInteger unsigned(long x) {
        return BigInteger.valueOf(x).and(TWO64.subtract(BigInteger.ONE));
    }

    @Provide
    Arbitrary<Long> words() {
        return Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.of(
                        0L,
                        1L,
                        -1L,
                        Long.MIN_VALUE,
                        Long.MAX_VALUE,
                        1L << 32,
                        (1L << 32) - 1,
                        0xFFFFFFFF00000000L,
                        0x8000000000000001L));
    }

    @Property(tries = 20000)
    void divideUnsigned128MatchesBigInteger(
            @ForAll("words") long u1, @ForAll("words") long u0, @ForAll("words") long v) {
        if (v == 0) {
            return;
        }
        BigInteger bv = unsigned(v);
        BigInteger hi = unsigned(u1).mod(bv); // the precondition u1 < v
        long h = hi.longValue();
        BigInteger expected = hi.shiftLeft(64).add(unsigned(u0)).divide(bv);
        assertThat(unsigned(I32F32.divideUnsigned128(h, u0, v))).isEqualTo(expected);
    }

    @Property(tries = 20000)
    void allThreeDivisionsMatchBigInteger(@ForAll("words") long a, @ForAll("words") long b) {
        if (b == 0) {
            return;
        }
        BigInteger q = BigInteger.valueOf(a).shiftLeft(32).divide(BigInteger.valueOf(b)); // truncates toward zero
        boolean fits = q.bitLength() <= 63;
        assertThat(I32F32.safeDivBits(a, b)).isEqualTo(fits ? q.longValue() : 0L);
        long sat = q.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        assertThat(I32F32.saturatingDivBits(a, b)).isEqualTo(fits ? q.longValue() : sat);
        if (fits) {
            assertThat(I32F32.checkedDivBits(a, b)).isEqualTo(q.longValue());
        }
    }
}
