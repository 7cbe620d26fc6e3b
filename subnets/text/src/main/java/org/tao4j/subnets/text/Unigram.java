package org.tao4j.subnets.text;

/**
 * Symbol frequencies of the training text, add-one smoothed, whatever the context: the baseline
 * that knows the alphabet's statistics and nothing about order.
 */
public final class Unigram extends CharModel {
    private final double[] probabilities = new double[Alphabet.SIZE];

    private Unigram(byte[] text) {
        long[] counts = new long[Alphabet.SIZE];
        for (byte s : text) {
            counts[s]++;
        }
        for (int c = 0; c < Alphabet.SIZE; c++) {
            probabilities[c] = (counts[c] + 1.0) / (text.length + Alphabet.SIZE);
        }
    }

    public static Unigram train(String normalisedText) {
        return new Unigram(Alphabet.encode(normalisedText));
    }

    @Override
    public String name() {
        return "unigram";
    }

    @Override
    public int contextLength() {
        return 0;
    }

    @Override
    void distribution(long context, int length, double[] out) {
        System.arraycopy(probabilities, 0, out, 0, Alphabet.SIZE);
    }
}
