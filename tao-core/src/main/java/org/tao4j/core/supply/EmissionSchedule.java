package org.tao4j.core.supply;

import org.tao4j.core.fixed.I96F32;

/**
 * The issuance-based halving of the block emission (docs/spec/chain.md §1, docs/spec/yuma.md §4).
 *
 * <p>Computed in I96F32 with truncating divisions and the ported log2, so that every node and the
 * reference chain get the same rao at every issuance. Pure: no state, no clock.
 */
public final class EmissionSchedule {

    /** 1 TAO in rao. */
    public static final long RAO_PER_TAO = 1_000_000_000L;
    /** The hard cap: 21,000,000 TAO in rao. */
    public static final long TOTAL_SUPPLY = 21_000_000L * RAO_PER_TAO;
    /** The emission of era 0, in rao per block. */
    public static final long DEFAULT_BLOCK_EMISSION = RAO_PER_TAO;

    private static final I96F32 SUPPLY = I96F32.fromLong(TOTAL_SUPPLY);
    private static final I96F32 TWO = I96F32.fromLong(2);

    private EmissionSchedule() {}

    /** The block emission in rao at the given issuance (rao). Issuance must be >= 0. */
    public static long blockEmission(long issuance) {
        int era = era(issuance);
        if (era < 0) {
            return 0;
        }
        I96F32 multiplier = I96F32.ONE;
        for (int i = 0; i < era; i++) {
            multiplier = multiplier.mul(TWO); // saturating doubling, as the reference
        }
        I96F32 fraction = I96F32.ONE.safeDiv(multiplier);
        return fraction.mul(I96F32.fromLong(DEFAULT_BLOCK_EMISSION)).toU64Saturating();
    }

    /**
     * The halving era at this issuance: floor(log2(1 / (1 - issuance / 21e15))), or -1 at or above
     * the cap, where emission has stopped.
     */
    public static int era(long issuance) {
        if (issuance < 0) {
            throw new IllegalArgumentException("issuance must be >= 0, got " + issuance);
        }
        I96F32 total = I96F32.fromLong(issuance);
        if (total.compareTo(SUPPLY) >= 0) {
            return -1;
        }
        // 21e15 is written as 2 * 10.5e15 in the reference; the product is exact either way.
        // total < supply, so neither division can fail
        I96F32 q = total.checkedDiv(TWO.mul(I96F32.fromLong(TOTAL_SUPPLY / 2)));
        I96F32 x = I96F32.ONE.checkedDiv(I96F32.ONE.sub(q));
        I96F32 residual = x.log2();
        if (residual == null) {
            return -1;
        }
        long floored = residual.floor().toU64Saturating();
        return (int) Math.min(floored, 128);
    }

    /**
     * The smallest issuance above {@code issuance} whose era is higher, i.e. where the next halving
     * happens; {@link #TOTAL_SUPPLY} once no higher era exists below the cap (from era 32: the
     * I96F32 arithmetic cannot tell issuances apart closer to the cap than 2^-32 of it). The emission
     * itself is already 0 from era 30.
     * Found by binary search over the exact function, so it agrees with {@link #blockEmission}.
     */
    public static long nextHalvingIssuance(long issuance) {
        int era = era(issuance);
        if (era < 0) {
            return TOTAL_SUPPLY;
        }
        long lo = issuance; // era(lo) == era
        long hi = TOTAL_SUPPLY; // era(hi) == -1, counted as "after"
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            int e = era(mid);
            if (e >= 0 && e <= era) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }
}
