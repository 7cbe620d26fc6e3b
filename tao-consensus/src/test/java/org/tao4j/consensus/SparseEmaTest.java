package org.tao4j.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.consensus.WeightedMedianTest.fx;
import static org.tao4j.core.fixed.I32F32.ONE_BITS;

import org.junit.jupiter.api.Test;
import org.tao4j.core.fixed.I32F32;

/**
 * The bond EMAs: the Yuma 3 per-entry-alpha EMA clamped at 1 (docs/spec/yuma.md §3 step 12, unit case in §4)
 * and the Yuma 2 union EMA ({@code mat_ema_sparse}, step 11).
 */
class SparseEmaTest {

    private static final double[][] NEW = {{1, 2, 3}, {4, 5, 6}};
    private static final double[][] OLD = {{.5, 1.5, 2.5}, {3.5, 4.5, 5.5}};

    /** The unit case's 2 x 3 matrices, as a square 3 x 3 sparse matrix whose last row is empty. */
    private static SparseMatrix square(double[][] rows) {
        return WeightedMedianTest.sparse(3, rows);
    }

    private static long[][] dense(SparseMatrix m) {
        long[][] out = new long[m.n][m.n];
        for (int i = 0; i < m.n; i++) {
            for (int k = 0; k < m.cols[i].length; k++) {
                out[i][m.cols[i][k]] = m.vals[i][k];
            }
        }
        return out;
    }

    /**
     * Liquid alpha with alpha_low = alpha_high = 0.5: the sigmoid is clamped into [lo, hi], so every
     * per-entry alpha is exactly 0.5 whatever the consensus and steepness. That turns
     * {@link LiquidAlpha#ema} into the spec's "per-entry alpha" EMA with a known alpha.
     */
    @Test
    void specUnitCaseClampsAtOne() {
        long half = fx(.5);
        SparseMatrix out = LiquidAlpha.ema(
                square(NEW),
                square(OLD),
                fx(.3, .3, .3),
                half,
                half,
                I32F32.fromInt(1000).bits());
        assertThat(dense(out)).isDeepEqualTo(new long[][] {
            {fx(.75), ONE_BITS, ONE_BITS},
            {ONE_BITS, ONE_BITS, ONE_BITS},
            {0, 0, 0},
        });
        // columns stay in row order and nothing else is created
        assertThat(out.cols[0]).containsExactly(0, 1, 2);
        assertThat(out.cols[1]).containsExactly(0, 1, 2);
        assertThat(out.cols[2]).isEmpty();
    }

    @Test
    void perEntryAlphaIsIndependentOfConsensusWhenLowEqualsHigh() {
        long half = fx(.5);
        for (long[] consensus : new long[][] {fx(0, 0, 0), fx(1, 1, 1), fx(.1, .9, .4)}) {
            for (int steepness : new int[] {-32768, -1, 0, 1, 1000, 32767}) {
                SparseMatrix out = LiquidAlpha.ema(
                        square(NEW),
                        square(OLD),
                        consensus,
                        half,
                        half,
                        I32F32.fromInt(steepness).bits());
                assertThat(out.vals[0][0]).isEqualTo(fx(.75));
            }
        }
    }

    @Test
    void liquidAlphaDropsBondsWithoutAWeightEntryButDecaysExplicitZeros() {
        // row 0: weights have col 0 (value 0) and col 2; bonds have cols 0, 1, 2.
        SparseMatrix w = new SparseMatrix(3);
        w.setRow(0, new int[] {0, 2}, new long[] {0, fx(.5)}, 2);
        SparseMatrix b = new SparseMatrix(3);
        b.setRow(0, new int[] {0, 1, 2}, new long[] {fx(.5), fx(.5), fx(.25)}, 3);
        long a = fx(.25);
        SparseMatrix out = LiquidAlpha.ema(w, b, fx(.5, .5, .5), a, a, 0);
        // col 0: (1 - .25) * .5 + max(.25 * 0, 0) = .375 ; col 1 dropped ; col 2: .75*.25 + .25*.5 = .3125
        assertThat(out.cols[0]).containsExactly(0, 2);
        assertThat(out.vals[0]).containsExactly(fx(.375), fx(.3125));
    }

    @Test
    void liquidAlphaDropsEntriesThatDecayToZero() {
        SparseMatrix w = new SparseMatrix(2);
        w.setRow(0, new int[] {1}, new long[] {0}, 1);
        SparseMatrix b = new SparseMatrix(2); // no old bond
        SparseMatrix out = LiquidAlpha.ema(w, b, fx(.5, .5), fx(.1), fx(.9), 1000);
        assertThat(out.cols[0]).isEmpty();
    }

