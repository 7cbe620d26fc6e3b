package org.tao4j.sdk.neuron;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.tao4j.core.account.AccountId;
import org.tao4j.sdk.metagraph.Metagraph;

/**
 * A validator's running opinion of each uid: an exponential moving average of its scores,
 * {@code s <- (1 - alpha) s + alpha x}, starting from 0 (the subnet template's rule), so a newcomer
 * earns its weight over several rounds. Each score is tied to the hotkey that earned it: when a uid
 * changes hands its score starts again from 0. Thread-safe.
 */
public final class MovingAverageScores {
    /** One uid's score and the hotkey it belongs to. */
    public record Entry(AccountId hotkey, double score, double last, long block) {}

    private final double alpha;
    private final TreeMap<Integer, Entry> entries = new TreeMap<>();

    public MovingAverageScores(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("moving-average alpha must be in (0, 1], got " + alpha);
        }
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    /**
     * Folds one score in for {@code uid} held by {@code hotkey}; values are clamped to [0, 1], NaN
     * counts as 0.
     */
    public synchronized void update(int uid, AccountId hotkey, double x, long block) {
        double v = Double.isNaN(x) ? 0 : Math.min(1, Math.max(0, x));
        Entry e = entries.get(uid);
        double old = e == null || !e.hotkey().equals(hotkey) ? 0 : e.score();
        entries.put(uid, new Entry(hotkey, (1 - alpha) * old + alpha * v, v, block));
    }

    /** Drops the scores of uids that no longer exist or changed hands in {@code metagraph}. */
    public synchronized int reconcile(Metagraph metagraph) {
        int before = entries.size();
        entries.entrySet()
                .removeIf(e -> e.getKey() >= metagraph.n()
                        || !metagraph.hotkey(e.getKey()).equals(e.getValue().hotkey()));
        return before - entries.size();
    }

    /** The scores as an array indexed by uid, of length {@code n} (0 where unknown). */
    public synchronized double[] toArray(int n) {
        double[] out = new double[n];
        entries.forEach((uid, e) -> {
            if (uid < n) {
                out[uid] = e.score();
            }
        });
        return out;
    }

    /** Every uid's moving-average score, in uid order. */
    public synchronized Map<Integer, Double> scores() {
        Map<Integer, Double> out = new LinkedHashMap<>();
        entries.forEach((uid, e) -> out.put(uid, e.score()));
        return out;
    }

    /** Every uid's entry, in uid order. */
    public synchronized Map<Integer, Entry> entries() {
        return new LinkedHashMap<>(entries);
    }

    synchronized void restore(int uid, Entry e) {
        entries.put(uid, e);
    }
}
