package org.tao4j.consensus;

import static org.tao4j.core.fixed.I32F32.fromIntBits;
import static org.tao4j.core.fixed.I32F32.mulBits;
import static org.tao4j.core.fixed.I32F32.roundBits;
import static org.tao4j.core.fixed.I32F32.safeDivBits;
import static org.tao4j.core.fixed.I32F32.toU16Saturating;

/**
 * {@code set_weights}' max-upscale of submitted u16 values so that the largest becomes 65535
 * (docs/spec/yuma.md §4; the reference's {@code vec_u16_max_upscale_to_u16}). Consensus code.
 */
public final class MaxUpscale {

    private static final long U16_MAX = fromIntBits(65535);
    private static final long THRESHOLD = fromIntBits(32768);

    private MaxUpscale() {}

    public static int[] toU16(int[] values) {
        int[] out = new int[values.length];
        if (values.length == 0) {
            return out;
        }
        long max = Long.MIN_VALUE;
        for (int v : values) {
            if (v < 0 || v > 0xFFFF) {
                throw new IllegalArgumentException("weight value " + v + " is not a u16");
            }
            max = Math.max(max, fromIntBits(v));
        }
        if (max == 0) {
            return out; // all zero: e * 65535 floors to 0
        }
        if (max > THRESHOLD) {
            long factor = safeDivBits(U16_MAX, max);
            for (int k = 0; k < values.length; k++) {
                out[k] = toU16Saturating(roundBits(mulBits(fromIntBits(values[k]), factor)));
            }
        } else {
            for (int k = 0; k < values.length; k++) {
                out[k] = toU16Saturating(roundBits(safeDivBits(mulBits(fromIntBits(values[k]), U16_MAX), max)));
            }
        }
        return out;
    }
}
