package org.tao4j.subnets.text;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tao4j.sdk.Synapse;
import org.tao4j.sdk.axon.SynapseHandler;
import org.tao4j.sdk.neuron.NeuronLauncher;
import org.tao4j.sdk.neuron.SubnetDefinition;
import org.tao4j.sdk.neuron.ValidatorLogic;

/**
 * The text subnet on the SDK's framework: the {@link TextRound#SYNAPSE} synapse, the
 * {@link TextMiner} handler and the {@link TextValidator}'s rounds and reward.
 *
 * <p>One instance loads the corpus once and trains each model once, on first use, and shares them
 * among all the miners it makes: an orchestrator running several text miners in one JVM should use
 * one instance. Thread-safe.
 *
 * <pre>
 * java … org.tao4j.subnets.text.TextSubnet local --mock
 * java … org.tao4j.subnets.text.TextSubnet miner --netuid 2 --wallet w --hotkey m1 --miner.strategy kneser-ney
 * </pre>
 */
public final class TextSubnet implements SubnetDefinition<TextRound, TextPredictions> {
    /** Strategy names, best first: {@code kneser-ney} is order 6; {@code (N)} picks another order. */
    public static final List<String> STRATEGIES =
            List.of("kneser-ney", "markov", "markov(2)", "unigram", "lazy", "random");

    private static final Pattern ORDERED = Pattern.compile("(kneser-ney|markov)(?:\\((\\d{1,2})\\))?");

    private Corpus corpus;
    private final Map<String, CharModel> models = new HashMap<>();

    @Override
    public String name() {
        return "text";
    }

    @Override
    public Synapse<TextRound, TextPredictions> synapse() {
        return TextRound.SYNAPSE;
    }

    @Override
    public List<String> strategies() {
        return STRATEGIES;
    }

    /** Moby Dick, loaded on first use. */
    public synchronized Corpus corpus() {
        if (corpus == null) {
            corpus = Corpus.mobyDick();
        }
        return corpus;
    }

    @Override
    public SynapseHandler<TextRound, TextPredictions> minerHandler(String strategy, long seed) {
        return new TextMiner(strategy(strategy, seed));
    }

    /**
     * The strategy behind a name: {@code kneser-ney} (order 6) or {@code kneser-ney(N)},
     * {@code markov} (order 3) or {@code markov(N)}, {@code unigram}, and the adversaries
     * {@code lazy} (replays its first Kneser-Ney answer) and {@code random} (confident noise, seeded
     * with {@code seed}). Models are trained on the corpus's training part once per instance.
     */
    public TextStrategy strategy(String name, long seed) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        Matcher m = ORDERED.matcher(n);
        if (m.matches()) {
            boolean kn = m.group(1).equals("kneser-ney");
            int order = m.group(2) != null ? Integer.parseInt(m.group(2)) : kn ? KneserNey.DEFAULT_ORDER : 3;
            return model(m.group(1) + "(" + order + ")");
        }
        return switch (n) {
            case "unigram" -> model("unigram");
            case "lazy" -> new Lazy(model("kneser-ney(" + KneserNey.DEFAULT_ORDER + ")"));
            case "random" -> new RandomNoise(seed);
            default ->
                throw new IllegalArgumentException("unknown text strategy '" + name + "'; strategies: "
                        + String.join(", ", STRATEGIES) + ", kneser-ney(N), markov(N)");
        };
    }

    private synchronized CharModel model(String key) {
        CharModel model = models.get(key);
        if (model == null) {
            String text = corpus().training();
            Matcher m = ORDERED.matcher(key);
            if (key.equals("unigram")) {
                model = Unigram.train(text);
            } else if (m.matches() && m.group(1).equals("kneser-ney")) {
                model = KneserNey.train(text, Integer.parseInt(m.group(2)));
            } else if (m.matches()) {
                model = Markov.train(text, Integer.parseInt(m.group(2)));
            } else {
                throw new IllegalArgumentException(key);
            }
            models.put(key, model);
        }
        return model;
    }

    @Override
    public ValidatorLogic<TextRound, TextPredictions> validatorLogic(long seed) {
        return TextValidator.heldOut(corpus(), seed).logic();
    }

    public static void main(String[] args) {
        System.exit(NeuronLauncher.run(new TextSubnet(), args));
    }
}
