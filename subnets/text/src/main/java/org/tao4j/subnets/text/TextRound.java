package org.tao4j.subnets.text;

import java.util.List;
import org.tao4j.sdk.Synapse;

/**
 * What a text validator sends in one query: a round of tasks (16 by default) answered and scored
 * together, since one character says little about a model. {@link #SYNAPSE} is the query:
 * {@code POST /TextPrediction}, a round in, {@link TextPredictions} out.
 */
public record TextRound(List<TextTask> tasks) {
    /** At most this many tasks per round, so that a round's work stays small whoever sent it. */
    public static final int MAX_TASKS = 64;

    public static final Synapse<TextRound, TextPredictions> SYNAPSE =
            Synapse.of("TextPrediction", TextRound.class, TextPredictions.class);

    public TextRound {
        if (tasks == null || tasks.isEmpty() || tasks.size() > MAX_TASKS) {
            throw new IllegalArgumentException("a round holds 1 to " + MAX_TASKS + " tasks");
        }
        tasks = List.copyOf(tasks);
    }
}
