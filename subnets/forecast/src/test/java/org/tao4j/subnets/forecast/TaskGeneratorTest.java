package org.tao4j.subnets.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskGeneratorTest {
    @Test
    void truthIsTheContinuationAndOnlyRevealedOnceTheHorizonHasPassed() {
        SeriesGenerator series = new SeriesGenerator(7);
        TaskGenerator generator = new TaskGenerator(series, 100, 48, 6);
        ForecastTask task = generator.next(10);

        assertThat(task.history()).containsExactly(series.window(111, 48));
        assertThat(task.horizon()).isEqualTo(6);
        assertThat(generator.revealStep(task.id())).contains(16L);
        assertThat(generator.reveal(task.id(), 10)).isEmpty();
        assertThat(generator.reveal(task.id(), 15)).isEmpty();
        assertThat(generator.reveal(task.id(), 16).orElseThrow()).containsExactly(series.window(159, 6));
        // the next task, one step later, sees the first truth value at the end of its history
        ForecastTask later = generator.next(11);
        assertThat(later.lastValue()).isEqualTo(series.valueAt(159));
        assertThat(later.id()).isNotEqualTo(task.id());
    }

    @Test
    void aPanelTakesItsSeriesInTurnAndRevealsFromTheRightOne() {
        SeriesGenerator a = new SeriesGenerator(11);
        SeriesGenerator b = new SeriesGenerator(12);
        TaskGenerator panel = new TaskGenerator(java.util.List.of(a, b), 0, 48, 6);
        ForecastTask first = panel.next(4);
        ForecastTask second = panel.next(8);
        ForecastTask third = panel.next(12);
        assertThat(first.history()).containsExactly(a.window(5, 48));
        assertThat(second.history()).containsExactly(b.window(9, 48));
        assertThat(third.history()).containsExactly(a.window(13, 48));
        // truths out of order, each from its own series, each only after its horizon
        assertThat(panel.reveal(second.id(), 13)).isEmpty();
        assertThat(panel.reveal(second.id(), 14).orElseThrow()).containsExactly(b.window(57, 6));
        assertThat(panel.reveal(first.id(), 10).orElseThrow()).containsExactly(a.window(53, 6));
        assertThat(panel.reveal(third.id(), 18).orElseThrow()).containsExactly(a.window(61, 6));
    }

    @Test
    void syntheticPanelsAreSeededAndBounded() {
        TaskGenerator p1 = TaskGenerator.syntheticPanel(5, 8);
        TaskGenerator p2 = TaskGenerator.syntheticPanel(5, 8);
        assertThat(p1.sources()).hasSize(8);
        for (int i = 0; i < 8; i++) {
            assertThat(p1.next(i).history()).containsExactly(p2.next(i).history());
        }
        assertThat(p1.sources().stream().map(SeriesSource::name).distinct()).hasSize(8);
        assertThatThrownBy(() -> TaskGenerator.syntheticPanel(5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to " + TaskGenerator.MAX_SOURCES);
        assertThatThrownBy(() -> new TaskGenerator(java.util.List.of(), 0, 8, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("series");
    }

    @Test
    void theValidatorRunsTheSeriesFasterThanBlocks() {
        SeriesGenerator series = new SeriesGenerator(7);
        ForecastValidator v = new ForecastValidator(new TaskGenerator(series, 0, 48, 24), new ForecastScoring(), 4);
        ForecastTask task = v.next(10); // block 10 = step 40
        assertThat(task.history()).containsExactly(series.window(41, 48));
        assertThat(v.generator().revealStep(task.id())).contains(64L); // step 64 = block 16
        assertThatThrownBy(() -> new ForecastValidator(TaskGenerator.synthetic(1), new ForecastScoring(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("steps per block");
    }

    @Test
    void unknownAndForgottenTasksRevealNothing() {
        TaskGenerator generator = TaskGenerator.synthetic(1);
        ForecastTask task = generator.next(0);
        assertThat(generator.reveal(task.id() + 1000, 1_000_000)).isEmpty();
        generator.forget(task.id());
        assertThat(generator.reveal(task.id(), 1_000_000)).isEmpty();
        assertThat(generator.pending()).isZero();
    }

    @Test
    void pendingTasksAreBounded() {
        TaskGenerator generator = new TaskGenerator(new SeriesGenerator(3), 0, 8, 2);
        long first = generator.next(0).id();
        for (int i = 1; i <= TaskGenerator.MAX_PENDING; i++) {
            generator.next(i);
        }
        assertThat(generator.pending()).isEqualTo(TaskGenerator.MAX_PENDING);
        assertThat(generator.reveal(first, 1_000_000)).isEmpty();
    }

    @Test
    void sameSeedSameTasks() {
        TaskGenerator a = TaskGenerator.synthetic(42);
        TaskGenerator b = TaskGenerator.synthetic(42);
        for (long step = 0; step < 500; step += 37) {
            assertThat(a.next(step)).isEqualTo(b.next(step));
        }
        assertThat(TaskGenerator.synthetic(43).next(0))
                .isNotEqualTo(TaskGenerator.synthetic(42).next(0));
    }

    @Test
    void generatorValuesDoNotDependOnTheOrderOfCalls() {
        SeriesGenerator forward = new SeriesGenerator(5);
        SeriesGenerator jump = new SeriesGenerator(5);
        double far = jump.valueAt(10_000);
        for (int step = 0; step <= 10_000; step++) {
            assertThat(jump.valueAt(step)).isEqualTo(forward.valueAt(step));
        }
        assertThat(forward.valueAt(10_000)).isEqualTo(far);
    }

    @Test
    void generatorStaysPositiveAndSeasonalityIsFound() {
        for (long seed = 1; seed <= 12; seed++) {
            SeriesGenerator g = new SeriesGenerator(seed);
            double[] values = g.window(0, 20_000);
            for (double v : values) {
                assertThat(v).isPositive();
            }
            int found = 0;
            for (int start = 0; start < 20_000 - 240; start += 500) {
                if (Seasonality.detectPeriod(g.window(start, 240)) == g.period()) {
                    found++;
                }
            }
            assertThat(found).as("seed %d, period %d", seed, g.period()).isGreaterThanOrEqualTo(35); // of 40
        }
    }

    @Test
    void usBirthsLoadsAndWraps() {
        RealSeries births = RealSeries.usBirths();
        assertThat(births.length()).isEqualTo(3652);
        assertThat(births.valueAt(0)).isEqualTo(8096);
        assertThat(births.valueAt(3651)).isEqualTo(12374);
        assertThat(births.valueAt(3652)).isEqualTo(8096);
        assertThat(Seasonality.detectPeriod(births.window(1000, 240))).isEqualTo(7);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new TaskGenerator(new SeriesGenerator(1), 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TaskGenerator(new SeriesGenerator(1), 0, 10, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TaskGenerator.synthetic(1).next(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ForecastTask(1, new double[] {1, Double.NaN}, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ForecastTask(1, new double[0], 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
