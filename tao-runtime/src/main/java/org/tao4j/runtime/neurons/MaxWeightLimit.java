package org.tao4j.runtime.neurons;

import static org.tao4j.core.fixed.I32F32.addBits;
import static org.tao4j.core.fixed.I32F32.fromIntBits;
import static org.tao4j.core.fixed.I32F32.safeDivBits;

/**
 * The {@code max_weights_limit} check of {@code set_weights} (docs/spec/chain.md §4): no weight may exceed the
 * limit after the row is normalised. Consensus code: a port of the reference's
 * {@code check_vec_max_limited}, in I32F32 (docs/spec/yuma.md §1), no doubles.
 */
public final class MaxWeightLimit {

    private static final long U16_MAX = fromIntBits(65535);

    private MaxWeightLimit() {}

    /**
     * True when the row is within the limit: {@code limit == 65535} (no limit), or the largest value
     * of the row normalised to sum 1 is {@code <= limit / 65535}. As in the reference, an empty row
     * has no largest value and is not within a limit below 65535, and an all-zero row (which
     * normalisation leaves at zero) always is.
     *
     * @param values u16 values (the chain passes the max-upscaled row, as the reference does)
     * @param limit  the subnet's {@code max_weights_limit}, u16
     */
    public static boolean withinLimit(int[] values, int limit) {
        if (limit == 0xFFFF) {
            return true;
        }
        if (values.length == 0) {
            return false;
        }
        return maxNormalizedBits(values) <= limitBits(limit);
    }

    /** {@code limit / 65535} in I32F32 bits. */
    public static long limitBits(int limit) {
        return safeDivBits(fromIntBits(limit), U16_MAX);
    }

    /**
     * The largest value of the row after {@code inplace_normalize} in I32F32, as raw bits: each value
     * divided by the sum with the safe division, the sum a left fold; 0 for an all-zero or empty row.
     */
    public static long maxNormalizedBits(int[] values) {
        long sum = 0;
        long max = 0;
        for (int v : values) {
            if (v < 0 || v > 0xFFFF) {
                throw new IllegalArgumentException("weight value " + v + " is not a u16");
            }
            long bits = fromIntBits(v);
            sum = addBits(sum, bits);
            max = Math.max(max, bits);
        }
        // normalisation divides every value by the same sum, so the largest stays the largest
        return sum == 0 ? max : safeDivBits(max, sum);
    }

    /** A proportion in I32F32 bits (0..1) as a percentage with up to four decimals, floored: for messages. */
    static String percent(long bits) {
        long ppm = (Math.max(0, Math.min(bits, 1L << 32)) * 1_000_000L) >>> 32;
        // integer formatting only: the text ends up in block events, which must not depend on a locale
        StringBuilder frac =
                new StringBuilder(Long.toString(10_000 + ppm % 10_000).substring(1));
        while (frac.length() > 0 && frac.charAt(frac.length() - 1) == '0') {
            frac.setLength(frac.length() - 1);
        }
        return (ppm / 10_000) + (frac.length() == 0 ? "" : "." + frac) + "%";
    }
}
