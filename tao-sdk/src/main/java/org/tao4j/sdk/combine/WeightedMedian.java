package org.tao4j.sdk.combine;

import java.util.Arrays;

/**
 * The weighted median: the smallest value at which the cumulative weight of the sorted values
 * reaches half the total. With equal weights and an even count it is the lower middle value, so
 * the result is always one of the inputs (no interpolation: a miner said it). Robust: moving any set
 * of values that weighs less than half changes the result by no more than the spread of the rest.
 */
public final class WeightedMedian {
    private WeightedMedian() {}

    /**
     * @param values finite values
     * @param weights one non-negative weight per value; all zero counts as all equal
     * @throws IllegalArgumentException if empty or the lengths differ
     */
    public static double of(double[] values, double[] weights) {
        if (values.length == 0 || values.length != weights.length) {
            throw new IllegalArgumentException("need as many weights as values, and at least one value");
        }
        double[] w = AnswerCombiner.normalise(weights);
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // ties by index: the result does not depend on the sort's stability
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(values[a], values[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        double cumulative = 0;
        for (Integer i : order) {
            cumulative += w[i];
            if (cumulative >= 0.5 - 1e-12) {
                return values[i];
            }
        }
        return values[order[order.length - 1]];
    }
}
