package org.tao4j.runtime.neurons;

import java.math.BigInteger;

/**
 * The per-block burn decay factor of docs/spec/chain.md §4: {@code burn ← burn · f} with
 * {@code f^burn_half_life = 1/2}, in integer arithmetic only.
 *
 * <p>Choice: f is the Q64 fixed-point constant {@code F = floor(2^64 · 2^(−1/h))}, i.e. the largest
 * integer x < 2^64 with {@code x^h ≤ 2^(64h − 1)}, found by an exact binary search over BigInteger
 * powers. One block's decay is {@code floor(burn · F / 2^64)} (one unsigned 64×64→128 multiply).
 * Flooring loses at most 1 rao per block; after h blocks the burn is within h rao below half.
 * No floating point is involved, so every node computes the same value. The constant for the
 * default half-life (360) is precomputed and checked by a test; any other half-life (a governance
 * change) is computed once and kept in a one-entry cache (a pure function of h, so the cache cannot
 * make nodes disagree).
 */
public final class BurnDecay {

    /** floor(2^64 · 2^(−1/360)) as an unsigned 64-bit value (≈ 0.99807644357562 · 2^64). */
    public static final long F_360 = 0xff81f01410b8776fL;

    private record Cached(int halfLife, long factor) {}

    private static volatile Cached cache = new Cached(360, F_360);

    private BurnDecay() {}

    /** The Q64 factor for half-life {@code h} &gt; 0 blocks, as an unsigned 64-bit value. */
    public static long factor(int h) {
        Cached c = cache;
        if (c.halfLife() == h) {
            return c.factor();
        }
        long f = compute(h);
        cache = new Cached(h, f);
        return f;
    }

    /** The exact search: the largest x in [0, 2^64) with x^h ≤ 2^(64h − 1). */
    public static long compute(int h) {
        if (h <= 0) {
            throw new IllegalArgumentException("the burn half-life must be positive, got " + h);
        }
        BigInteger target = BigInteger.ONE.shiftLeft(64 * h - 1);
        BigInteger lo = BigInteger.ZERO; // lo^h ≤ target
        BigInteger hi = BigInteger.ONE.shiftLeft(64); // hi^h > target
        while (hi.subtract(lo).compareTo(BigInteger.ONE) > 0) {
            BigInteger mid = lo.add(hi).shiftRight(1);
            if (mid.pow(h).compareTo(target) <= 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo.longValue();
    }

    /**
     * One block of decay before clamping: {@code floor(burn · F / 2^64)}. A half-life of 0 (not a
     * value docs/spec/chain.md allows, but a parameter could be set to it) means no decay.
     */
    public static long decayOnce(long burn, int halfLife) {
        if (burn <= 0 || halfLife <= 0) {
            return Math.max(burn, 0);
        }
        return Math.unsignedMultiplyHigh(burn, factor(halfLife));
    }
}
