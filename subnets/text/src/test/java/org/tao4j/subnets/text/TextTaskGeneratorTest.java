package org.tao4j.subnets.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTaskGeneratorTest {
    static final String TEXT =
            Alphabet.normalise("It was the best of times, it was the worst of times, it was the age of wisdom, "
                    + "it was the age of foolishness, it was the epoch of belief.");

    @Test
    void tasksArePassagesOfTheTextAndTheTruthFollowsThem() {
        TextTaskGenerator generator = new TextTaskGenerator(TEXT, 7, 20, 3);
        for (TextTask task : generator.nextRound(50)) {
            assertThat(task.context()).hasSize(20);
            assertThat(task.predictPositions()).isEqualTo(3);
            String truth = generator.truth(task.id()).orElseThrow();
            assertThat(truth).hasSize(3);
            assertThat(TEXT).contains(task.context() + truth);
        }
        assertThat(generator.pending()).isEqualTo(50);
    }

    @Test
    void forgottenAndUnknownTasksHaveNoTruth() {
        TextTaskGenerator generator = new TextTaskGenerator(TEXT, 7, 20, 1);
        TextTask task = generator.next();
        assertThat(generator.truth(task.id() + 1)).isEmpty();
        generator.forget(task.id());
        assertThat(generator.truth(task.id())).isEmpty();
    }

    @Test
    void pendingTasksAreBounded() {
        TextTaskGenerator generator = new TextTaskGenerator(TEXT, 7, 20, 1);
        long first = generator.next().id();
        generator.nextRound(TextTaskGenerator.MAX_PENDING);
        assertThat(generator.pending()).isEqualTo(TextTaskGenerator.MAX_PENDING);
        assertThat(generator.truth(first)).isEmpty();
    }

    @Test
    void sameSeedSamePassagesAndTheHeldOutPartOnly() {
        Corpus corpus = Corpus.mobyDick();
        List<TextTask> a = TextTaskGenerator.heldOut(corpus, 5).nextRound();
        List<TextTask> b = TextTaskGenerator.heldOut(corpus, 5).nextRound();
        assertThat(a).isEqualTo(b).hasSize(TextTaskGenerator.DEFAULT_ROUND);
        assertThat(TextTaskGenerator.heldOut(corpus, 6).nextRound()).isNotEqualTo(a);
        for (TextTask task : a) {
            assertThat(corpus.heldOut()).contains(task.context());
            assertThat(task.context()).hasSize(TextTaskGenerator.DEFAULT_CONTEXT);
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new TextTask(1, "Upper", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TextTask(1, "ok", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TextTaskGenerator(TEXT, 1, TEXT.length(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TextTaskGenerator("Not normalised", 1, 2, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
