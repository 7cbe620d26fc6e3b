package org.tao4j.sdk.combine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WeightedMedianTest {
    @Test
    void equalWeightsGiveTheMiddleValue() {
        assertThat(WeightedMedian.of(new double[] {5, 1, 3}, new double[] {1, 1, 1}))
                .isEqualTo(3);
        assertThat(WeightedMedian.of(new double[] {4, 1, 3, 2}, new double[] {0, 0, 0, 0}))
                .as("all zero = all equal; lower middle")
                .isEqualTo(2);
    }

    @Test
    void aHeavyValueWinsAndALightOutlierCannotMoveIt() {
        assertThat(WeightedMedian.of(new double[] {10, 1, 2}, new double[] {0.6, 0.2, 0.2}))
                .isEqualTo(10);
        assertThat(WeightedMedian.of(new double[] {1, 2, 1e12}, new double[] {0.4, 0.4, 0.2}))
                .isEqualTo(2);
    }

    @Test
    void refusesMismatchedInput() {
        assertThatThrownBy(() -> WeightedMedian.of(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeightedMedian.of(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
