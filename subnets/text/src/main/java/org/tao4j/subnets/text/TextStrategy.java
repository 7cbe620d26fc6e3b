package org.tao4j.subnets.text;

/**
 * A miner's strategy: for each of the task's positions, a probability distribution over the
 * {@link Alphabet#SIZE} symbols (index order of {@link Alphabet#SYMBOLS}). Implementations may be
 * called from several threads at once.
 */
public interface TextStrategy {
    /** A short stable name for the live view and the summary JSON, e.g. {@code kneser-ney(6)}. */
    String name();

    double[][] predict(TextTask task);
}
