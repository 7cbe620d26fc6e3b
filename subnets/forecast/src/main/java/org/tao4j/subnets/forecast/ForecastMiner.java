package org.tao4j.subnets.forecast;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tao4j.sdk.axon.RequestContext;
import org.tao4j.sdk.axon.SynapseHandler;

/**
 * The forecast miner's handler: answers each {@link ForecastTask} with its strategy. Handlers run
 * on the axon's virtual threads, several at once; every strategy here is thread-safe.
 */
public final class ForecastMiner implements SynapseHandler<ForecastTask, Forecast> {
    /** The strategy names a miner can be started with, best first. */
    public static final List<String> STRATEGIES =
            List.of("lag-ridge", "holt-winters", "moving-average", "last-value", "lazy", "random");

    private static final Pattern MOVING_AVERAGE = Pattern.compile("moving-average(?:\\((\\d{1,4})\\))?");

    private final Forecaster strategy;

    public ForecastMiner(Forecaster strategy) {
        this.strategy = strategy;
    }

    /**
     * A miner running the named strategy: {@code lag-ridge}, {@code holt-winters},
     * {@code moving-average} (window 24) or {@code moving-average(W)}, {@code last-value}, and the
     * adversaries {@code lazy} (replays its first lag-ridge answer) and {@code random} (noise,
     * seeded with {@code seed}).
     */
    public static ForecastMiner of(String name, long seed) {
        return new ForecastMiner(strategy(name, seed));
    }

    /** The {@link Forecaster} behind a strategy name; see {@link #of}. */
    public static Forecaster strategy(String name, long seed) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        Matcher ma = MOVING_AVERAGE.matcher(n);
        if (ma.matches()) {
            return new MovingAverage(ma.group(1) == null ? 24 : Integer.parseInt(ma.group(1)));
        }
        return switch (n) {
            case "lag-ridge" -> new LagRidge();
            case "holt-winters" -> new HoltWinters();
            case "last-value" -> new LastValue();
            case "lazy" -> new Lazy(new LagRidge());
            case "random" -> new RandomNoise(seed);
            default ->
                throw new IllegalArgumentException("unknown forecast strategy '" + name + "'; strategies: "
                        + String.join(", ", STRATEGIES) + ", moving-average(W)");
        };
    }

    public Forecaster strategy() {
        return strategy;
    }

    @Override
    public Forecast handle(ForecastTask task, RequestContext context) {
        return new Forecast(strategy.forecast(task));
    }
}
