package org.tao4j.subnets.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tao4j.sdk.util.Rng;

/**
 * The validator's side of the text game: passages drawn uniformly at random (seeded) from the
 * held-out text, usually a round of several at once ({@link #nextRound}). Unlike a forecast, the truth is known at once; it is kept (as the passage's
 * offset) until {@link #forget}, at most {@value #MAX_PENDING} tasks, oldest dropped first.
 * Thread-safe.
 */
public final class TextTaskGenerator {
    public static final int DEFAULT_CONTEXT = 128;
    /** One position: classic next-character prediction, the sharpest test of a model. */
    public static final int DEFAULT_POSITIONS = 1;
    /**
     * Tasks per query round. One character says little about a model; sixteen per round make the
     * round's bits per character a usable estimate, and cost a miner about a millisecond.
     */
    public static final int DEFAULT_ROUND = 16;

    static final int MAX_PENDING = 4096;

    private final String text;
    private final Rng rng;
    private final int contextLength;
    private final int predictPositions;
    private final Map<Long, Integer> offsets = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Integer> eldest) {
            return size() > MAX_PENDING;
        }
    };
    private long nextId = 1;

    /** @param text normalised text to draw passages from: the corpus's held-out part */
    public TextTaskGenerator(String text, long seed, int contextLength, int predictPositions) {
        if (contextLength < 0 || contextLength > TextTask.MAX_CONTEXT) {
            throw new IllegalArgumentException("context length must be 0 to " + TextTask.MAX_CONTEXT);
        }
        if (predictPositions < 1 || predictPositions > TextTask.MAX_POSITIONS) {
            throw new IllegalArgumentException("positions must be 1 to " + TextTask.MAX_POSITIONS);
        }
        if (text.length() < contextLength + predictPositions || !Alphabet.contains(text)) {
            throw new IllegalArgumentException("text too short or not normalised");
        }
        this.text = text;
        this.rng = new Rng(seed);
        this.contextLength = contextLength;
        this.predictPositions = predictPositions;
    }

    /**
     * Passages from {@code corpus}'s held-out part, with the default sizes. The seed is the
     * validator's own: it decides which passages it asks about.
     */
    public static TextTaskGenerator heldOut(Corpus corpus, long seed) {
        return new TextTaskGenerator(corpus.heldOut(), seed, DEFAULT_CONTEXT, DEFAULT_POSITIONS);
    }

    public synchronized TextTask next() {
        int offset = rng.nextInt(text.length() - contextLength - predictPositions + 1);
        long id = nextId++;
        offsets.put(id, offset);
        return new TextTask(id, text.substring(offset, offset + contextLength), predictPositions);
    }

    /** {@code count} new tasks, to be sent together and scored together. */
    public synchronized List<TextTask> nextRound(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a round needs at least one task");
        }
        List<TextTask> round = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            round.add(next());
        }
        return round;
    }

    /** {@value #DEFAULT_ROUND} new tasks. */
    public List<TextTask> nextRound() {
        return nextRound(DEFAULT_ROUND);
    }

    /** The characters the task asked about; empty for a task this generator did not issue or has dropped. */
    public synchronized Optional<String> truth(long taskId) {
        Integer offset = offsets.get(taskId);
        if (offset == null) {
            return Optional.empty();
        }
        int from = offset + contextLength;
        return Optional.of(text.substring(from, from + predictPositions));
    }

    public synchronized void forget(long taskId) {
        offsets.remove(taskId);
    }

    public synchronized int pending() {
        return offsets.size();
    }
}
