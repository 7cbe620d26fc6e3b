package org.tao4j.subnets.forecast;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a validator turns the miners' forecasts for one task into scores.
 *
 * <p><b>Error</b>: sMAPE, the mean over the horizon of {@code 2|F - A| / (|F| + |A|)}, in [0, 2].
 * It is scale-free, so tasks on series of different levels weigh the same, and bounded, so one wild
 * answer cannot dominate an average; a point where forecast and truth are both 0 counts 0. An
 * answer of the wrong length or with a non-finite value is invalid and gets {@link #WORST_SMAPE}.
 *
 * <p><b>Relative score</b>: {@code (e_best / e_i)^exponent} among the miners answering the same
 * task, so the best gets 1, a miner twice as far off gets 1/4 (exponent 2), and noise that is
 * 50 times worse gets nothing visible; invalid answers get 0. Ratios make the score independent of
 * how hard the task was, which a raw error is not.
 */
public final class ForecastScoring {
    public static final double WORST_SMAPE = 2.0;
    public static final double DEFAULT_EXPONENT = 2.0;
    /** Errors are floored here so that a perfect answer does not make every ratio 0/0. */
    static final double ERROR_FLOOR = 1e-9;

    private final double exponent;

    public ForecastScoring() {
        this(DEFAULT_EXPONENT);
    }

    public ForecastScoring(double exponent) {
        if (!(exponent > 0)) {
            throw new IllegalArgumentException("exponent must be positive");
        }
        this.exponent = exponent;
    }

    /** Whether {@code forecast} is a well-formed answer to a task of this horizon. */
    public static boolean isValid(double[] forecast, int horizon) {
        if (forecast == null || forecast.length != horizon) {
            return false;
        }
        for (double v : forecast) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** sMAPE of {@code forecast} against {@code truth}; {@link #WORST_SMAPE} if the answer is invalid. */
    public static double smape(double[] forecast, double[] truth) {
        if (!isValid(forecast, truth.length)) {
            return WORST_SMAPE;
        }
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double denominator = Math.abs(forecast[i]) + Math.abs(truth[i]);
            if (denominator > 0) {
                sum += 2 * Math.abs(forecast[i] - truth[i]) / denominator;
            }
        }
        return sum / truth.length;
    }

    /**
     * The relative score in [0, 1] of each miner's answer to one task, in the map's iteration order.
     * A null answer (timeout, bad response) scores 0.
     */
    public <K> Map<K, Double> relativeScores(Map<K, double[]> forecasts, double[] truth) {
        Map<K, Double> errors = new LinkedHashMap<>();
        forecasts.forEach((miner, forecast) ->
                errors.put(miner, isValid(forecast, truth.length) ? smape(forecast, truth) : Double.NaN));
        double best = Double.POSITIVE_INFINITY;
        for (double e : errors.values()) {
            if (!Double.isNaN(e)) {
                best = Math.min(best, e);
            }
        }
        double floor = Math.max(best, ERROR_FLOOR);
        Map<K, Double> scores = new LinkedHashMap<>();
        errors.forEach((miner, e) ->
                scores.put(miner, Double.isNaN(e) ? 0.0 : Math.pow(floor / Math.max(e, ERROR_FLOOR), exponent)));
        return scores;
    }
}
