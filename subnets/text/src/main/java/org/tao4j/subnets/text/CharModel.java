package org.tao4j.subnets.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A character model trained once and then only read: the next-symbol distribution given the last
 * {@link #contextLength()} symbols. Immutable after construction, so one trained model can serve
 * any number of miners and threads.
 *
 * <p>{@link #predict} turns next-symbol distributions into the distributions a task asks for:
 * position {@code j} is conditioned on the context only, so the model's beliefs about the
 * characters in between are averaged over. That is done with a beam: the {@value #BEAM} likeliest
 * continuations (merged when they end in the same context) carry the probability mass forward one
 * position at a time. Exact for position 0; beyond it, the mass outside the beam is dropped and the
 * rest renormalised.
 */
public abstract sealed class CharModel implements TextStrategy permits Unigram, Markov, KneserNey {
    static final int BEAM = 48;

    /** How many preceding symbols the model looks at (0 for a unigram). At most 9. */
    public abstract int contextLength();

    /**
     * Writes P(next symbol | context) into {@code out} ({@link Alphabet#SIZE} values summing to 1).
     *
     * @param context the last {@code length} symbols as an {@link NgramIndex} key (0 when empty)
     * @param length at most {@link #contextLength()}; shorter only at the very start of a text
     */
    abstract void distribution(long context, int length, double[] out);

    /** P(next symbol | {@code text}), for a text in the alphabet. */
    public double[] nextDistribution(String text) {
        double[] out = new double[Alphabet.SIZE];
        int length = Math.min(contextLength(), text.length());
        distribution(key(Alphabet.encode(text.substring(text.length() - length))), length, out);
        return out;
    }

    @Override
    public double[][] predict(TextTask task) {
        String context = task.context();
        int length = Math.min(contextLength(), context.length());
        Map<Long, Double> beam = new HashMap<>();
        beam.put(key(Alphabet.encode(context.substring(context.length() - length))), 1.0);
        double[][] out = new double[task.predictPositions()][];
        double[] next = new double[Alphabet.SIZE];
        for (int j = 0; j < out.length; j++) {
            double[] marginal = new double[Alphabet.SIZE];
            Map<Long, Double> children = new HashMap<>();
            double total = 0;
            for (Map.Entry<Long, Double> state : sorted(beam)) {
                long key = state.getKey();
                double w = state.getValue();
                int stateLength = key == 0 ? 0 : NgramIndex.length(key);
                distribution(key, stateLength, next);
                total += w;
                for (int c = 0; c < Alphabet.SIZE; c++) {
                    marginal[c] += w * next[c];
                    if (j + 1 < out.length && next[c] > 0) {
                        long child = contextLength() == 0 ? 0 : NgramIndex.append(key, c);
                        if (stateLength + 1 > contextLength() && contextLength() > 0) {
                            child = NgramIndex.dropFirst(child, stateLength + 1);
                        }
                        children.merge(child, w * next[c], Double::sum);
                    }
                }
            }
            for (int c = 0; c < Alphabet.SIZE; c++) {
                marginal[c] /= total;
            }
            out[j] = marginal;
            beam = top(children);
        }
        return out;
    }

    static long key(byte[] symbols) {
        long key = 0;
        for (byte s : symbols) {
            key = NgramIndex.append(key, s);
        }
        return key;
    }

    /** Entries by decreasing weight, ties by key: HashMap order must not leak into the sums. */
    private static List<Map.Entry<Long, Double>> sorted(Map<Long, Double> states) {
        List<Map.Entry<Long, Double>> list = new ArrayList<>(states.entrySet());
        list.sort((a, b) -> {
            int byWeight = Double.compare(b.getValue(), a.getValue());
            return byWeight != 0 ? byWeight : Long.compare(a.getKey(), b.getKey());
        });
        return list;
    }

    private static Map<Long, Double> top(Map<Long, Double> states) {
        Map<Long, Double> kept = new HashMap<>();
        for (Map.Entry<Long, Double> e : sorted(states)) {
            if (kept.size() == BEAM) {
                break;
            }
            kept.put(e.getKey(), e.getValue());
        }
        return kept;
    }
}
