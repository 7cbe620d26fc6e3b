package org.tao4j.subnets.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tao4j.sdk.wire.SynapseCodec;

class ForecastWireTest {
    final SynapseCodec codec = new SynapseCodec();

    @Test
    void tasksAndForecastsSurviveTheWire() throws Exception {
        ForecastTask task = new ForecastTask(7, new double[] {1, 2.5, 3}, 4);
        byte[] json = codec.write(task);
        assertThat(new String(json)).isEqualTo("{\"id\":7,\"history\":[1.0,2.5,3.0],\"horizon\":4}");
        assertThat(codec.read(json, ForecastTask.class)).isEqualTo(task);
        Forecast f = new Forecast(new double[] {4, 5});
        assertThat(codec.read(codec.write(f), Forecast.class)).isEqualTo(f);
    }

    @Test
    void aTaskOutsideItsBoundsIsRefusedWhenDecoded() {
        assertThatThrownBy(() ->
                        codec.read("{\"id\":1,\"history\":[1],\"horizon\":100000}".getBytes(), ForecastTask.class))
                .hasMessageContaining("horizon");
    }

    @Test
    void minerStrategiesByName() {
        assertThat(ForecastMiner.strategy("moving-average", 1).name()).isEqualTo("moving-average(24)");
        assertThat(ForecastMiner.strategy("moving-average(12)", 1).name()).isEqualTo("moving-average(12)");
        for (String s : ForecastMiner.STRATEGIES) {
            assertThat(ForecastMiner.strategy(s, 1).name()).startsWith(s);
        }
        assertThatThrownBy(() -> ForecastMiner.of("oracle", 1)).hasMessageContaining("lag-ridge");
    }

    @Test
    void aForecastIsScoredOnlyOnceItsHorizonHasPassed() {
        ForecastValidator v =
                new ForecastValidator(new TaskGenerator(new SeriesGenerator(3), 0, 48, 6), new ForecastScoring());
        ForecastTask task = v.next(100);
        var round = new org.tao4j.sdk.neuron.Round<ForecastTask, Forecast>(
                1, 100, task, java.util.List.of(), java.util.List.of(), java.util.List.of());
        assertThat(v.score(round, 105)).isEmpty();
        Optional<Map<Integer, Double>> scored = v.score(round, 106);
        assertThat(scored).contains(Map.of());
        assertThat(v.generator().pending()).isZero();
    }
}
