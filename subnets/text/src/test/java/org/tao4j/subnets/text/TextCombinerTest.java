package org.tao4j.subnets.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tao4j.sdk.combine.AnswerCombiner.Combined;
import org.tao4j.sdk.combine.AnswerCombiner.WeightedAnswer;

class TextCombinerTest {
    final TextCombiner combiner = new TextCombiner();
    final TextRound round = new TextRound(List.of(new TextTask(1, "the whal", 1)));

    static double[] onehot(char c) {
        double[] p = new double[Alphabet.SIZE];
        p[Alphabet.indexOf(c)] = 1;
        return p;
    }

    static TextPredictions answer(double[] p) {
        return new TextPredictions(List.<double[][]>of(new double[][] {p}));
    }

    @Test
    void theMixtureIsWeightedByIncentive() {
        Combined<TextPredictions> c = combiner.combine(
                        round,
                        List.of(
                                new WeightedAnswer<>(0, 3, answer(onehot('e'))),
                                new WeightedAnswer<>(1, 1, answer(onehot('a')))))
                .orElseThrow();
        double[] p = c.answer().distributions().get(0)[0];
        assertThat(p[Alphabet.indexOf('e')]).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(p[Alphabet.indexOf('a')]).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(c.used()).containsExactly(0, 1);
    }

    @Test
    void invalidAnswersAreLeftOut() {
        double[] notNormalised = onehot('x');
        notNormalised[0] = 5;
        List<WeightedAnswer<TextPredictions>> answers = new ArrayList<>();
        answers.add(new WeightedAnswer<>(0, 100, answer(notNormalised)));
        answers.add(new WeightedAnswer<>(1, 100, new TextPredictions(List.of())));
        answers.add(new WeightedAnswer<>(2, 100, null));
        answers.add(new WeightedAnswer<>(3, 0, answer(onehot('e'))));
        Combined<TextPredictions> c = combiner.combine(round, answers).orElseThrow();
        assertThat(c.used()).containsExactly(3);
        assertThat(c.answer().distributions().get(0)[0][Alphabet.indexOf('e')]).isEqualTo(1.0);
        assertThat(combiner.combine(round, answers.subList(0, 3))).isEmpty();
    }

    @Test
    void greedyAndSeededSamplingAreRepeatable() {
        double[] p = new double[Alphabet.SIZE];
        p[Alphabet.indexOf('a')] = 0.5;
        p[Alphabet.indexOf('b')] = 0.3;
        p[Alphabet.indexOf('c')] = 0.2;
        TextGenerator.Generated greedy =
                TextGenerator.generate("x", 5, TextGenerator.Decoding.GREEDY, 0, ctx -> Optional.of(p));
        assertThat(greedy.text()).isEqualTo("aaaaa");
        assertThat(greedy.complete()).isTrue();
        String s1 = TextGenerator.generate("x", 40, TextGenerator.Decoding.SAMPLE, 7, ctx -> Optional.of(p))
                .text();
        String s2 = TextGenerator.generate("x", 40, TextGenerator.Decoding.SAMPLE, 7, ctx -> Optional.of(p))
                .text();
        String s3 = TextGenerator.generate("x", 40, TextGenerator.Decoding.SAMPLE, 8, ctx -> Optional.of(p))
                .text();
        assertThat(s1).isEqualTo(s2).hasSize(40).matches("[abc]+");
        assertThat(s3).isNotEqualTo(s1);
        List<String> contexts = new ArrayList<>();
        TextGenerator.Generated partial = TextGenerator.generate("ab", 5, TextGenerator.Decoding.GREEDY, 0, ctx -> {
            contexts.add(ctx);
            return contexts.size() <= 2 ? Optional.of(p) : Optional.empty();
        });
        assertThat(partial).isEqualTo(new TextGenerator.Generated("aa", false));
        assertThat(contexts).containsExactly("ab", "aba", "abaa");
    }
}
