package org.tao4j.subnets.text;

/**
 * A fixed-order Markov chain: P(w | last {@code order} symbols) from counts, add-k smoothed,
 * {@code (c(hw) + k) / (c(h) + k V)}. Simple and much better than a unigram on seen contexts, but
 * it has no fallback: an unseen context gets the uniform distribution, and a rare one is trusted
 * as if its few counts were the truth. Those are what Kneser-Ney fixes.
 */
public final class Markov extends CharModel {
    public static final double DEFAULT_K = 0.1;

    private final int order;
    private final double k;
    private final NgramCounts counts;
    /** Sum of the counts of each context's continuations, by entry of the context. */
    private final int[] contextTotals;

    private final long textLength;

    private Markov(byte[] text, int order, double k) {
        this.order = order;
        this.k = k;
        this.counts = NgramCounts.of(text, order + 1);
        this.contextTotals = new int[counts.index.size()];
        this.textLength = text.length;
        counts.index.forEach((key, entry) -> {
            int length = NgramIndex.length(key);
            if (length >= 2) {
                contextTotals[counts.index.find(NgramIndex.dropLast(key))] += counts.counts[entry];
            }
        });
    }

    /** @param order context length, 1 to 9; {@code k} > 0 is the pseudo-count added to every symbol */
    public static Markov train(String normalisedText, int order, double k) {
        if (order < 1 || order >= NgramIndex.MAX_LENGTH) {
            throw new IllegalArgumentException("order must be 1 to " + (NgramIndex.MAX_LENGTH - 1));
        }
        if (!(k > 0)) {
            throw new IllegalArgumentException("k must be positive");
        }
        return new Markov(Alphabet.encode(normalisedText), order, k);
    }

    public static Markov train(String normalisedText, int order) {
        return train(normalisedText, order, DEFAULT_K);
    }

    @Override
    public String name() {
        return "markov(" + order + ")";
    }

    @Override
    public int contextLength() {
        return order;
    }

    @Override
    void distribution(long context, int length, double[] out) {
        double total;
        if (length == 0) {
            total = textLength;
        } else {
            int entry = counts.index.find(context);
            total = entry < 0 ? 0 : contextTotals[entry];
        }
        double denominator = total + k * Alphabet.SIZE;
        for (int w = 0; w < Alphabet.SIZE; w++) {
            out[w] = (counts.count(NgramIndex.append(context, w)) + k) / denominator;
        }
    }
}
