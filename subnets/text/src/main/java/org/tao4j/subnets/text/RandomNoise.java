package org.tao4j.subnets.text;

import org.tao4j.sdk.util.Rng;

/**
 * An adversary that answers noise: for each position, the softmax of random logits (independent
 * Gaussians with standard deviation {@value #LOGIT_SD}), like an untrained network that is sure of
 * itself. Well-formed, so it is scored, but it carries no information, and being confident it pays
 * for it: about 15.5 bits per character, against log2(36) = 5.2 for the honest "I don't know" of
 * a uniform distribution. Seeded; thread-safe.
 */
public final class RandomNoise implements TextStrategy {
    static final double LOGIT_SD = 6.0;

    private final Rng rng;

    public RandomNoise(long seed) {
        this.rng = new Rng(seed);
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public synchronized double[][] predict(TextTask task) {
        double[][] out = new double[task.predictPositions()][Alphabet.SIZE];
        for (double[] p : out) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < p.length; c++) {
                p[c] = LOGIT_SD * rng.gaussian();
                max = Math.max(max, p[c]);
            }
            double sum = 0;
            for (int c = 0; c < p.length; c++) {
                p[c] = Math.exp(p[c] - max);
                sum += p[c];
            }
            for (int c = 0; c < p.length; c++) {
                p[c] /= sum;
            }
        }
        return out;
    }
}
