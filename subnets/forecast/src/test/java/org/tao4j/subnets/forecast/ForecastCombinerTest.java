package org.tao4j.subnets.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tao4j.sdk.combine.AnswerCombiner.Combined;
import org.tao4j.sdk.combine.AnswerCombiner.WeightedAnswer;

class ForecastCombinerTest {
    final ForecastCombiner combiner = new ForecastCombiner();
    final ForecastTask task = new ForecastTask(1, new double[] {1, 2, 3}, 2);

    static WeightedAnswer<Forecast> a(int uid, double w, double... v) {
        return new WeightedAnswer<>(uid, w, v == null ? null : new Forecast(v));
    }

    @Test
    void weightedMedianPerStep() {
        Combined<Forecast> c = combiner.combine(
                        task, List.of(a(0, 3, 10, 20), a(1, 1, 11, 100), a(2, 1, 9, 19), a(3, 1, 12, 21)))
                .orElseThrow();
        // step 0: values 9,10,11,12 with weights 1,3,1,1 -> 10; step 1: 19,20,21,100 -> 20
        assertThat(c.answer().values()).containsExactly(10, 20);
        assertThat(c.used()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void invalidAnswersAreLeftOutAndNamed() {
        Combined<Forecast> c = combiner.combine(
                        task,
                        List.of(
                                a(0, 5, 1, 2, 3), // wrong length
                                a(1, 5, Double.NaN, 2), // not finite
                                new WeightedAnswer<>(2, 5, null), // no answer
                                a(3, 1, 7, 8)))
                .orElseThrow();
        assertThat(c.answer().values()).containsExactly(7, 8);
        assertThat(c.used()).containsExactly(3);
    }

    @Test
    void nothingUsableIsEmpty() {
        assertThat(combiner.combine(task, List.of(a(0, 1, 1)))).isEmpty();
        assertThat(combiner.combine(task, List.of())).isEmpty();
    }

    @Test
    void aMinorityOfWildMinersCannotMoveTheAnswer() {
        Combined<Forecast> c = combiner.combine(
                        task, List.of(a(0, 2, 5, 5), a(1, 2, 6, 6), a(2, 1, 1e9, -1e9), a(3, 1, -1e9, 1e9)))
                .orElseThrow();
        assertThat(c.answer().values()[0]).isBetween(5.0, 6.0);
        assertThat(c.answer().values()[1]).isBetween(5.0, 6.0);
    }
}
