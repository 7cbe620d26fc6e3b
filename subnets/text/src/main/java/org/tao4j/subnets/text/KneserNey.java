package org.tao4j.subnets.text;

/**
 * Interpolated modified Kneser-Ney (Chen and Goodman, 1998) over n-grams of up to {@code order}
 * symbols, i.e. {@code order - 1} symbols of context. Each order's estimate is discounted and the
 * freed mass goes to the next shorter context, down to the uniform distribution:
 *
 * <pre>P(w | h) = max(a(hw) - D(a(hw)), 0) / S(h) + gamma(h) P(w | h')</pre>
 *
 * with {@code h'} the context without its oldest symbol, {@code S(h)} the sum of {@code a(h.)},
 * three discounts per order (for counts 1, 2 and 3+) estimated from count-of-counts, and
 * {@code gamma(h)} exactly the discounted mass. At the highest order {@code a} is the raw count; at
 * lower orders it is the number of distinct symbols seen before the n-gram (the continuation count),
 * since a shorter context is only consulted when the longer one has little to say, and then what
 * matters is how many contexts a symbol completes, not how often. Memory: about 20 MB of heap for
 * order 6 on the Moby Dick training text (400 k distinct n-grams).
 */
public final class KneserNey extends CharModel {
    public static final int DEFAULT_ORDER = 6;

    private final int order;
    private final NgramIndex index;
    private final int[] counts;
    /** Distinct predecessors of each n-gram (at most {@link Alphabet#SIZE}). */
    private final byte[] continuations;
    /** Per n-gram as a context: S, and the number of continuations whose a is 1, 2, 3 or more. */
    private final int[] contextSums;

    private final byte[][] contextCountOfCounts;
    private final int emptySum;
    private final int[] emptyCountOfCounts = new int[3];
    /** discounts[n][i]: for n-grams of length n, the discount of a count of i + 1 (the last: 3+). */
    private final double[][] discounts;

    private KneserNey(byte[] text, int order) {
        this.order = order;
        NgramCounts ngrams = NgramCounts.of(text, order);
        this.index = ngrams.index;
        this.counts = ngrams.counts;
        int size = index.size();
        this.continuations = new byte[size];
        index.forEach((key, entry) -> {
            int n = NgramIndex.length(key);
            if (n >= 2) {
                continuations[index.find(NgramIndex.dropFirst(key, n))]++;
            }
        });
        this.contextSums = new int[size];
        this.contextCountOfCounts = new byte[3][size];
        long[][] countOfCounts = new long[order + 1][5];
        int[] empty = new int[1];
        index.forEach((key, entry) -> {
            int n = NgramIndex.length(key);
            int a = adjusted(entry, n);
            if (a == 0) {
                return; // only seen at the very start of the text: no predecessor
            }
            countOfCounts[n][Math.min(a, 4)]++;
            int bucket = Math.min(a, 3) - 1;
            if (n == 1) {
                empty[0] += a;
                emptyCountOfCounts[bucket]++;
            } else {
                int context = index.find(NgramIndex.dropLast(key));
                contextSums[context] += a;
                contextCountOfCounts[bucket][context]++;
            }
        });
        this.emptySum = empty[0];
        this.discounts = new double[order + 1][];
        for (int n = 1; n <= order; n++) {
            discounts[n] = discounts(countOfCounts[n]);
        }
    }

    /** @param order the longest n-gram, 2 to 10 (6 is best on the shipped corpus) */
    public static KneserNey train(String normalisedText, int order) {
        if (order < 2 || order > NgramIndex.MAX_LENGTH) {
            throw new IllegalArgumentException("order must be 2 to " + NgramIndex.MAX_LENGTH);
        }
        return new KneserNey(Alphabet.encode(normalisedText), order);
    }

    public static KneserNey train(String normalisedText) {
        return train(normalisedText, DEFAULT_ORDER);
    }

    /** Chen and Goodman's estimates from the numbers of n-grams seen once, twice, three and four times. */
    private static double[] discounts(long[] n) {
        if (n[1] == 0 || n[2] == 0 || n[3] == 0 || n[4] == 0) {
            return new double[] {0.5, 1.0, 1.5};
        }
        double y = (double) n[1] / (n[1] + 2.0 * n[2]);
        return new double[] {
            clamp(1 - 2 * y * n[2] / n[1], 1), clamp(2 - 3 * y * n[3] / n[2], 2), clamp(3 - 4 * y * n[4] / n[3], 3)
        };
    }

    private static double clamp(double d, double max) {
        return Math.max(0.05, Math.min(max, d));
    }

    private int adjusted(int entry, int length) {
        return length == order ? counts[entry] : continuations[entry];
    }

    @Override
    public String name() {
        return "kneser-ney(" + order + ")";
    }

    @Override
    public int contextLength() {
        return order - 1;
    }

    @Override
    void distribution(long context, int length, double[] out) {
        double[] lower = new double[Alphabet.SIZE];
        java.util.Arrays.fill(out, 1.0 / Alphabet.SIZE);
        for (int m = 0; m <= length; m++) {
            long h = m == 0 ? 0 : context & ((1L << (6 * m)) - 1); // the last m symbols
            double sum;
            double n1;
            double n2;
            double n3;
            if (m == 0) {
                sum = emptySum;
                n1 = emptyCountOfCounts[0];
                n2 = emptyCountOfCounts[1];
                n3 = emptyCountOfCounts[2];
            } else {
                int entry = index.find(h);
                if (entry < 0) {
                    break; // unseen, and so is every longer context
                }
                sum = contextSums[entry];
                n1 = contextCountOfCounts[0][entry];
                n2 = contextCountOfCounts[1][entry];
                n3 = contextCountOfCounts[2][entry];
            }
            if (sum == 0) {
                break;
            }
            double[] d = discounts[m + 1];
            double gamma = (d[0] * n1 + d[1] * n2 + d[2] * n3) / sum;
            System.arraycopy(out, 0, lower, 0, Alphabet.SIZE);
            for (int w = 0; w < Alphabet.SIZE; w++) {
                int entry = index.find(NgramIndex.append(h, w));
                int a = entry < 0 ? 0 : adjusted(entry, m + 1);
                double discounted = a == 0 ? 0 : Math.max(a - d[Math.min(a, 3) - 1], 0);
                out[w] = discounted / sum + gamma * lower[w];
            }
        }
    }
}
