package org.tao4j.sdk.neuron;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.tao4j.consensus.MaxUpscale;
import org.tao4j.runtime.neurons.MaxWeightLimit;

/**
 * A weight row as {@code set_weights} takes it: uids and u16 values, in uid order.
 *
 * <p>{@link #fromScores} turns a validator's scores into a row the chain accepts, the way the
 * reference SDK's {@code process_weights_for_netuid} does, then checks it with the chain's own
 * functions:
 * <ol>
 *   <li>non-finite and negative scores count as 0; the row holds the uids with a positive score;</li>
 *   <li>if those are fewer than {@code min(min_allowed_weights, n)}, or too few for any row over
 *       them to respect {@code max_weights_limit} ({@code count · limit < 1}), every uid joins the
 *       row with a tiny base weight ({@value #PAD} of the total), so the row is long enough and
 *       the scored uids keep their order;</li>
 *   <li>the row is normalised to sum 1 and <b>clipped</b>: the largest weights are lowered to a
 *       common cap chosen so that, once normalised again, none exceeds the limit (the excess goes
 *       to the others in proportion);</li>
 *   <li>the weights become u16 by max-upscaling (the largest is 65535) and rounding;</li>
 *   <li>the result is checked with {@link MaxWeightLimit#withinLimit} on the chain's
 *       {@link MaxUpscale max-upscaled} values; should rounding push it over, the cap is
 *       tightened a little and the row built again.</li>
 * </ol>
 */
public record WeightRow(int[] uids, int[] values) {
    /** The base weight of a uid added only to lengthen the row, relative to the row's total. */
    static final double PAD = 1e-5;

    public WeightRow {
        if (uids.length != values.length) {
            throw new IllegalArgumentException(uids.length + " uids but " + values.length + " values");
        }
        uids = uids.clone();
        values = values.clone();
    }

    @Override
    public int[] uids() {
        return uids.clone();
    }

    @Override
    public int[] values() {
        return values.clone();
    }

    public int size() {
        return uids.length;
    }

    /** The value for {@code uid}, or 0 when it is not in the row. */
    public int valueOf(int uid) {
        for (int k = 0; k < uids.length; k++) {
            if (uids[k] == uid) {
                return values[k];
            }
        }
        return 0;
    }

    /**
     * The row to submit for {@code scores} (index = uid, so its length is the subnet's n).
     *
     * @param minAllowedWeights the subnet's {@code min_allowed_weights}
     * @param maxWeightsLimit the subnet's {@code max_weights_limit} (u16; 65535 = no limit)
     * @return empty when no score is positive: there is nothing to say
     * @throws IllegalArgumentException when no row over the subnet's n uids can respect the limit
     *     ({@code n · limit < 1})
     */
    public static Optional<WeightRow> fromScores(double[] scores, int minAllowedWeights, int maxWeightsLimit) {
        if (maxWeightsLimit < 0 || maxWeightsLimit > 0xFFFF) {
            throw new IllegalArgumentException("max_weights_limit must be a u16, got " + maxWeightsLimit);
        }
        int n = scores.length;
        double[] clean = new double[n];
        List<Integer> positive = new ArrayList<>();
        double sum = 0;
        for (int uid = 0; uid < n; uid++) {
            double s = scores[uid];
            clean[uid] = Double.isFinite(s) && s > 0 ? s : 0;
            if (clean[uid] > 0) {
                positive.add(uid);
                sum += clean[uid];
            }
        }
        if (positive.isEmpty()) {
            return Optional.empty();
        }
        double limit = maxWeightsLimit / 65535.0;
        boolean limited = maxWeightsLimit < 0xFFFF;
        int minLen = Math.min(minAllowedWeights, n);
        int[] members;
        double[] weights;
        if (positive.size() < minLen || (limited && positive.size() * limit < 1)) {
            if (limited && n * limit < 1) {
                throw new IllegalArgumentException("no row over " + n
                        + " uids can keep every weight within max_weights_limit " + maxWeightsLimit + " ("
                        + String.format("%.2f%%", 100 * limit) + "): even a uniform row gives each 1/" + n);
            }
            members = new int[n];
            weights = new double[n];
            for (int uid = 0; uid < n; uid++) {
                members[uid] = uid;
                weights[uid] = clean[uid] / sum + PAD;
            }
        } else {
            members = positive.stream().mapToInt(Integer::intValue).toArray();
            weights = new double[members.length];
            for (int k = 0; k < members.length; k++) {
                weights[k] = clean[members[k]] / sum;
            }
        }
        if (!limited) {
            return Optional.of(new WeightRow(members, toU16(weights)));
        }
        // rounding to u16 can push the largest share a hair over the limit: tighten and retry
        double target = limit;
        for (int attempt = 0; attempt < 64; attempt++) {
            int[] values = toU16(clip(weights, target));
            if (MaxWeightLimit.withinLimit(MaxUpscale.toU16(values), maxWeightsLimit)) {
                return Optional.of(new WeightRow(members, values));
            }
            target *= 0.9995;
        }
        throw new IllegalStateException(
                "could not fit a row of " + members.length + " uids within max_weights_limit " + maxWeightsLimit);
    }

