package org.tao4j.sdk.neuron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.tx.Hyperparameter;
import org.tao4j.sdk.TestKeys;
import org.tao4j.sdk.dendrite.AxonResult;
import org.tao4j.sdk.dendrite.Dendrite;
import org.tao4j.sdk.metagraph.Metagraph;
import org.tao4j.sdk.mock.MockChain;

/** The framework on a toy subnet, over real axons and dendrites on loopback and a {@link MockChain}. */
class NeuronFrameworkTest {
    static final int NETUID = 1;
    final List<AutoCloseable> open = new ArrayList<>();

    @TempDir
    Path dir;

    MockChain chain;
    final Ed25519.KeyPair[] validators = {TestKeys.key(200), TestKeys.key(201)};
    final Ed25519.KeyPair[] miners = {TestKeys.key(210), TestKeys.key(211), TestKeys.key(212)};
    final double[] noise = {0, 1.5, 30};

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    void subnet(boolean commitReveal) {
        subnet(commitReveal, 10);
    }

    /** A reveal has one epoch ({@code tempo + 1} blocks) to land: keep it well above a loaded machine's stalls. */
    void subnet(boolean commitReveal, int tempo) {
        chain = MockChain.create()
                .addSubnet(NETUID)
                .setHyperparameter(NETUID, Hyperparameter.TEMPO, tempo)
                .setHyperparameter(NETUID, Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 4)
                .setHyperparameter(NETUID, Hyperparameter.COMMIT_REVEAL_ENABLED, commitReveal ? 1 : 0)
                .setHyperparameter(NETUID, Hyperparameter.MAX_ALLOWED_VALIDATORS, 2);
        for (Ed25519.KeyPair v : validators) {
            chain.register(NETUID, TestKeys.id(v), 1_000 * MockChain.TAO, true);
        }
        for (Ed25519.KeyPair m : miners) {
            chain.register(NETUID, TestKeys.id(m), 0);
        }
    }

    NeuronConfig config(String name) {
        return NeuronConfig.builder()
                .netuid(NETUID)
                .axonIp("127.0.0.1")
                .axonPort(0)
                .movingAverageAlpha(0.3)
                .metagraphRefreshBlocks(2)
                .queryTimeout(Duration.ofSeconds(5))
                .neuronDir(dir.resolve(name))
                .build();
    }

    Miner miner(int i) {
        return keep(Miner.builder(config("miner" + i), miners[i], chain.connect(miners[i]))
                .serve(Toy.SYNAPSE, Toy.miner(noise[i], i))
                .start());
    }

    Validator<Toy.Question, Toy.Answer> validator(int i) {
        return keep(Validator.builder(config("validator" + i), validators[i], chain.connect(validators[i]))
                .query(Toy.SYNAPSE, Toy.tasks(i), Toy.reward())
                .samplingSeed(i)
                .start());
    }

