package org.tao4j.subnets.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.sdk.mock.LocalSubnet;
import org.tao4j.sdk.neuron.NeuronConfig;
import org.tao4j.sdk.neuron.Validator;
import org.tao4j.sdk.wire.SynapseCodec;

/** The text subnet in mock mode ({@link LocalSubnet}): real axons, dendrites and Yuma epochs. */
class TextSubnetEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void incentivesFollowModelQuality() throws Exception {
        NeuronConfig base = NeuronConfig.builder()
                .movingAverageAlpha(0.3)
                .metagraphRefreshBlocks(2)
                .build();
        try (LocalSubnet subnet = LocalSubnet.builder(new TextSubnet())
                .miners(List.of("kneser-ney", "unigram", "random"))
                .validators(2)
                .blockTime(Duration.ofMillis(40))
                .tempo(10)
                .weightsRateLimit(5)
                .baseDir(dir)
                .neuronConfig(base)
                .start()) {
            for (Validator<?, ?> v : subnet.validators()) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (v.stats().weightsSet() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(25);
                }
                assertThat(v.stats().weightsSet())
                        .as("weights set by " + v.hotkey())
                        .isGreaterThanOrEqualTo(3);
            }
            assertThat(subnet.awaitEpochs(1, Duration.ofSeconds(10))).isTrue();
            Map<String, Integer> incentive = subnet.incentiveByStrategy();
            System.out.println(subnet.table());
            assertThat(incentive.get("kneser-ney")).isGreaterThan(incentive.get("unigram"));
            assertThat(incentive.get("unigram")).isGreaterThan(incentive.get("random"));
            assertThat(incentive.get("random")).isLessThan(65535 / 100);
        }
    }

    @Test
    void roundsAndPredictionsSurviveTheWire() throws Exception {
        SynapseCodec codec = new SynapseCodec();
        TextRound round = new TextRound(List.of(new TextTask(1, "call me ishmae", 1), new TextTask(2, "the whal", 2)));
        assertThat(codec.read(codec.write(round), TextRound.class)).isEqualTo(round);
        double[][] p = {new double[Alphabet.SIZE]};
        p[0][3] = 1;
        TextPredictions answer = new TextPredictions(List.<double[][]>of(p));
        TextPredictions back = codec.read(codec.write(answer), TextPredictions.class);
        assertThat(back.distributions()).hasSize(1);
        assertThat(back.distributions().get(0)[0]).containsExactly(p[0]);
    }
}
