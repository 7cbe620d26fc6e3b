package org.tao4j.sdk.combine;

import java.util.List;

/**
 * How a subnet turns several miners' answers to one request into the one answer a client gets: the
 * subnet's own definition of "what the network says". A subnet implements it next to its validator;
 * a gateway (tao-gateway) asks the top miners by incentive and calls it.
 *
 * <p>Implementations must be deterministic (the same answers in the same order give the same
 * result), must not trust the answers (any of them may be malformed, huge or adversarial: an
 * invalid answer is left out, never an exception) and must be thread-safe.
 *
 * @param <Q> the synapse's request
 * @param <R> the synapse's response
 */
@FunctionalInterface
public interface AnswerCombiner<Q, R> {
    /**
     * Combines {@code answers} to {@code request}. Empty when no answer is usable: the caller then
     * has nothing to return (a gateway answers 503 and charges nothing).
     */
    java.util.Optional<Combined<R>> combine(Q request, List<WeightedAnswer<R>> answers);

    /**
     * One miner's answer and the weight it carries: normally the miner's incentive (a u16 of the
     * chain's consensus, 0 to 65535). Weights are relative; when every usable answer weighs 0 the
     * combiners treat them as equal.
     */
    record WeightedAnswer<R>(int uid, double weight, R answer) {
        public WeightedAnswer {
            if (!(weight >= 0) || !Double.isFinite(weight)) {
                throw new IllegalArgumentException("weight must be finite and >= 0, got " + weight);
            }
        }
    }

    /** The combined answer and the uids whose answers went into it, in the order given. */
    record Combined<R>(R answer, List<Integer> used) {
        public Combined {
            used = List.copyOf(used);
        }
    }

    /**
     * The weights of the usable answers, normalised to sum to 1; equal weights when they sum to 0.
     */
    static double[] normalise(double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double[] out = new double[weights.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sum > 0 ? weights[i] / sum : 1.0 / weights.length;
        }
        return out;
    }
}