    static void await(String what, Duration max, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    Metagraph metagraph() {
        return chain.metagraph(NETUID, Metagraph.Field.STANDARD);
    }

    int uid(Ed25519.KeyPair k) {
        return metagraph().uidOf(TestKeys.id(k));
    }

    @Test
    void minersServeTheirAxonsAndValidatorsRankThemByQuality() throws Exception {
        subnet(false);
        for (int i = 0; i < miners.length; i++) {
            miner(i);
        }
        chain.advance();
        await(
                "every miner's axon is on chain",
                Duration.ofSeconds(5),
                () -> metagraph().servingUids().length == miners.length);
        Validator<?, ?> v0 = validator(0);
        Validator<?, ?> v1 = validator(1);
        chain.startBlocks(Duration.ofMillis(25));
        await(
                "both validators set weights twice",
                Duration.ofSeconds(20),
                () -> v0.stats().weightsSet() >= 2 && v1.stats().weightsSet() >= 2);
        long start = chain.head();
        await("two more epochs", Duration.ofSeconds(10), () -> chain.head() >= start + 22);
        Metagraph mg = metagraph();
        int best = uid(miners[0]);
        int mid = uid(miners[1]);
        int worst = uid(miners[2]);
        assertThat(mg.incentive(best)).isGreaterThan(mg.incentive(mid));
        assertThat(mg.incentive(mid)).isGreaterThan(mg.incentive(worst));
        assertThat(mg.dividends(uid(validators[0]))).isPositive();
        assertThat(v0.scores().get(best)).isGreaterThan(v0.scores().get(mid));
        assertThat(v0.lastWeights().valueOf(best)).isEqualTo(65535);
        assertThat(v0.stats().weightFailures()).isZero();
    }

    @Test
    void withCommitRevealOnValidatorsCommitThenRevealInTheRevealEpoch() throws Exception {
        subnet(true, 20);
        for (int i = 0; i < miners.length; i++) {
            miner(i);
        }
        chain.advance();
        Validator<?, ?> v0 = validator(0);
        Validator<?, ?> v1 = validator(1);
        chain.startBlocks(Duration.ofMillis(25));
        await(
                "both validators revealed twice",
                Duration.ofSeconds(30),
                () -> v0.stats().reveals() >= 2 && v1.stats().reveals() >= 2);
        assertThat(chain.eventCount(Event.WeightsCommitted.class)).isGreaterThanOrEqualTo(4);
        assertThat(chain.eventCount(Event.WeightsRevealed.class)).isGreaterThanOrEqualTo(4);
        assertThat(chain.eventCount(Event.WeightsSet.class)).isZero();
        assertThat(v0.stats().weightFailures())
                .as(String.valueOf(v0.stats().lastWeightError()))
                .isZero();
        long start = chain.head();
        await("an epoch after the reveals", Duration.ofSeconds(10), () -> chain.head() >= start + 22);
        Metagraph mg = metagraph();
        assertThat(mg.incentive(uid(miners[0]))).isGreaterThan(mg.incentive(uid(miners[2])));
    }

    @Test
    void aValidatorResumesItsScoresAndPendingCommitsAfterARestart() throws Exception {
        subnet(true, 20);
        for (int i = 0; i < miners.length; i++) {
            miner(i);
        }
        chain.advance();
        Validator<?, ?> v = Validator.builder(config("validator0"), validators[0], chain.connect(validators[0]))
                .query(Toy.SYNAPSE, Toy.tasks(0), Toy.reward())
                .start();
        chain.startBlocks(Duration.ofMillis(25));
        await(
                "a commit is pending",
                Duration.ofSeconds(20),
                () -> v.stats().pendingCommits() > 0 && v.scores().size() == miners.length);
        chain.stopBlocks();
        v.close();
        Map<Integer, Double> before = v.scores();
        Path file = v.stateFile();
        assertThat(file).exists();
        assertThat(Files.readString(file)).contains("\"salt\"", "\"scores\"");

        Validator<?, ?> again =
                keep(Validator.builder(config("validator0"), validators[0], chain.connect(validators[0]))
                        .query(Toy.SYNAPSE, Toy.tasks(0), Toy.reward())
                        .start());
        assertThat(again.scores()).isEqualTo(before);
        assertThat(again.stats().pendingCommits()).isEqualTo(v.stats().pendingCommits()); // no block yet: nothing moved
        // and the commit made before the restart is revealed by the new process
        chain.startBlocks(Duration.ofMillis(25));
        await(
                "the old commit is revealed",
                Duration.ofSeconds(20),
                () -> again.stats().reveals() >= 1);
        assertThat(again.stats().weightFailures())
                .as(String.valueOf(again.stats().lastWeightError()))
                .isZero();
    }

    @Test
    void theWeightCopierSetsTheConsensusWithoutQueryingAnyone() throws Exception {
        subnet(false);
        for (int i = 0; i < miners.length; i++) {
            miner(i);
        }
        chain.advance();
        validator(0);
        Validator<?, ?> copier =
                keep(Validator.weightCopier(config("copier"), validators[1], chain.connect(validators[1])));
        chain.startBlocks(Duration.ofMillis(25));
        await(
                "the copier set weights",
                Duration.ofSeconds(20),
                () -> copier.stats().weightsSet() >= 1);
        assertThat(copier.isWeightCopier()).isTrue();
        assertThat(copier.stats().queries()).isZero();
        int best = uid(miners[0]);
        assertThat(copier.lastWeights().valueOf(best)).isEqualTo(65535);
        for (Miner m : open.stream()
                .filter(Miner.class::isInstance)
                .map(Miner.class::cast)
                .toList()) {
            assertThat(m.axon().answered(200)).isPositive();
        }
    }

    @Test
    void neuronsNeverRegisterThemselves() {
        subnet(false);
        Ed25519.KeyPair stranger = TestKeys.key(250);
        assertThatThrownBy(() -> Miner.builder(config("s"), stranger, chain.connect(stranger))
                        .serve(Toy.SYNAPSE, Toy.miner(0, 0))
                        .start())
                .isInstanceOf(NotRegisteredException.class)
                .hasMessageContaining("not registered on subnet 1");
        assertThatThrownBy(() -> Validator.builder(config("s"), stranger, chain.connect(stranger))
                        .query(Toy.SYNAPSE, Toy.tasks(0), Toy.reward())
                        .start())
                .isInstanceOf(NotRegisteredException.class);
        assertThat(chain.eventCount(Event.NeuronRegistered.class)).isEqualTo(1 + validators.length + miners.length);
    }

    @Test
    void aMinerPublishesItsModelHashAndAValidatorReadsEveryCommitmentInOneCall() {
        subnet(false);
        Miner m0 = miner(0);
        Miner m1 = miner(1);
        Validator<Toy.Question, Toy.Answer> v = validator(0);
        assertThat(m0.commit("sha256:0a0b").ok()).isTrue();
        assertThat(m1.commit(new byte[] {1, 2, 3}).ok()).isTrue();
        assertThat(m0.commit("again").error()).isEqualTo("CommitmentRateLimited");
        var all = v.commitments();
        assertThat(all).hasSize(2);
        var mine = all.stream()
                .filter(c -> c.hotkey().equals(m0.hotkey()))
                .findFirst()
                .orElseThrow();
        assertThat(mine.uid()).isEqualTo(m0.uid());
        assertThat(mine.text()).isEqualTo("sha256:0a0b");
    }

    @Test
    void aMinerServesOnlyRegisteredValidatorsAndFollowsTheMetagraph() throws Exception {
        subnet(false);
        Miner m = miner(0);
        chain.advance(2);
        Ed25519.KeyPair stranger = TestKeys.key(251);
        try (Dendrite outsider = Dendrite.builder(stranger).build();
                Dendrite minerB = Dendrite.builder(miners[1]).build();
                Dendrite validator = Dendrite.builder(validators[0]).build()) {
            Toy.Question q = new Toy.Question(1, 2);
            assertThat(outsider.call(m.endpoint(), Toy.SYNAPSE, q, Duration.ofSeconds(10))
                            .join()
                            .httpStatus())
                    .isEqualTo(403);
            AxonResult<Toy.Answer> noPermit = minerB.call(m.endpoint(), Toy.SYNAPSE, q, Duration.ofSeconds(10))
                    .join();
            assertThat(noPermit.httpStatus()).isEqualTo(403);
            assertThat(noPermit.message()).contains("validator permit");
            assertThat(validator
                            .call(m.endpoint(), Toy.SYNAPSE, q, Duration.ofSeconds(10))
                            .join()
                            .response()
                            .y())
                    .isEqualTo(5.0);
            // the stranger registers (elsewhere); after the next refresh the miner knows it
            chain.register(NETUID, TestKeys.id(stranger), 10 * MockChain.TAO, true);
            chain.advance(3);
            await(
                    "the miner's metagraph has the newcomer",
                    Duration.ofSeconds(5),
                    () -> m.metagraph().isRegistered(TestKeys.id(stranger)));
            assertThat(outsider.call(m.endpoint(), Toy.SYNAPSE, q, Duration.ofSeconds(10))
                            .join()
                            .ok())
                    .isTrue();
        }
        assertThat(m.served()).isTrue();
        assertThat(m.uid()).isEqualTo(uid(miners[0]));
    }

    @Test
    void aUidThatChangesHandsLosesItsScore() throws Exception {
        subnet(false);
        for (int i = 0; i < miners.length; i++) {
            miner(i);
        }
        chain.advance();
        Validator<?, ?> v = validator(0);
        chain.startBlocks(Duration.ofMillis(25));
        int taken = uid(miners[0]);
        await(
                "the validator scored the miner",
                Duration.ofSeconds(10),
                () -> v.scores().getOrDefault(taken, 0.0) > 0.2);
        chain.replace(NETUID, taken, TestKeys.id(TestKeys.key(252)));
        await("its score is dropped", Duration.ofSeconds(10), () -> !v.scores().containsKey(taken));
    }
}
