package org.tao4j.sdk.neuron;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validator's running opinion of each miner: an exponential moving average of its relative
 * scores, {@code s <- (1 - alpha) s + alpha x}, starting from 0 as in Bittensor's subnet template, so
 * a newcomer earns its weight over several rounds instead of from one lucky answer. Miners absent
 * from a round keep their score. The validator sets weights from {@link #scores()}. Thread-safe.
 *
 * @param <K> how the validator names a miner, e.g. its uid
 */
public final class ScoreBoard<K> {
    public static final double DEFAULT_ALPHA = 0.1;

    private final double alpha;
    private final Map<K, Double> scores = new LinkedHashMap<>();

    public ScoreBoard() {
        this(DEFAULT_ALPHA);
    }

    public ScoreBoard(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        }
        this.alpha = alpha;
    }

    /** Folds in one round of relative scores; values are clamped to [0, 1] and NaN counts as 0. */
    public synchronized void update(Map<K, Double> round) {
        round.forEach((miner, x) -> {
            double v = x == null || x.isNaN() ? 0 : Math.min(1, Math.max(0, x));
            scores.merge(miner, alpha * v, (old, ignored) -> (1 - alpha) * old + alpha * v);
        });
    }

    /** Drops a miner, e.g. when its uid is given to a new hotkey. */
    public synchronized void remove(K miner) {
        scores.remove(miner);
    }

    /** A snapshot, in the order miners were first seen. */
    public synchronized Map<K, Double> scores() {
        return new LinkedHashMap<>(scores);
    }
}
