package org.tao4j.consensus;

import static org.tao4j.core.fixed.I32F32.ONE_BITS;
import static org.tao4j.core.fixed.I32F32.addBits;
import static org.tao4j.core.fixed.I32F32.fromIntBits;
import static org.tao4j.core.fixed.I32F32.mulBits;
import static org.tao4j.core.fixed.I32F32.saturatingDivBits;
import static org.tao4j.core.fixed.I32F32.subBits;

import org.tao4j.core.fixed.Transcendental;

/**
 * Yuma 3 bonds with liquid alpha (docs/spec/yuma.md §3 step 12): a per-bond EMA factor from a sigmoid of how
 * far the validator's weight is from consensus, then {@code min(1, (1-a)*b + max(a*w, 0))} for every
 * entry of the weights-for-bonds row.
 *
 * <p>The reference computes the alpha of every (row, column) pair by walking the weight and bond
 * rows with forward-only cursors, which only finds the entries that are larger than every entry
 * before them in the row (the rows are normally ascending, so that is all of them). We reproduce
 * exactly that, but only for the columns that appear in the weights-for-bonds row, which are the
 * only ones the EMA reads, so the cost stays proportional to the number of entries.
 */
final class LiquidAlpha {

    private LiquidAlpha() {}

    static SparseMatrix ema(
            SparseMatrix weights, SparseMatrix bonds, long[] consensus, long alphaLow, long alphaHigh, long steepness) {
        int n = weights.n;
        SparseMatrix out = new SparseMatrix(n);
        long[] wSeen = new long[n];
        long[] bSeen = new long[n];
        long[] old = new long[n];
        boolean[] hasOld = new boolean[n];
        long minusHundred = fromIntBits(-100);
        long steepnessScaled = saturatingDivBits(steepness, minusHundred);
        // alpha depends on (w, b, c) only through the buy/sell difference, which is 0 for most bonds
        // (weight below consensus and at or above the bond): compute that case once. The same pure
        // function of the same bits, so the result is identical; it saves most of the exp calls.
        long alphaAtZero = alphaOf(0, alphaLow, alphaHigh, steepnessScaled);
        for (int i = 0; i < n; i++) {
            int[] wc = weights.cols[i];
            long[] wv = weights.vals[i];
            int[] bc = bonds.cols[i];
            long[] bv = bonds.vals[i];
            markCursorVisible(wc, wv, wSeen, +1);
            markCursorVisible(bc, bv, bSeen, +1);
            for (int k = 0; k < bc.length; k++) {
                old[bc[k]] = bv[k];
                hasOld[bc[k]] = true;
            }
            int[] nc = new int[wc.length];
            long[] nv = new long[wc.length];
            int len = 0;
            for (int k = 0; k < wc.length; k++) {
                int j = wc[k];
                long combined = combined(consensus[j], wSeen[j], bSeen[j]);
                long a = combined == 0 ? alphaAtZero : alphaOf(combined, alphaLow, alphaHigh, steepnessScaled);
                long decayed = hasOld[j] ? mulBits(subBits(ONE_BITS, a), old[j]) : 0;
                long inc = Math.max(mulBits(a, wv[k]), 0);
                long val = Math.min(addBits(decayed, inc), ONE_BITS);
                if (val > 0) {
                    nc[len] = j;
                    nv[len++] = val;
                }
            }
            for (int k = 0; k < bc.length; k++) {
                old[bc[k]] = 0;
                hasOld[bc[k]] = false;
            }
            clear(wc, wSeen);
            clear(bc, bSeen);
            out.setRow(i, nc, nv, len);
        }
        return out;
    }

    /** Records, for the entries a forward-only cursor over the row would find, their values. */
    private static void markCursorVisible(int[] c, long[] v, long[] seen, int unused) {
        int max = -1;
        for (int k = 0; k < c.length; k++) {
            if (c[k] > max) {
                seen[c[k]] = v[k];
                max = c[k];
            }
        }
    }

    private static void clear(int[] c, long[] seen) {
        for (int j : c) {
            seen[j] = 0;
        }
    }

    /** liquid_alpha_sigmoid, clamped to [low, high]. */
    static long alpha(long consensus, long weight, long bond, long low, long high, long steepnessScaled) {
        return alphaOf(combined(consensus, weight, bond), low, high, steepnessScaled);
    }

    /** How far the bond is from where the weight says it should go: the buy or the sell difference. */
    private static long combined(long consensus, long weight, long bond) {
        long diffBuy = clamp(subBits(weight, consensus), 0, ONE_BITS);
        long diffSell = clamp(subBits(bond, weight), 0, ONE_BITS);
        return weight >= bond ? diffBuy : diffSell;
    }

    private static long alphaOf(long combined, long low, long high, long steepnessScaled) {
        long half = ONE_BITS >>> 1;
        long exp = Transcendental.expSafeBits(mulBits(steepnessScaled, subBits(combined, half)));
        long sigmoid = saturatingDivBits(ONE_BITS, addBits(ONE_BITS, exp));
        long alpha = addBits(low, mulBits(sigmoid, subBits(high, low)));
        return clamp(alpha, low, high);
    }

    /** clamp_i32f32: min with high first, then max with low (so low wins if low > high). */
    private static long clamp(long v, long low, long high) {
        return Math.max(Math.min(v, high), low);
    }
}
