package org.tao4j.subnets.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A miner's answer to a {@link TextRound}: for each task, in order, one distribution over the
 * {@link Alphabet} per position ({@code double[predictPositions][36]}).
 */
public record TextPredictions(List<double[][]> distributions) {
    public TextPredictions {
        distributions =
                distributions == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(distributions));
    }
}
