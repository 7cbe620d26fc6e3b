package org.tao4j.subnets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelTest {
    static final String SMALL =
            Alphabet.normalise("the cat sat on the mat. the dog sat on the log. the cat and the dog sat on the mat; "
                    + "then the cat ran, and the dog ran! \"who ran?\" said the rat - the cat.");
    static List<CharModel> models;

    @BeforeAll
    static void train() {
        models = List.of(
                Unigram.train(SMALL), Markov.train(SMALL, 3), KneserNey.train(SMALL, 6), KneserNey.train(SMALL, 2));
    }

    static void assertDistribution(double[] p) {
        assertThat(p).hasSize(Alphabet.SIZE);
        double sum = 0;
        for (double v : p) {
            assertThat(v).isGreaterThan(0); // smoothed: nothing is impossible
            sum += v;
        }
        assertThat(sum).isCloseTo(1, within(1e-9));
    }

    @Test
    void everyModelGivesAProperSmoothedDistributionInAnyContext() {
        for (CharModel model : models) {
            for (String context : List.of("", "t", "the ca", "zzzzzzzz", "\"who", "qxj-!")) {
                assertDistribution(model.nextDistribution(context));
            }
        }
    }

    @Test
    void predictGivesOneValidDistributionPerPositionAndPositionZeroIsTheNextCharacter() {
        for (CharModel model : models) {
            TextTask task = new TextTask(1, "the dog sat on the l", 6);
            double[][] answer = model.predict(task);
            assertThat(TextScoring.isValid(answer, 6)).as(model.name()).isTrue();
            for (double[] p : answer) {
                assertDistribution(p);
            }
            assertThat(answer[0]).containsExactly(model.nextDistribution(task.context()), within(1e-12));
        }
    }

    @Test
    void higherOrderModelsLearnTheContext() {
        KneserNey kn = KneserNey.train(SMALL, 6);
        Markov markov = Markov.train(SMALL, 3);
        int g = Alphabet.indexOf('g');
        assertThat(kn.nextDistribution("the lo")[g]).isGreaterThan(0.5);
        // one sighting of " lo", against 3.6 pseudo-counts of add-0.1 smoothing
        assertThat(markov.nextDistribution("the lo")[g]).isCloseTo(1.1 / 4.6, within(1e-9));
        assertThat(Unigram.train(SMALL).nextDistribution("the lo")[g]).isLessThan(0.05);
        // the marginal two characters ahead knows "the l" is followed by "og"
        double[][] ahead = kn.predict(new TextTask(1, "the l", 2));
        assertThat(ahead[1][g]).isGreaterThan(0.5);
    }

    @Test
    void kneserNeyFallsBackGracefullyOnUnseenContexts() {
        KneserNey kn = KneserNey.train(SMALL, 6);
        double[] unseen = kn.nextDistribution("qqqqq");
        // nothing known about "qqqqq": the continuation unigram, where space and 't' are common
        assertThat(unseen[Alphabet.SPACE]).isGreaterThan(unseen[Alphabet.indexOf('q')]);
    }

    @Test
    void adversariesAreWellFormedAndLazyRepeatsItself() {
        RandomNoise random = new RandomNoise(1);
        Lazy lazy = new Lazy(models.get(2));
        TextTask first = new TextTask(1, "the cat", 2);
        TextTask other = new TextTask(2, "on the m", 3);
        assertThat(TextScoring.isValid(random.predict(first), 2)).isTrue();
        double[][] a = lazy.predict(first);
        double[][] b = lazy.predict(other);
        assertThat(TextScoring.isValid(b, 3)).isTrue();
        assertThat(b[0]).containsExactly(a[0]);
        assertThat(b[2]).containsExactly(a[1]);
    }
}
