package org.tao4j.subnets.forecast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tao4j.sdk.util.Rng;

/**
 * The validator's side of the forecasting game. Time is counted in steps (the lead's choice: one per
 * block is natural). At step {@code s}, {@link #next} poses a task whose history ends with the value
 * observed at {@code s}; the answer covers steps {@code s + 1 ... s + horizon}, and {@link #reveal}
 * hands those values out only once {@code currentStep >= s + horizon}, as if they had just been
 * observed. Revealing early would let a validator score before the future happened, which a real
 * feed cannot do.
 *
 * <p>The source is offset by the history length (plus a seed-chosen offset), so a task is possible
 * from step 0 on. Only the issue step of each pending task is kept (the truth is recomputed from the
 * source), at most {@value #MAX_PENDING} of them, oldest dropped first. Thread-safe.
 *
 * <p>A generator may watch several series at once (a <em>panel</em>, like a validator reading several
 * sensors): all of them advance in step, and successive tasks take the series in turn. One series
 * gives a stretch of correlated tasks, and a stretch where one model happens to suit the regime
 * decides a short run; a panel spreads the same number of tasks over independent series.
 */
public final class TaskGenerator {
    public static final int DEFAULT_HISTORY = 240;
    public static final int DEFAULT_HORIZON = 24;
    static final int MAX_PENDING = 4096;
    /** The most series one generator watches. */
    public static final int MAX_SOURCES = 256;
    /** Series in the panel of {@link #syntheticPanel}. */
    public static final int DEFAULT_PANEL = 8;

    private final List<SeriesSource> sources;
    private final long offset;
    private final int historyLength;
    private final int horizon;
    /** A pending task: the step it was posed at and the index of its series. */
    private record Issued(long step, int source) {}

    private final Map<Long, Issued> issuedAt = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Issued> eldest) {
            return size() > MAX_PENDING;
        }
    };
    private long nextId = 1;

    /**
     * @param offset the source step that step 0's history starts at; lets validators sharing a
     *     source pose different windows
     */
    public TaskGenerator(SeriesSource source, long offset, int historyLength, int horizon) {
        this(List.of(source), offset, historyLength, horizon);
    }

    /**
     * A panel: tasks take the {@code sources} in turn (task {@code i} uses source {@code i mod n}).
     *
     * @param offset the source step that step 0's history starts at, in every source
     */
    public TaskGenerator(List<? extends SeriesSource> sources, long offset, int historyLength, int horizon) {
        if (sources.isEmpty() || sources.size() > MAX_SOURCES) {
            throw new IllegalArgumentException("a task generator needs 1 to " + MAX_SOURCES + " series");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset: " + offset);
        }
        if (historyLength < 1 || historyLength > ForecastTask.MAX_HISTORY) {
            throw new IllegalArgumentException("history length must be 1 to " + ForecastTask.MAX_HISTORY);
        }
        if (horizon < 1 || horizon > ForecastTask.MAX_HORIZON) {
            throw new IllegalArgumentException("horizon must be 1 to " + ForecastTask.MAX_HORIZON);
        }
        this.sources = List.copyOf(sources);
        this.offset = offset;
        this.historyLength = historyLength;
        this.horizon = horizon;
    }

    /**
     * Tasks on a {@link SeriesGenerator} seeded with {@code seed}, with the default history and
     * horizon. The seed is the validator's secret: whoever knows it can compute every future value.
     */
    public static TaskGenerator synthetic(long seed) {
        return new TaskGenerator(new SeriesGenerator(seed), 0, DEFAULT_HISTORY, DEFAULT_HORIZON);
    }

    /**
     * Tasks on a panel of {@code size} {@link SeriesGenerator}s whose seeds are drawn from
     * {@code seed}, with the default history and horizon. The seed is the validator's secret.
     */
    public static TaskGenerator syntheticPanel(long seed, int size) {
        if (size < 1 || size > MAX_SOURCES) {
            throw new IllegalArgumentException("a panel has 1 to " + MAX_SOURCES + " series");
        }
        Rng rng = new Rng(seed);
        List<SeriesGenerator> series = new java.util.ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            series.add(new SeriesGenerator(rng.nextLong()));
        }
        return new TaskGenerator(series, 0, DEFAULT_HISTORY, DEFAULT_HORIZON);
    }

    /**
     * Tasks on the shipped US births series, starting at a seed-chosen day. The data are public, so
     * a miner could look the answers up: fine for a demo, not for an adversarial network.
     */
    public static TaskGenerator usBirths(long seed) {
        RealSeries births = RealSeries.usBirths();
        long offset = Math.floorMod(new Rng(seed).nextLong(), (long) births.length());
        return new TaskGenerator(births, offset, DEFAULT_HISTORY, DEFAULT_HORIZON);
    }

    /** The first (for a single series, the only) series. */
    public SeriesSource source() {
        return sources.get(0);
    }

    public List<SeriesSource> sources() {
        return sources;
    }

    public int historyLength() {
        return historyLength;
    }

    public int horizon() {
        return horizon;
    }

    /** A new task whose history ends with the value observed at {@code currentStep}. */
    public synchronized ForecastTask next(long currentStep) {
        if (currentStep < 0) {
            throw new IllegalArgumentException("negative step: " + currentStep);
        }
        long id = nextId++;
        int source = (int) Math.floorMod(id - 1, (long) sources.size());
        issuedAt.put(id, new Issued(currentStep, source));
        return new ForecastTask(id, sources.get(source).window(firstHistoryIndex(currentStep), historyLength), horizon);
    }

    /** The step from which {@link #reveal} gives the truth of {@code taskId}, if the task is known. */
    public synchronized Optional<Long> revealStep(long taskId) {
        Issued issued = issuedAt.get(taskId);
        return issued == null ? Optional.empty() : Optional.of(issued.step() + horizon);
    }

    /**
     * The values the task asked for, once the horizon has passed at {@code currentStep}; empty before
     * then, and for a task this generator did not issue (or has dropped). Does not forget the task:
     * call {@link #forget} once it is scored.
     */
    public synchronized Optional<double[]> reveal(long taskId, long currentStep) {
        Issued issued = issuedAt.get(taskId);
        if (issued == null || currentStep < issued.step() + horizon) {
            return Optional.empty();
        }
        return Optional.of(
                sources.get(issued.source()).window(firstHistoryIndex(issued.step()) + historyLength, horizon));
    }

    public synchronized void forget(long taskId) {
        issuedAt.remove(taskId);
    }

    public synchronized int pending() {
        return issuedAt.size();
    }

    private long firstHistoryIndex(long step) {
        return offset + step + 1;
    }
}
