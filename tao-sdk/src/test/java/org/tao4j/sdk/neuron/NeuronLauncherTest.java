package org.tao4j.sdk.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.sdk.Synapse;
import org.tao4j.sdk.axon.SynapseHandler;

class NeuronLauncherTest {
    @TempDir
    Path dir;

    static final class ToySubnet implements SubnetDefinition<Toy.Question, Toy.Answer> {
        @Override
        public String name() {
            return "toy";
        }

        @Override
        public Synapse<Toy.Question, Toy.Answer> synapse() {
            return Toy.SYNAPSE;
        }

        @Override
        public List<String> strategies() {
            return List.of("exact", "sloppy");
        }

        @Override
        public SynapseHandler<Toy.Question, Toy.Answer> minerHandler(String strategy, long seed) {
            return switch (strategy) {
                case "exact" -> Toy.miner(0, seed);
                case "sloppy" -> Toy.miner(20, seed);
                default -> throw new IllegalArgumentException(strategy);
            };
        }

        @Override
        public ValidatorLogic<Toy.Question, Toy.Answer> validatorLogic(long seed) {
            return new ValidatorLogic<>(Toy.tasks(seed), Toy.reward());
        }
    }

    record Run(int code, String out) {}

    static Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = NeuronLauncher.run(new ToySubnet(), new PrintStream(bytes, true, StandardCharsets.UTF_8), args);
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void localRunsAWholeSubnetAndPrintsTheMetagraphEachEpoch() {
        Run r = run(
                "local",
                "--mock",
                "--epochs",
                "3",
                "--block-time",
                "20",
                "--tempo",
                "5",
                "--neuron.dir",
                dir.toString(),
                "--metagraph.refresh-blocks",
                "1");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out())
                .contains(
                        "mock subnet 'toy' running: 4 neurons",
                        "3 epochs",
                        "miner     exact",
                        "miner     sloppy",
                        "validator");
    }

    @Test
    void badUsageIsExitTwoWithTheUsage() {
        assertThat(run().code()).isEqualTo(2);
        Run r = run("oracle");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out())
                .contains(
                        "unknown role 'oracle'",
                        "usage: toy (miner|validator|copier|local)",
                        "miner strategies: exact, sloppy");
        assertThat(run("miner", "--netuid", "x").out())
                .contains("Invalid value for option '--netuid': 'x' is not an int");
        Run notANumber = run("local", "--mock", "--epochs", "six");
        assertThat(notANumber.code()).isEqualTo(2);
        assertThat(notANumber.out()).contains("error: Invalid value for option '--epochs': 'six' is not an int");
        Run missing = run("local", "--mock", "--tempo");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.out()).contains("error: Missing required parameter for option '--tempo' (N)");
    }

    @Test
    void withoutMockANeuronNeedsItsWallet() {
        Run r = run("miner", "--wallet.path", dir.toString(), "--wallet", "nobody");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("error:").contains("nobody");
    }
}
