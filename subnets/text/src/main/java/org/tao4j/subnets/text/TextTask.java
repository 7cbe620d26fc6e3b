package org.tao4j.subnets.text;

/**
 * What a validator sends a miner: a passage of normalised text and how many of the characters that
 * follow it to predict. The miner answers one distribution over {@link Alphabet} per position, each
 * conditioned on the context alone: the characters in between are not revealed, so for position
 * {@code j > 0} the miner must average over what may come first. Position 0 is the classic
 * next-character prediction.
 */
public record TextTask(long id, String context, int predictPositions) {
    public static final int MAX_CONTEXT = 4096;
    public static final int MAX_POSITIONS = 64;

    public TextTask {
        if (context == null || context.length() > MAX_CONTEXT || !Alphabet.contains(context)) {
            throw new IllegalArgumentException(
                    "context must be at most " + MAX_CONTEXT + " characters of the alphabet");
        }
        if (predictPositions < 1 || predictPositions > MAX_POSITIONS) {
            throw new IllegalArgumentException(
                    "predictPositions must be 1 to " + MAX_POSITIONS + ", got " + predictPositions);
        }
    }
}
