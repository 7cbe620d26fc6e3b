package org.tao4j.subnets.text;

import java.util.ArrayList;
import java.util.List;
import org.tao4j.sdk.axon.RequestContext;
import org.tao4j.sdk.axon.SynapseHandler;

/**
 * The text miner's handler: answers every task of a round with its strategy. Strategies are
 * immutable or synchronised, so one instance serves concurrent requests.
 */
public final class TextMiner implements SynapseHandler<TextRound, TextPredictions> {
    private final TextStrategy strategy;

    public TextMiner(TextStrategy strategy) {
        this.strategy = strategy;
    }

    public TextStrategy strategy() {
        return strategy;
    }

    @Override
    public TextPredictions handle(TextRound round, RequestContext context) {
        List<double[][]> out = new ArrayList<>(round.tasks().size());
        for (TextTask t : round.tasks()) {
            out.add(strategy.predict(t));
        }
        return new TextPredictions(out);
    }
}
