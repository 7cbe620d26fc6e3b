package org.tao4j.subnets.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tao4j.sdk.neuron.ScoreBoard;

/**
 * The subnet's acceptance test in miniature: every strategy answers the same rounds of held-out
 * passages, and both bits per character and relative scores must follow the models' quality. The
 * tables it prints are the ones in docs/subnets.md.
 */
class TextQualityTest {
    static final int ROUNDS = 100;
    static final List<String> QUALITY_ORDER = List.of("kneser-ney(6)", "markov(3)", "unigram", "lazy", "random");

    static Corpus corpus;
    static Unigram unigram;
    static Markov markov;
    static KneserNey kneserNey;

    @BeforeAll
    static void train() {
        long t0 = System.nanoTime();
        corpus = Corpus.mobyDick();
        long t1 = System.nanoTime();
        unigram = Unigram.train(corpus.training());
        long t2 = System.nanoTime();
        markov = Markov.train(corpus.training(), 3);
        long t3 = System.nanoTime();
        kneserNey = KneserNey.train(corpus.training());
        long t4 = System.nanoTime();
        System.out.printf(
                "load+normalise %.0f ms; train unigram %.0f ms, markov(3) %.0f ms, kneser-ney(6) %.0f ms%n",
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6);
    }

    static List<TextStrategy> strategies() {
        return List.of(kneserNey, markov, unigram, new Lazy(kneserNey), new RandomNoise(9));
    }

    /** Mean bits per character, mean relative score and final moving-average score per strategy. */
    record Result(Map<String, Double> bpc, Map<String, Double> relative, Map<String, Double> board) {}

    static Result run(TextTaskGenerator generator, int tasksPerRound, List<TextStrategy> strategies) {
        TextScoring scoring = new TextScoring();
        ScoreBoard<String> board = new ScoreBoard<>();
        Map<String, Double> bpc = new LinkedHashMap<>();
        Map<String, Double> relative = new LinkedHashMap<>();
        for (int i = 0; i < ROUNDS; i++) {
            List<TextTask> round = generator.nextRound(tasksPerRound);
            Map<String, List<double[][]>> answers = new LinkedHashMap<>();
            for (TextStrategy s : strategies) {
                answers.put(s.name(), round.stream().map(s::predict).toList());
            }
            List<String> truths = round.stream()
                    .map(t -> generator.truth(t.id()).orElseThrow())
                    .toList();
            round.forEach(t -> generator.forget(t.id()));
            answers.forEach((name, a) -> bpc.merge(name, TextScoring.bitsPerChar(a, truths) / ROUNDS, Double::sum));
            Map<String, Double> scores = scoring.relativeScores(answers, truths);
            scores.forEach((name, s) -> relative.merge(name, s / ROUNDS, Double::sum));
            board.update(scores);
        }
        return new Result(bpc, relative, board.scores());
    }

    static void print(String title, Result r) {
        System.out.println(title);
        System.out.printf("  %-16s %8s %9s %9s%n", "strategy", "bpc", "relative", "ema");
        r.bpc()
                .forEach((name, e) -> System.out.printf(
                        "  %-16s %8.4f %9.4f %9.4f%n",
                        name, e, r.relative().get(name), r.board().get(name)));
    }

    static List<String> ranking(Map<String, Double> scores, boolean highFirst) {
        List<String> names = new ArrayList<>(scores.keySet());
        names.sort((a, b) -> highFirst
                ? Double.compare(scores.get(b), scores.get(a))
                : Double.compare(scores.get(a), scores.get(b)));
        return names;
    }

    @Test
    void nextCharacterRankingFollowsQuality() {
        Result r = run(TextTaskGenerator.heldOut(corpus, 1), TextTaskGenerator.DEFAULT_ROUND, strategies());
        print("100 rounds of 16 one-position tasks (1,600 characters)", r);

        assertThat(ranking(r.bpc(), false)).containsExactlyElementsOf(QUALITY_ORDER);
        assertThat(ranking(r.relative(), true)).containsExactlyElementsOf(QUALITY_ORDER);
        assertThat(ranking(r.board(), true).subList(0, 3)).containsExactlyElementsOf(QUALITY_ORDER.subList(0, 3));
        // clearly better, in that order
        assertThat(r.bpc().get("kneser-ney(6)")).isLessThan(r.bpc().get("markov(3)") - 0.2);
        assertThat(r.bpc().get("markov(3)")).isLessThan(r.bpc().get("unigram") - 1.5);
        assertThat(r.relative().get("random")).isLessThan(0.01);
        assertThat(r.board().get("random")).isLessThan(0.01);
    }

    /** Four positions per task: later positions are harder for everyone, the order holds. */
    @Test
    void multiPositionRankingFollowsQuality() {
        Result r = run(new TextTaskGenerator(corpus.heldOut(), 2, 128, 4), 4, strategies());
        print("100 rounds of 4 four-position tasks (1,600 characters)", r);

        assertThat(ranking(r.bpc(), false)).containsExactlyElementsOf(QUALITY_ORDER);
        assertThat(ranking(r.relative(), true)).containsExactlyElementsOf(QUALITY_ORDER);
    }

    @Test
    void sameSeedSameScores() {
        Result a = run(TextTaskGenerator.heldOut(corpus, 3), 2, strategies());
        Result b = run(TextTaskGenerator.heldOut(corpus, 3), 2, strategies());
        assertThat(a).isEqualTo(b);
    }
}
