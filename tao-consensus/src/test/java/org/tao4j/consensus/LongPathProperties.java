package org.tao4j.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.tao4j.core.fixed.I32F32;
import org.tao4j.core.fixed.I64F64;
import org.tao4j.core.fixed.I96F32;

/** The epoch's long-only shortcuts give the same integers as the spec's I64F64 / I96F32 arithmetic. */
class LongPathProperties {

    @Property(tries = 5000)
    void toRaoEqualsTheI96F32Product(
            @ForAll @LongRange(min = 0, max = 1L << 32) long share,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long emission) {
        long expected = I96F32.fromI32F32(I32F32.ofBits(share))
                .mul(I96F32.fromU64(emission))
                .toU64Saturating();
        assertThat(Epoch.toRao(share, emission)).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void stakeNormalisationEqualsI64F64ThenFloor(
            @ForAll @Size(min = 1, max = 20) List<@LongRange(min = 0, max = 21_000_000_000_000_000L) Long> stakes) {
        List<NeuronSnapshot> ns = new ArrayList<>();
        BigInteger total = BigInteger.ZERO;
        for (long s : stakes) {
            ns.add(NeuronSnapshot.of(s, 0, 0));
            total = total.add(BigInteger.valueOf(s));
        }
        long[] got = Epoch.normalizedStake(ns, 0, -1);
        for (int i = 0; i < stakes.size(); i++) {
            long expected = total.signum() == 0
                    ? 0
                    : I64F64.fromLong(stakes.get(i))
                            .safeDiv(new I64F64(total.shiftLeft(64)))
                            .toI32F32()
                            .bits();
            assertThat(got[i]).isEqualTo(expected);
        }
    }
}
