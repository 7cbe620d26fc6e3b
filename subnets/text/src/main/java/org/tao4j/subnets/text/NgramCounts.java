package org.tao4j.subnets.text;

import java.util.Arrays;

/** How often each n-gram of length 1 to {@code maxLength} occurs in a text. Built once, then read. */
final class NgramCounts {
    final int maxLength;
    final NgramIndex index;
    /** Occurrences, by entry. */
    final int[] counts;

    private NgramCounts(int maxLength, NgramIndex index, int[] counts) {
        this.maxLength = maxLength;
        this.index = index;
        this.counts = counts;
    }

    static NgramCounts of(byte[] text, int maxLength) {
        if (maxLength < 1 || maxLength > NgramIndex.MAX_LENGTH) {
            throw new IllegalArgumentException("n-gram length must be 1 to " + NgramIndex.MAX_LENGTH);
        }
        NgramIndex index = new NgramIndex(1 << 16);
        int[] counts = new int[1 << 16];
        for (int i = 0; i < text.length; i++) {
            long key = 0;
            // the n-grams ending at i, grown to the left: prepend the older symbol in the high bits
            for (int n = 1; n <= maxLength && i - n + 1 >= 0; n++) {
                key |= (long) (text[i - n + 1] + 1) << (6 * (n - 1));
                int entry = index.addOrFind(key);
                if (entry == counts.length) {
                    counts = Arrays.copyOf(counts, counts.length * 2);
                }
                counts[entry]++;
            }
        }
        return new NgramCounts(maxLength, index, Arrays.copyOf(counts, index.size()));
    }

    int count(long key) {
        int entry = index.find(key);
        return entry < 0 ? 0 : counts[entry];
    }
}
