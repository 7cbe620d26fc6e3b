package org.tao4j.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * set_weights' max-upscale to u16 (docs/spec/yuma.md §4). Every expectation below is computed by hand with the
 * I32F32 rules: mul floors, div truncates, round is half-away-from-zero.
 */
class MaxUpscaleTest {

    private static int[] up(int... v) {
        return MaxUpscale.toU16(v);
    }

    @Test
    void emptyAndAllZero() {
        assertThat(up()).isEmpty();
        assertThat(up(0, 0)).containsExactly(0, 0);
        assertThat(up(0)).containsExactly(0);
    }

    @Test
    void singleValueBecomesMax() {
        // max 1 <= 32768: 1 * 65535 / 1 = 65535
        assertThat(up(1)).containsExactly(65535);
        assertThat(up(65535)).containsExactly(65535);
        assertThat(up(32768)).containsExactly(65535);
        assertThat(up(32769)).containsExactly(65535);
    }

    @Test
    void alreadyUpscaledIsUnchanged() {
        // max 65535 > 32768: factor 65535 / 65535 = 1 exactly
        assertThat(up(65535, 0)).containsExactly(65535, 0);
        assertThat(up(16383, 65535)).containsExactly(16383, 65535);
        assertThat(up(0, 1, 2, 65535)).containsExactly(0, 1, 2, 65535);
    }

    @Test
    void halfRoundsAwayFromZero() {
        // max 2 <= 32768: 1 * 65535 / 2 = 32767.5 exactly, rounds up to 32768
        assertThat(up(1, 2)).containsExactly(32768, 65535);
        // max 32768 is still the "<=" branch: 16384 * 65535 / 32768 = 32767.5 -> 32768
        assertThat(up(16384, 32768)).containsExactly(32768, 65535);
        // 1 * 65535 / 32768 = 1.99997 -> 2
        assertThat(up(1, 32768)).containsExactly(2, 65535);
        // 1 * 65535 / 3 = 21845 exactly; 2 * 65535 / 3 = 43690 exactly
        assertThat(up(1, 2, 3)).containsExactly(21845, 43690, 65535);
        // 1 * 65535 / 4 = 16383.75 -> 16384 ; 2 -> 32767.5 -> 32768 ; 3 -> 49151.25 -> 49151
        assertThat(up(1, 2, 3, 4)).containsExactly(16384, 32768, 49151, 65535);
    }

    @Test
    void aboveThresholdUsesTheTruncatedFactor() {
        // max 38550 > 32768: factor = trunc(65535 * 2^32 / 38550) / 2^32 = 7301444403 / 2^32, one bit
        // short of 1.7. 5 * factor = 36507222015 / 2^32 = 8.5 - 2^-32, which rounds to 8. The "<="
        // branch formula would give exactly 5 * 65535 / 38550 = 8.5 -> 9: the branch matters.
        assertThat(up(5, 38550)).containsExactly(8, 65535);
        // the max itself: 38550 * 7301444403 / 2^32 floors just below 65535, rounds back to it
        assertThat(up(38550)).containsExactly(65535);
    }

    @Test
    void aboveThresholdOrdinaryValues() {
        // max 32769: factor = 1.99990844..., 16384 * factor = 32766.50004... -> 32767 ; 1 -> 2
        assertThat(up(1, 16384, 32769)).containsExactly(2, 32767, 65535);
        // max 40000: 20000 * 65535 / 40000 = 32767.5 in exact arithmetic, but the factor
        // 65535 / 40000 = 13107 / 8000 is not dyadic; truncated to 32 bits it gives
        // 32767.4999... -> 32767
        assertThat(up(20000, 40000)).containsExactly(32767, 65535);
    }

    @Test
    void rejectsValuesOutsideU16() {
        assertThatThrownBy(() -> up(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> up(1, 65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> up(0, Integer.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void doesNotMutateItsInput() {
        int[] in = {1, 2};
        MaxUpscale.toU16(in);
        assertThat(in).containsExactly(1, 2);
    }

    @Property(tries = 500)
    void maxBecomes65535AndOrderIsKept(@ForAll @Size(min = 1, max = 16) int[] raw) {
        int[] v = new int[raw.length];
        for (int k = 0; k < raw.length; k++) {
            v[k] = Math.floorMod(raw[k], 65536);
        }
        int[] out = MaxUpscale.toU16(v);
        int max = 0;
        for (int x : v) {
            max = Math.max(max, x);
        }
        for (int k = 0; k < v.length; k++) {
            assertThat(out[k]).isBetween(0, 65535);
            if (v[k] == max && max > 0) {
                assertThat(out[k]).isEqualTo(65535);
            }
            if (v[k] == 0) {
                assertThat(out[k]).isZero();
            }
            for (int q = 0; q < v.length; q++) {
                if (v[k] <= v[q]) {
                    assertThat(out[k]).isLessThanOrEqualTo(out[q]);
                }
            }
            if (max > 0) {
                // within half a step of the exact rational v * 65535 / max, plus the factor's
                // truncation (< 2^-32 * 65535) in the "> 32768" branch
                double exact = v[k] * 65535.0 / max;
                assertThat((double) out[k]).isCloseTo(exact, org.assertj.core.data.Offset.offset(0.5 + 2e-5));
            }
        }
    }

    @Property(tries = 200)
    void idempotent(@ForAll @Size(min = 1, max = 8) int[] raw, @ForAll @IntRange(min = 1, max = 65535) int top) {
        int[] v = new int[raw.length + 1];
        for (int k = 0; k < raw.length; k++) {
            v[k] = Math.floorMod(raw[k], top + 1);
        }
        v[raw.length] = top;
        int[] once = MaxUpscale.toU16(v);
        assertThat(MaxUpscale.toU16(once)).containsExactly(once);
    }
}
