package org.tao4j.sdk.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NeuronConfigTest {
    @Test
    void parsesEveryDocumentedOption() {
        NeuronConfig c = NeuronConfig.parse(
                "validator",
                "--netuid",
                "3",
                "--wallet",
                "alice",
                "--hotkey=v1",
                "--network",
                "ws://10.0.0.1:9944",
                "--mock",
                "--axon.port",
                "0",
                "--axon.ip",
                "127.0.0.1",
                "--axon.external-ip",
                "203.0.113.7",
                "--axon.external-port",
                "9000",
                "--blacklist.allow-non-validators",
                "--blacklist.min-stake",
                "1.5",
                "--miner.strategy",
                "lag-ridge",
                "--validator.sample-size",
                "8",
                "--validator.moving-average-alpha",
                "0.25",
                "--validator.epoch-blocks",
                "50",
                "--validator.step-blocks",
                "2",
                "--validator.timeout",
                "0.5",
                "--validator.seed",
                "42",
                "--metagraph.refresh-blocks",
                "3",
                "--neuron.dir",
                "/tmp/n",
                "--logging.debug=false");
        assertThat(c.positional()).containsExactly("validator");
        assertThat(c.netuid()).isEqualTo(3);
        assertThat(c.wallet()).isEqualTo("alice");
        assertThat(c.hotkey()).isEqualTo("v1");
        assertThat(c.network()).isEqualTo("ws://10.0.0.1:9944");
        assertThat(c.mock()).isTrue();
        assertThat(c.axonPort()).isZero();
        assertThat(c.axonIp()).isEqualTo("127.0.0.1");
        assertThat(c.axonExternalIp()).isEqualTo("203.0.113.7");
        assertThat(c.axonExternalPort()).isEqualTo(9000);
        assertThat(c.allowNonValidators()).isTrue();
        assertThat(c.blacklistMinStakeRao()).isEqualTo(1_500_000_000L);
        assertThat(c.minerStrategy()).isEqualTo("lag-ridge");
        assertThat(c.sampleSize()).isEqualTo(8);
        assertThat(c.movingAverageAlpha()).isEqualTo(0.25);
        assertThat(c.epochBlocks()).isEqualTo(50);
        assertThat(c.stepBlocks()).isEqualTo(2);
        assertThat(c.queryTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.validatorSeed()).isEqualTo(42L);
        assertThat(c.metagraphRefreshBlocks()).isEqualTo(3);
        assertThat(c.neuronDir()).isEqualTo(Path.of("/tmp/n"));
        assertThat(c.loggingDebug()).isFalse();
    }

    @Test
    void defaultsAreTheTemplatesAndTheWorkingDirFollowsTheNames() {
        NeuronConfig c = NeuronConfig.parse();
        assertThat(c.netuid()).isEqualTo(1);
        assertThat(c.movingAverageAlpha()).isEqualTo(0.1);
        assertThat(c.axonPort()).isEqualTo(8091);
        assertThat(c.epochBlocks()).isZero();
        assertThat(c.neuronDir().toString()).endsWith(".tao/neurons/default/default/netuid1");
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> NeuronConfig.parse("--netuid", "x")).hasMessageContaining("--netuid");
        assertThatThrownBy(() -> NeuronConfig.parse("--validator.moving-average-alpha", "1.5"))
                .hasMessageContaining("alpha must be in (0, 1]");
        assertThatThrownBy(() -> NeuronConfig.parse("--axon.prot", "1"))
                .hasMessageContaining("unknown option --axon.prot");
        assertThatThrownBy(() -> NeuronConfig.parse("--netuid")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> NeuronConfig.parse("--wallet", "../x")).hasMessageContaining("plain file name");
    }

    @Test
    void proxyForTakesAnAddress() {
        String real = org.tao4j.sdk.TestKeys.id(org.tao4j.sdk.TestKeys.key(3)).toSs58();
        NeuronConfig c = NeuronConfig.parse("--proxy-for", real, "validator");
        assertThat(c.proxyFor().toSs58()).isEqualTo(real);
        assertThat(c.toBuilder().build().proxyFor()).isEqualTo(c.proxyFor());
        assertThat(NeuronConfig.parse().proxyFor()).isNull();
        assertThatThrownBy(() -> NeuronConfig.parse("--proxy-for", "5nope")).hasMessageContaining("--proxy-for");
    }

    @Test
    void toBuilderKeepsEverything() {
        NeuronConfig c = NeuronConfig.parse("--netuid", "4", "--validator.sample-size", "3", "miner");
        NeuronConfig d = c.toBuilder().axonPort(0).build();
        assertThat(d.netuid()).isEqualTo(4);
        assertThat(d.sampleSize()).isEqualTo(3);
        assertThat(d.positional()).containsExactly("miner");
        assertThat(d.axonPort()).isZero();
    }
}
