package org.tao4j.subnets.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.tx.Hyperparameter;
import org.tao4j.sdk.metagraph.Metagraph;
import org.tao4j.sdk.mock.MockChain;
import org.tao4j.sdk.neuron.Miner;
import org.tao4j.sdk.neuron.NeuronConfig;
import org.tao4j.sdk.neuron.Validator;

/**
 * The forecasting subnet end to end in mock mode: three miners of clearly different quality and two
 * validators, real axons and dendrites on loopback, a {@link MockChain} running the runtime's weight
 * rules (commit-reveal on) and real Yuma epochs. Wired by hand with the framework's public API, the
 * way an in-process orchestrator (the devnet) does it.
 */
class ForecastSubnetEndToEndTest {
    static final int NETUID = 1;
    static final List<String> STRATEGIES = List.of("lag-ridge", "moving-average", "random"); // best first

    @TempDir
    Path dir;

    MockChain chain;
    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (chain != null) {
            chain.stopBlocks();
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    static Ed25519.KeyPair key(int n) {
        byte[] seed = new byte[32];
        seed[0] = (byte) n;
        seed[31] = 0x42;
        return Ed25519.KeyPair.fromSeed(seed);
    }

    static AccountId id(Ed25519.KeyPair k) {
        return AccountId.of(k.publicKey());
    }

    NeuronConfig config(String name) {
        return NeuronConfig.builder()
                .netuid(NETUID)
                .axonIp("127.0.0.1")
                .axonPort(0)
                .movingAverageAlpha(0.2)
                .metagraphRefreshBlocks(2)
                .queryTimeout(Duration.ofSeconds(5))
                .neuronDir(dir.resolve(name))
                .build();
    }

    Validator<ForecastTask, Forecast> validator(int i, Ed25519.KeyPair k) {
        Validator<ForecastTask, Forecast> v = Validator.builder(config("validator" + i), k, chain.connect(k))
                .query(Forecast.SYNAPSE, ForecastValidator.synthetic(1000 + i).logic())
                .samplingSeed(i)
                .start();
        open.add(v);
        return v;
    }

    static void await(String what, Duration max, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(25);
        }
    }

    @Test
    void incentivesFollowStrategyQualityAndValidatorsResumeAfterARestart() throws Exception {
        chain = MockChain.create()
                .addSubnet(NETUID)
                .setHyperparameter(NETUID, Hyperparameter.TEMPO, 16)
                .setHyperparameter(NETUID, Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 8)
                .setHyperparameter(NETUID, Hyperparameter.COMMIT_REVEAL_ENABLED, 1)
                .setHyperparameter(NETUID, Hyperparameter.MAX_ALLOWED_VALIDATORS, 2);
        Ed25519.KeyPair[] validatorKeys = {key(1), key(2)};
        Ed25519.KeyPair[] minerKeys = {key(11), key(12), key(13)};
        for (Ed25519.KeyPair k : validatorKeys) {
            chain.register(NETUID, id(k), 1_000 * MockChain.TAO, true);
        }
        for (Ed25519.KeyPair k : minerKeys) {
            chain.register(NETUID, id(k), 0);
        }
        for (int i = 0; i < minerKeys.length; i++) {
            Ed25519.KeyPair k = minerKeys[i];
            open.add(Miner.builder(config("miner" + i), k, chain.connect(k))
                    .serve(Forecast.SYNAPSE, ForecastMiner.of(STRATEGIES.get(i), 7 + i))
                    .start());
        }
        chain.advance(); // the miners' serve_axon calls are in block 1
        Validator<ForecastTask, Forecast> v0 = validator(0, validatorKeys[0]);
        Validator<ForecastTask, Forecast> v1 = validator(1, validatorKeys[1]);
        chain.startBlocks(Duration.ofMillis(40));

        await(
                "both validators revealed weights three times",
                Duration.ofSeconds(40),
                () -> v0.stats().reveals() >= 3 && v1.stats().reveals() >= 3);
        int epochs = chain.epochs(NETUID);
        await("an epoch after that", Duration.ofSeconds(10), () -> chain.epochs(NETUID) > epochs);

        // the chain's incentive ranks the miners as their strategies deserve
        Metagraph mg = chain.metagraph(NETUID, Metagraph.Field.STANDARD);
        int[] incentive = new int[minerKeys.length];
        for (int i = 0; i < minerKeys.length; i++) {
            incentive[i] = mg.incentive(mg.uidOf(id(minerKeys[i])));
        }
        System.out.printf(
                "forecast e2e: epochs=%d incentive lag-ridge=%d moving-average=%d random=%d%n",
                chain.epochs(NETUID), incentive[0], incentive[1], incentive[2]);
        assertThat(incentive[0]).isGreaterThan(incentive[1]);
        assertThat(incentive[1]).isGreaterThan(incentive[2]);
        assertThat(incentive[2]).isLessThan(65535 / 100); // noise earns next to nothing
        for (Ed25519.KeyPair k : validatorKeys) {
            assertThat(mg.dividends(mg.uidOf(id(k)))).isPositive();
        }

        // commit-reveal was used, and only it
        assertThat(chain.eventCount(Event.WeightsCommitted.class)).isGreaterThanOrEqualTo(6);
        assertThat(chain.eventCount(Event.WeightsRevealed.class)).isGreaterThanOrEqualTo(6);
        assertThat(chain.eventCount(Event.WeightsSet.class)).isZero();
        assertThat(v0.stats().weightFailures())
                .as(String.valueOf(v0.stats().lastWeightError()))
                .isZero();
        assertThat(v1.stats().weightFailures())
                .as(String.valueOf(v1.stats().lastWeightError()))
                .isZero();

        // a forecast is scored only after its horizon: rounds of the last 6 blocks (24 steps) are still pending
        assertThat(v0.stats().pendingRounds()).isPositive();

        // validator 0 restarts while a commit is pending: its scores and the commit come back from its
        // working directory, and the new process reveals what the old one committed. (Stopping the
        // blocks can race a reveal; then that restart resumed scores only, and we restart again.)
        Validator<ForecastTask, Forecast> old = v0;
        for (int attempt = 1; ; attempt++) {
            Validator<ForecastTask, Forecast> waiting = old;
            await(
                    "a commit is pending",
                    Duration.ofSeconds(10),
                    () -> waiting.stats().pendingCommits() > 0);
            chain.stopBlocks();
            old.close();
            if (old.stats().pendingCommits() > 0 || attempt == 5) {
                break;
            }
            old = validator(0, validatorKeys[0]);
            chain.startBlocks(Duration.ofMillis(40));
        }
        Map<Integer, Double> before = old.scores();
        int commitsBefore = old.stats().pendingCommits();
        assertThat(before).hasSize(minerKeys.length);
        assertThat(commitsBefore).isPositive();
        Validator<ForecastTask, Forecast> again = validator(0, validatorKeys[0]);
        assertThat(again.scores()).isEqualTo(before);
        assertThat(again.stats().pendingCommits()).isEqualTo(commitsBefore); // no block yet: nothing moved
        chain.startBlocks(Duration.ofMillis(40));
        long revealsBefore = chain.eventCount(Event.WeightsRevealed.class);
        await(
                "the restarted validator revealed again",
                Duration.ofSeconds(20),
                () -> again.stats().reveals() >= 1 && chain.eventCount(Event.WeightsRevealed.class) > revealsBefore);
        assertThat(again.stats().weightFailures())
                .as(String.valueOf(again.stats().lastWeightError()))
                .isZero();
    }
}
