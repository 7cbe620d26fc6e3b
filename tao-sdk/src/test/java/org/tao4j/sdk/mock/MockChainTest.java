package org.tao4j.sdk.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.neurons.WeightSetting;
import org.tao4j.runtime.tx.Hyperparameter;
import org.tao4j.sdk.TestKeys;
import org.tao4j.sdk.chain.SubnetChain;
import org.tao4j.sdk.chain.SubnetHyperparameters;
import org.tao4j.sdk.chain.TxResult;
import org.tao4j.sdk.metagraph.Metagraph;

class MockChainTest {
    final Ed25519.KeyPair validator = TestKeys.key(100);
    final Ed25519.KeyPair minerA = TestKeys.key(101);
    final Ed25519.KeyPair minerB = TestKeys.key(102);

    MockChain subnet() {
        MockChain chain = MockChain.create().addSubnet(1);
        chain.register(1, TestKeys.id(validator), 1_000 * MockChain.TAO, true);
        chain.register(1, TestKeys.id(minerA), 0);
        chain.register(1, TestKeys.id(minerB), 0);
        return chain;
    }

    @Test
    void theMetagraphHoldsWhatWasRegisteredAndOnlyTheColumnsAskedFor() {
        MockChain chain = subnet();
        chain.addFakeNeurons(1, 4, 5 * MockChain.TAO);
        Metagraph mg = chain.connect(validator)
                .sync(1, java.util.EnumSet.of(Metagraph.Field.STAKE, Metagraph.Field.VALIDATOR_PERMIT));
        assertThat(mg.n()).isEqualTo(8); // the owner, three neurons, four fakes
        assertThat(mg.uidOf(TestKeys.id(validator))).isEqualTo(1);
        assertThat(mg.stake(1)).isEqualTo(1_000 * MockChain.TAO);
        assertThat(mg.validatorPermit(1)).isTrue();
        assertThat(mg.hasValidatorPermit(TestKeys.id(minerA))).isFalse();
        assertThat(mg.stake(TestKeys.id(validator))).isEqualTo(1_000 * MockChain.TAO);
        assertThat(mg.isRegistered(TestKeys.id(TestKeys.key(7)))).isFalse();
        assertThat(mg.has(Metagraph.Field.INCENTIVE)).isFalse();
        assertThatThrownBy(() -> mg.incentive(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("INCENTIVE");
    }

    @Test
    void serveAxonGoesThroughTheRuntimesRulesIncludingTheServingRateLimit() throws Exception {
        MockChain chain = subnet();
        SubnetChain a = chain.connect(minerA);
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        assertThat(a.serveAxon(1, lo, 9000, 1, 1)).isEqualTo(new TxResult.Included(1));
        Metagraph mg = a.sync(1, Metagraph.Field.STANDARD);
        assertThat(mg.axonEndpoint(2).port()).isEqualTo(9000);
        assertThat(mg.servingUids()).containsExactly(2);
        TxResult again = a.serveAxon(1, lo, 9001, 1, 1);
        assertThat(again.error()).isEqualTo("ServingRateLimited");
        TxResult stranger = chain.connect(TestKeys.key(55)).serveAxon(1, lo, 9002, 1, 1);
        assertThat(stranger.error()).isEqualTo("NotRegistered");
    }

    @Test
    void setWeightsFollowsTheRuntimesGuards() {
        MockChain chain = subnet();
        SubnetChain v = chain.connect(validator);
        // registered at block 0: the rate limit (10) counts from there
        assertThat(v.setWeights(1, new int[] {2, 3}, new int[] {3, 1}, 0).error())
                .isEqualTo("SettingWeightsTooFast");
        chain.advance(10);
        assertThat(chain.connect(minerA)
                        .setWeights(1, new int[] {3}, new int[] {1}, 0)
                        .error())
                .isEqualTo("NoValidatorPermit");
        assertThat(v.setWeights(1, new int[] {2, 9}, new int[] {3, 1}, 0).error())
                .isEqualTo("UidOutOfRange");
        chain.setHyperparameter(1, Hyperparameter.MAX_WEIGHTS_LIMIT, 40_000);
        assertThat(v.setWeights(1, new int[] {2, 3}, new int[] {3, 1}, 0).error())
                .isEqualTo("MaxWeightExceeded");
        chain.setHyperparameter(1, Hyperparameter.MAX_WEIGHTS_LIMIT, 65535);
        TxResult ok = v.setWeights(1, new int[] {2, 3}, new int[] {3, 1}, 0);
        assertThat(ok.ok()).as(ok.describe()).isTrue();
        assertThat(chain.connect(validator)
                        .sync(1, Metagraph.Field.ALL)
                        .weights(1)
                        .values())
                .containsExactly(65535, 21845);
        assertThat(v.setWeights(1, new int[] {2, 3}, new int[] {3, 1}, 0).error())
                .isEqualTo("SettingWeightsTooFast");
    }

    @Test
    void aMinerCommitsAndAValidatorReadsTheSubnetsCommitmentsInOneCall() {
        MockChain chain = subnet();
        SubnetChain a = chain.connect(minerA);
        SubnetChain b = chain.connect(minerB);
        assertThat(a.commit(1, "sha256:aa".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .ok())
                .isTrue();
        chain.advance();
        assertThat(b.commit(1, new byte[] {(byte) 0xff, 0}).ok()).isTrue();
        // the chain's rules: the rate limit, registration, the size bound
        assertThat(a.commit(1, new byte[] {1}).error()).isEqualTo("CommitmentRateLimited");
        assertThat(chain.connect(TestKeys.key(55)).commit(1, new byte[] {1}).error())
                .isEqualTo("NotRegistered");
        assertThat(b.commit(1, new byte[1025]).error()).isEqualTo("CommitmentTooLarge");

        List<org.tao4j.sdk.chain.Commitment> all = chain.connect(validator).commitments(1);
        assertThat(all).hasSize(2);
        var byUid = new java.util.HashMap<Integer, org.tao4j.sdk.chain.Commitment>();
        all.forEach(c -> byUid.put(c.uid(), c));
        assertThat(byUid.get(2).hotkey()).isEqualTo(TestKeys.id(minerA));
        assertThat(byUid.get(2).text()).isEqualTo("sha256:aa");
        assertThat(byUid.get(2).block()).isEqualTo(1);
        assertThat(byUid.get(3).text()).isNull();
        assertThat(byUid.get(3).data()).containsExactly(0xff, 0);
        assertThat(byUid.get(3).block()).isEqualTo(2);
        assertThatThrownBy(() -> chain.connect(validator).commitments(9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachBlockIsTheRuntimesBlockStep() {
        MockChain chain = subnet();
        long issuance = chain.read(org.tao4j.runtime.schema.ChainState::totalIssuance);
        long emission = org.tao4j.core.supply.EmissionSchedule.blockEmission(issuance);
        chain.advance();
        // BlockExecution.finish: the block emission is minted, 18% to the owner, the rest pending
        assertThat(chain.eventCount(Event.Minted.class)).isEqualTo(1);
        assertThat(chain.eventCount(Event.OwnerCut.class)).isEqualTo(1);
        assertThat(chain.read(org.tao4j.runtime.schema.ChainState::totalIssuance))
                .isEqualTo(issuance + emission);
        long cut = emission * 180_000 / 1_000_000;
        assertThat((long) chain.read(s -> s.subnet(1).pendingEmission())).isEqualTo(emission - cut);
        assertThat((long) chain.read(s -> s.blockNumber())).isEqualTo(1L);
        // a second subnet halves each one's share
        chain.addSubnet(2);
        chain.advance();
        assertThat((long) chain.read(s -> s.subnet(2).emissionValue())).isEqualTo(emission / 2);
    }

    @Test
    void epochsAreRealYumaEpochsThatPayOutAsStake() {
        MockChain chain = subnet();
        SubnetChain v = chain.connect(validator);
        chain.advance(10);
        assertThat(v.setWeights(1, new int[] {2, 3}, new int[] {3, 1}, 0).ok()).isTrue();
        int before = chain.eventCount(Event.EpochRun.class);
        chain.advanceToNextEpoch(1);
        chain.advanceToNextEpoch(1);
        assertThat(chain.eventCount(Event.EpochRun.class)).isEqualTo(before + 2);
        Metagraph mg = v.sync(1, Metagraph.Field.STANDARD);
        assertThat(mg.incentive(2)).isGreaterThan(mg.incentive(3)).isGreaterThan(0);
        assertThat((double) mg.incentive(2) / mg.incentive(3)).isBetween(2.9, 3.1);
        assertThat(mg.dividends(1)).isEqualTo(65535);
        assertThat(mg.stake(2)).isGreaterThan(mg.stake(3)).isGreaterThan(0);
        assertThat(mg.emission(2)).isPositive();
    }

    @Test
    void commitRevealRunsOnTheRuntimesEpochArithmetic() {
        MockChain chain = subnet();
        chain.setHyperparameter(1, Hyperparameter.COMMIT_REVEAL_ENABLED, 1);
        SubnetChain v = chain.connect(validator);
        SubnetHyperparameters hp = v.hyperparameters(1);
        assertThat(hp.commitRevealEnabled()).isTrue();
        chain.advance(10);
        int[] uids = {2, 3};
        int[] values = {3, 1};
        byte[] salt = {1, 2, 3};
        assertThat(v.setWeights(1, uids, values, 0).error()).isEqualTo("CommitRevealEnabled");
        byte[] hash = WeightSetting.commitHash(TestKeys.id(validator), 1, uids, values, salt, 0);
        TxResult c = v.commitWeights(1, hash);
        assertThat(c.ok()).as(c.describe()).isTrue();
        long commitBlock = ((TxResult.Included) c).block();
        assertThat(v.revealWeights(1, uids, values, salt, 0).error()).isEqualTo("RevealTooEarly");
        long revealEpoch = hp.epochIndex(commitBlock) + hp.revealPeriodEpochs();
        while (hp.epochIndex(chain.head() + 1) < revealEpoch) {
            chain.advance();
        }
        assertThat(v.revealWeights(1, uids, values, new byte[] {9}, 0).error()).isEqualTo("NoWeightsCommitFound");
        TxResult r = v.revealWeights(1, uids, values, salt, 0);
        assertThat(r.ok()).as(r.describe()).isTrue();
        assertThat(chain.eventCount(Event.WeightsRevealed.class)).isEqualTo(1);
    }

    @Test
    void headListenersHearEveryBlockInOrderUntilTheyUnsubscribe() {
        MockChain chain = subnet();
        SubnetChain s = chain.connect(minerA);
        List<Long> heard = new ArrayList<>();
        var sub = s.subscribeHeads(heard::add);
        chain.advance(3);
        sub.close();
        chain.advance(2);
        assertThat(heard).containsExactly(1L, 2L, 3L);
        assertThat(s.currentBlock()).isEqualTo(5);
    }

    @Test
    void replacingAUidGivesItANewHotkeyAndWipesItsRows() {
        MockChain chain = subnet();
        chain.replace(1, 2, TestKeys.id(TestKeys.key(77)));
        Metagraph mg = chain.connect(validator).sync(1, Metagraph.Field.STANDARD);
        assertThat(mg.hotkey(2)).isEqualTo(TestKeys.id(TestKeys.key(77)));
        assertThat(mg.uidOf(TestKeys.id(minerA))).isEqualTo(-1);
    }
}
