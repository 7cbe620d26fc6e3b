package org.tao4j.subnets.text;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Generates text one character at a time from next-character distributions (normally the
 * {@link TextCombiner} mixture of the miners' answers for the text so far).
 *
 * <p>{@link Decoding#GREEDY} takes the likeliest symbol (ties to the lower index);
 * {@link Decoding#SAMPLE} draws from the distribution with a {@link SplittableRandom} seeded by
 * {@code seed}: the same distributions and seed give the same text, on every JVM.
 */
public final class TextGenerator {
    /** Longest continuation one call generates: each character is one round trip to the miners. */
    public static final int MAX_CHARS = 512;
    /** The last this many characters of the text are sent as context (miners use far fewer). */
    public static final int CONTEXT_CHARS = 1024;

    public enum Decoding {
        GREEDY,
        SAMPLE
    }

    /** What was generated, and whether it stopped early because no distribution came back. */
    public record Generated(String text, boolean complete) {}

    private TextGenerator() {}

    /**
     * @param prompt normalised text (in the {@link Alphabet})
     * @param next the distribution of the next symbol given the text so far; empty stops generation
     */
    public static Generated generate(
            String prompt, int chars, Decoding decoding, long seed, Function<String, Optional<double[]>> next) {
        if (chars < 1 || chars > MAX_CHARS) {
            throw new IllegalArgumentException("chars must be 1 to " + MAX_CHARS + ", got " + chars);
        }
        if (!Alphabet.contains(prompt)) {
            throw new IllegalArgumentException("the prompt must be normalised text");
        }
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder(prompt);
        StringBuilder out = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            String context = text.substring(Math.max(0, text.length() - CONTEXT_CHARS));
            Optional<double[]> p = next.apply(context);
            if (p.isEmpty()) {
                return new Generated(out.toString(), false);
            }
            char c = Alphabet.symbol(decoding == Decoding.GREEDY ? argmax(p.get()) : sample(p.get(), random));
            text.append(c);
            out.append(c);
        }
        return new Generated(out.toString(), true);
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    static int sample(double[] p, SplittableRandom random) {
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        double u = random.nextDouble() * sum;
        double acc = 0;
        for (int c = 0; c < p.length; c++) {
            acc += p[c];
            if (u < acc) {
                return c;
            }
        }
        return argmax(p);
    }
}