    @Test
    void sigmoidAlphaWithZeroSteepnessIsTheMidpoint() {
        // steepness 0: exp(0) = 1, sigmoid = 1/2, alpha = lo + (hi - lo) / 2 exactly
        long lo = fx(.25);
        long hi = fx(.75);
        for (double w : new double[] {0, .3, 1}) {
            long alpha = LiquidAlpha.alpha(fx(.5), fx(w), fx(.2), lo, hi, 0);
            assertThat(alpha).isEqualTo(fx(.5));
        }
    }

    @Test
    void sigmoidAlphaStaysWithinLowAndHigh() {
        long lo = I32F32.u16ProportionBits(45875);
        long hi = I32F32.u16ProportionBits(58982);
        long scaled = I32F32.saturatingDivBits(
                I32F32.fromInt(1000).bits(), I32F32.fromInt(-100).bits());
        for (double c : new double[] {0, .2, .5, 1}) {
            for (double w : new double[] {0, .1, .5, 1}) {
                for (double b : new double[] {0, .3, 1}) {
                    long alpha = LiquidAlpha.alpha(fx(c), fx(w), fx(b), lo, hi, scaled);
                    assertThat(alpha).isBetween(lo, hi);
                }
            }
        }
        // steepness 1000 (scaled -10): a weight far above consensus buys with a high alpha,
        // one at consensus with a low alpha
        long buyFar = LiquidAlpha.alpha(fx(0), fx(1), fx(0), lo, hi, scaled);
        long buyNone = LiquidAlpha.alpha(fx(1), fx(1), fx(0), lo, hi, scaled);
        assertThat(buyFar).isGreaterThan(buyNone);
        assertThat(buyFar - lo).isGreaterThan(hi - buyFar); // close to hi
        assertThat(buyNone - lo).isLessThan(hi - buyNone); // close to lo
    }

    @Test
    void sigmoidAlphaWithLowAboveHighIsLow() {
        long alpha = LiquidAlpha.alpha(fx(.1), fx(.9), fx(0), fx(.8), fx(.2), fx(-10));
        assertThat(alpha).isEqualTo(fx(.8));
    }

    // ------------------------------------------------------------ Yuma 2 union EMA

    @Test
    void unionEmaOnTheUnitCaseInputsDoesNotClamp() {
        SparseMatrix out = SparseMatrix.ema(square(NEW), square(OLD), fx(.5));
        assertThat(dense(out)).isDeepEqualTo(new long[][] {
            {fx(.75), fx(1.75), fx(2.75)},
            {fx(3.75), fx(4.75), fx(5.75)},
            {0, 0, 0},
        });
    }

    @Test
    void unionEmaKeepsEntriesFromEitherSideInColumnOrder() {
        SparseMatrix fresh = new SparseMatrix(4);
        fresh.setRow(0, new int[] {3, 1}, new long[] {fx(1), fx(.5)}, 2);
        SparseMatrix old = new SparseMatrix(4);
        old.setRow(0, new int[] {2, 1}, new long[] {fx(.5), fx(1)}, 2);
        old.setRow(1, new int[] {0}, new long[] {fx(1)}, 1);
        long alpha = fx(.25);
        SparseMatrix out = SparseMatrix.ema(fresh, old, alpha);
        // col 1: .25*.5 + .75*1 = .875 ; col 2: .75*.5 = .375 ; col 3: .25*1 = .25
        assertThat(out.cols[0]).containsExactly(1, 2, 3);
        assertThat(out.vals[0]).containsExactly(fx(.875), fx(.375), fx(.25));
        assertThat(out.cols[1]).containsExactly(0);
        assertThat(out.vals[1]).containsExactly(fx(.75));
        assertThat(out.cols[2]).isEmpty();
    }

    @Test
    void unionEmaDropsNonPositiveResults() {
        SparseMatrix fresh = new SparseMatrix(2);
        fresh.setRow(0, new int[] {0, 1}, new long[] {0, fx(1)}, 2);
        SparseMatrix old = new SparseMatrix(2);
        old.setRow(0, new int[] {0}, new long[] {0}, 1);
        // alpha 1: old entries vanish, zero entries are dropped
        SparseMatrix out = SparseMatrix.ema(fresh, old, ONE_BITS);
        assertThat(out.cols[0]).containsExactly(1);
        assertThat(out.vals[0]).containsExactly(ONE_BITS);
    }

    @Test
    void movingAverageAlphaOfTheDefault() {
        // 1 - floor_to_I32F32(900000 / 1e6) = 2^32 - 3865470566
        assertThat(Epoch.movingAverageAlpha(900_000))
                .isEqualTo(ONE_BITS - 3865470566L)
                .isEqualTo(429496730L);
        assertThat(Epoch.movingAverageAlpha(0)).isEqualTo(ONE_BITS);
        assertThat(Epoch.movingAverageAlpha(1_000_000)).isZero();
        assertThat(Epoch.movingAverageAlpha(500_000)).isEqualTo(ONE_BITS / 2);
    }
}
