package org.tao4j.sdk.neuron;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.tao4j.sdk.Synapse;
import org.tao4j.sdk.axon.SynapseHandler;

/** A toy subnet for framework tests: miners compute 2x + 1, with noise of their own size. */
final class Toy {
    private Toy() {}

    record Question(long id, double x) {}

    record Answer(double y) {}

    static final Synapse<Question, Answer> SYNAPSE = Synapse.of("Toy", Question.class, Answer.class);

    static double truth(double x) {
        return 2 * x + 1;
    }

    static SynapseHandler<Question, Answer> miner(double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return (q, ctx) -> {
            double e;
            synchronized (rng) {
                e = noise * (rng.nextDouble() * 2 - 1);
            }
            return new Answer(truth(q.x()) + e);
        };
    }

    static TaskSource<Question> tasks(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] id = {0};
        return block -> new Question(++id[0], rng.nextDouble() * 100);
    }

    /** exp(-|error|): 1 for exact answers, 0 for missing ones. */
    static RewardFunction<Question, Answer> reward() {
        return RewardFunction.immediate((q, answers) -> {
            Map<Integer, Double> out = new LinkedHashMap<>();
            answers.forEach((uid, a) -> out.put(uid, a == null ? 0.0 : Math.exp(-Math.abs(a.y() - truth(q.x())))));
            return out;
        });
    }
}