    /**
     * {@code w} normalised so that no entry exceeds {@code limit}: the top entries are set to a
     * common cap {@code c} solving {@code c / (k·c + rest) = limit}, where k is how many entries
     * exceed the cap and {@code rest} the sum of the others; the result sums to 1.
     */
    static double[] clip(double[] w, double limit) {
        int m = w.length;
        double total = Arrays.stream(w).sum();
        double[] norm = new double[m];
        for (int i = 0; i < m; i++) {
            norm[i] = w[i] / total;
        }
        double max = Arrays.stream(norm).max().orElse(0);
        if (max <= limit) {
            return norm;
        }
        double[] desc = norm.clone();
        Arrays.sort(desc);
        reverse(desc);
        // tail[k] = sum of desc[k..]: summed from the smallest up, never as 1 - (a prefix), which
        // would cancel to noise when the large weights dwarf the small ones
        double[] tail = new double[m + 1];
        for (int k = m - 1; k >= 0; k--) {
            tail[k] = tail[k + 1] + desc[k];
        }
        for (int k = 1; k <= m; k++) {
            double room = 1 - k * limit;
            if (room <= 0) {
                break;
            }
            double cap = limit * tail[k] / room;
            double next = k < m ? desc[k] : 0;
            if (cap >= next && cap <= desc[k - 1]) {
                double[] out = new double[m];
                double s = 0;
                for (int i = 0; i < m; i++) {
                    out[i] = Math.min(norm[i], cap);
                    s += out[i];
                }
                double top = 0;
                for (int i = 0; i < m; i++) {
                    out[i] /= s;
                    top = Math.max(top, out[i]);
                }
                if (top <= limit * (1 + 1e-9)) {
                    return out;
                }
            }
        }
        // reached when m * limit <= 1 (the uniform row is then the closest there is), or when the
        // weights span too many orders of magnitude for the cap to be found in doubles
        double[] uniform = new double[m];
        Arrays.fill(uniform, 1.0 / m);
        return uniform;
    }

    /** Max-upscaled to u16: the largest weight becomes 65535, the others in proportion, rounded. */
    static int[] toU16(double[] w) {
        double max = Arrays.stream(w).max().orElse(0);
        int[] out = new int[w.length];
        if (max <= 0) {
            return out;
        }
        for (int i = 0; i < w.length; i++) {
            out[i] = (int) Math.min(65535, Math.round(w[i] / max * 65535));
        }
        return out;
    }

    private static void reverse(double[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightRow r && Arrays.equals(uids, r.uids) && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(uids) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("WeightRow[");
        for (int k = 0; k < uids.length; k++) {
            sb.append(k == 0 ? "" : ", ").append(uids[k]).append('=').append(values[k]);
        }
        return sb.append(']').toString();
    }
}
