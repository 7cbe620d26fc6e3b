package org.tao4j.subnets.text;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a validator turns the miners' distributions for one task into scores.
 *
 * <p><b>Error</b>: bits per character, {@code -mean_j log2 max(p_j(true_j), FLOOR)}. The floor
 * keeps one confident miss from costing infinitely much: it caps a position at
 * {@code -log2 FLOOR} (about 19.9 bits), the cost an invalid answer pays at every position. An
 * answer is valid when it has one distribution per position, each of {@link Alphabet#SIZE} finite,
 * non-negative values summing to 1 within {@value #SUM_TOLERANCE}.
 *
 * <p>A round is several tasks sent together; a miner's bits per character for the round is the
 * mean over all their positions, a missing or invalid answer to one task costing
 * {@link #WORST_BPC} at each of its positions.
 *
 * <p><b>Relative score</b>: {@code 2^(-sharpness * (bpc_i - bpc_best))} among the miners answering
 * the same round: the best gets 1, and each bit per character worse halves the score (with the
 * default sharpness 1). Bits are a log-likelihood, so a difference of bits is the natural measure
 * of how much worse an answer is; a miner with no valid answer in the round gets 0.
 */
public final class TextScoring {
    public static final double FLOOR = 1e-6;
    public static final double SUM_TOLERANCE = 1e-3;
    public static final double WORST_BPC = -Math.log(FLOOR) / Math.log(2);
    public static final double DEFAULT_SHARPNESS = 1.0;

    private final double sharpness;

    public TextScoring() {
        this(DEFAULT_SHARPNESS);
    }

    public TextScoring(double sharpness) {
        if (!(sharpness > 0)) {
            throw new IllegalArgumentException("sharpness must be positive");
        }
        this.sharpness = sharpness;
    }

    public static boolean isValid(double[][] answer, int positions) {
        if (answer == null || answer.length != positions) {
            return false;
        }
        for (double[] p : answer) {
            if (p == null || p.length != Alphabet.SIZE) {
                return false;
            }
            double sum = 0;
            for (double v : p) {
                if (!(v >= 0) || !Double.isFinite(v)) {
                    return false;
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    /** Bits per character of {@code answer} on {@code truth}; {@link #WORST_BPC} if invalid. */
    public static double bitsPerChar(double[][] answer, String truth) {
        if (!isValid(answer, truth.length())) {
            return WORST_BPC;
        }
        double bits = 0;
        for (int j = 0; j < truth.length(); j++) {
            int symbol = Alphabet.indexOf(truth.charAt(j));
            double p = symbol < 0 ? 0 : answer[j][symbol];
            bits -= Math.log(Math.max(p, FLOOR)) / Math.log(2);
        }
        return bits / truth.length();
    }

    /**
     * Bits per character over a round: the mean over every position of every task, an invalid or
     * missing ({@code null}, or the list too short) answer costing {@link #WORST_BPC} per position.
     */
    public static double bitsPerChar(List<double[][]> answers, List<String> truths) {
        double bits = 0;
        long positions = 0;
        for (int t = 0; t < truths.size(); t++) {
            String truth = truths.get(t);
            double[][] answer = answers != null && t < answers.size() ? answers.get(t) : null;
            bits += bitsPerChar(answer, truth) * truth.length();
            positions += truth.length();
        }
        return positions == 0 ? WORST_BPC : bits / positions;
    }

    /**
     * The relative score in [0, 1] of each miner over one round, in the map's order. A miner whose
     * answers are all invalid or missing scores 0.
     */
    public <K> Map<K, Double> relativeScores(Map<K, List<double[][]>> answers, List<String> truths) {
        Map<K, Double> bpc = new LinkedHashMap<>();
        answers.forEach((miner, a) -> bpc.put(miner, anyValid(a, truths) ? bitsPerChar(a, truths) : Double.NaN));
        double best = Double.POSITIVE_INFINITY;
        for (double b : bpc.values()) {
            if (!Double.isNaN(b)) {
                best = Math.min(best, b);
            }
        }
        double bestBpc = best;
        Map<K, Double> scores = new LinkedHashMap<>();
        bpc.forEach((miner, b) -> scores.put(miner, Double.isNaN(b) ? 0.0 : Math.pow(2, -sharpness * (b - bestBpc))));
        return scores;
    }

    /** {@link #relativeScores(Map, List)} for a round of one task. */
    public <K> Map<K, Double> relativeScores(Map<K, double[][]> answers, String truth) {
        Map<K, List<double[][]>> round = new LinkedHashMap<>();
        answers.forEach((miner, a) -> round.put(miner, a == null ? null : Collections.singletonList(a)));
        return relativeScores(round, List.of(truth));
    }

    private static boolean anyValid(List<double[][]> answers, List<String> truths) {
        if (answers == null) {
            return false;
        }
        for (int t = 0; t < Math.min(answers.size(), truths.size()); t++) {
            if (isValid(answers.get(t), truths.get(t).length())) {
                return true;
            }
        }
        return false;
    }
}
