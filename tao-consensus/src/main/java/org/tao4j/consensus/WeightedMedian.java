package org.tao4j.consensus;

import static org.tao4j.core.fixed.I32F32.addBits;
import static org.tao4j.core.fixed.I32F32.subBits;

/**
 * The reference's deterministic stake-weighted median (docs/spec/yuma.md §3 step 6): a quickselect whose
 * pivot is the middle element of the current index list, so that every implementation walks the
 * same partitions. Iterative, so a long chain of partitions cannot overflow the stack.
 */
final class WeightedMedian {

    private WeightedMedian() {}

    /**
     * @param stake    the renormalised positive stakes, I32F32 bits
     * @param score    the column's value for each of those stakes, I32F32 bits
     * @param minority stake sum minus kappa
     * @param hi       the stake sum
     * @param bufA     scratch of at least stake.length
     * @param bufB     scratch of at least stake.length
     * @param bufC     scratch of at least stake.length
     */
    static long median(long[] stake, long[] score, long minority, long hi, int[] bufA, int[] bufB, int[] bufC) {
        int len = stake.length;
        if (len == 0) {
            return 0;
        }
        int[] idx = bufA;
        for (int k = 0; k < len; k++) {
            idx[k] = k;
        }
        int[] lower = bufB;
        int[] upper = bufC;
        long lo = 0;
        while (true) {
            if (len == 1) {
                return score[idx[0]];
            }
            long pivot = score[idx[len / 2]];
            long loStake = 0;
            long hiStake = 0;
            int nl = 0;
            int nu = 0;
            for (int k = 0; k < len; k++) {
                int q = idx[k];
                long s = score[q];
                if (s == pivot) {
                    continue;
                }
                if (s < pivot) {
                    loStake = addBits(loStake, stake[q]);
                    lower[nl++] = q;
                } else {
                    hiStake = addBits(hiStake, stake[q]);
                    upper[nu++] = q;
                }
            }
            long loEdge = addBits(lo, loStake);
            long hiEdge = subBits(hi, hiStake);
            if (loEdge <= minority && minority < hiEdge) {
                return pivot;
            } else if (minority < loEdge && nl > 0) {
                int[] t = idx;
                idx = lower;
                lower = t;
                len = nl;
                hi = loEdge;
            } else if (hiEdge <= minority && nu > 0) {
                int[] t = idx;
                idx = upper;
                upper = t;
                len = nu;
                lo = hiEdge;
            } else {
                return pivot;
            }
        }
    }
}
