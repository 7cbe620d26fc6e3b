package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.TestChain.id;

import org.junit.jupiter.api.Test;
import org.tao4j.consensus.SparseRow;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.neurons.MaxWeightLimit;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Hyperparameter;

/** docs/spec/chain.md §4 set_weights: every guard with its error and detail, the stored row, the rate limit. */
class WeightsTest {

    /**
     * Subnet 1 owned by alice: uid 0 "val" (alice, validator permit), uid 1 "m1" and uid 2 "m2" (bob),
     * uid 3 "v2" (carol), all registered at block 0.
     */
    private static SubnetFixture subnet(TestChain c) {
        SubnetFixture f = SubnetFixture.create(c, 1, "alice", "val");
        f.neuron("m1", "bob");
        f.neuron("m2", "bob");
        f.neuron("v2", "carol");
        f.permit(0, true);
        return f;
    }

    /** The same with no weights rate limit, so that every block may set weights. */
    private static SubnetFixture unlimited(TestChain c) {
        return subnet(c).hyperparams(h -> h.with(Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 0));
    }

    private static Call.SetWeights w(int[] dests, int[] values) {
        return new Call.SetWeights(1, dests, values, 0);
    }

    private static TestChain chain() {
        // hotkeys sign weights and pay their fees, so they are endowed too
        return new TestChain("alice", "bob", "carol", "dave", "val", "m1", "m2", "v2", "late");
    }

    @Test
    void storesTheMaxUpscaledRowInTheGivenOrderAndSetsLastUpdate() {
        TestChain c = chain();
        SubnetFixture f = unlimited(c);
        c.ok("val", w(new int[] {2, 1}, new int[] {2, 1}));
        // round(1 * 65535 / 2) = 32767.5 rounds half away from zero
        assertThat(c.state().weights(1, 0)).isEqualTo(SparseRow.of(new int[] {2, 1}, new int[] {65535, 32768}));
        assertThat(f.neuronInfo(0).lastUpdate()).isEqualTo(c.number());
        assertThat(c.events()).contains(new Event.WeightsSet(1, 0));

        c.ok("val", w(new int[] {1, 3, 2}, new int[] {100, 300, 0}));
        assertThat(c.state().weights(1, 0)).isEqualTo(SparseRow.of(new int[] {1, 3, 2}, new int[] {21845, 65535, 0}));
        // above 32768 the factor 65535 / max is applied
        c.ok("val", w(new int[] {3, 1}, new int[] {40000, 65535}));
        assertThat(c.state().weights(1, 0)).isEqualTo(SparseRow.of(new int[] {3, 1}, new int[] {40000, 65535}));
        // with min_allowed_weights 0 an empty row clears the weights
        f.hyperparams(h -> h.with(Hyperparameter.MIN_ALLOWED_WEIGHTS, 0));
        c.ok("val", w(new int[0], new int[0]));
        assertThat(c.state().weights(1, 0)).isEqualTo(SparseRow.EMPTY);
    }

    @Test
    void subnetMustExistAndNotBeRoot() {
        TestChain c = chain();
        unlimited(c);
        ApplyResult.Included r =
                c.fails("val", new Call.SetWeights(7, new int[] {1}, new int[] {1}, 0), "SubnetNotFound");
        assertThat(r.message()).isEqualTo("SubnetNotFound: netuid 7");
        r = c.fails("val", new Call.SetWeights(0, new int[] {1}, new int[] {1}, 0), "CannotChangeRoot");
        assertThat(r.message()).isEqualTo("CannotChangeRoot: the root network takes root weights (set_root_weights)");
    }

    @Test
    void refusedWhenCommitRevealIsOn() {
        TestChain c = chain();
        unlimited(c).hyperparams(h -> h.with(Hyperparameter.COMMIT_REVEAL_ENABLED, 1));
        ApplyResult.Included r = c.fails("val", w(new int[] {1}, new int[] {1}), "CommitRevealEnabled");
        assertThat(r.message()).isEqualTo("CommitRevealEnabled: subnet 1 has commit_reveal_enabled on");
        // before the registration check: an unregistered hotkey learns the same
        c.fails("dave", w(new int[] {1}, new int[] {1}), "CommitRevealEnabled");
    }

    @Test
    void callerMustBeRegistered() {
        TestChain c = chain();
        unlimited(c);
        ApplyResult.Included r = c.fails("dave", w(new int[] {1}, new int[] {1}), "NotRegistered");
        assertThat(r.message()).isEqualTo("NotRegistered: hotkey " + id("dave") + " on subnet 1");
    }

    @Test
    void vectorsMustMatchInLength() {
        TestChain c = chain();
        unlimited(c);
        ApplyResult.Included r = c.fails("val", w(new int[] {1, 2}, new int[] {1}), "WeightVectorLengthMismatch");
        assertThat(r.message()).isEqualTo("WeightVectorLengthMismatch: 2 uids but 1 values");
    }

    @Test
    void atMostMaxWeightsPerCall() {
        TestChain c = chain();
        unlimited(c);
        int[] many = new int[4097];
        for (int k = 0; k < many.length; k++) {
            many[k] = k;
        }
        ApplyResult.Included r = c.fails("val", w(many, many), "TooManyWeights");
        assertThat(r.message()).isEqualTo("TooManyWeights: 4097 weights, at most 4096 per call");
    }

    @Test
    void uidsMustBeUniqueAndInRange() {
        TestChain c = chain();
        unlimited(c);
        ApplyResult.Included r = c.fails("val", w(new int[] {2, 1, 2}, new int[] {1, 1, 1}), "DuplicateUids");
        assertThat(r.message()).isEqualTo("DuplicateUids: uid 2 appears more than once");
        r = c.fails("val", w(new int[] {1, 4}, new int[] {1, 1}), "UidOutOfRange");
        assertThat(r.message()).isEqualTo("UidOutOfRange: uid 4 >= n (4) on subnet 1");
        // duplicates are found before the range
        c.fails("val", w(new int[] {9, 9}, new int[] {1, 1}), "DuplicateUids");
    }

    @Test
    void weightsOnOthersNeedAValidatorPermitButSelfWeightDoesNot() {
        TestChain c = chain();
        SubnetFixture f = unlimited(c);
        ApplyResult.Included r = c.fails("m1", w(new int[] {2}, new int[] {1}), "NoValidatorPermit");
        assertThat(r.message())
                .isEqualTo(
                        "NoValidatorPermit: uid 1 on subnet 1 has no validator permit; without one it may set a weight only on itself");
        c.fails("m1", w(new int[] {1, 2}, new int[] {1, 1}), "NoValidatorPermit");
        c.ok("m1", w(new int[] {1}, new int[] {7}));
        assertThat(c.state().weights(1, 1)).isEqualTo(SparseRow.of(new int[] {1}, new int[] {65535}));
        f.permit(1, true);
        c.ok("m1", w(new int[] {2}, new int[] {1}));
    }

    @Test
    void versionKeyMustBeAtLeastTheSubnets() {
        TestChain c = chain();
        unlimited(c).hyperparams(h -> h.with(Hyperparameter.WEIGHTS_VERSION_KEY, 5));
        ApplyResult.Included r =
                c.fails("val", new Call.SetWeights(1, new int[] {1}, new int[] {1}, 4), "IncorrectWeightVersionKey");
        assertThat(r.message()).isEqualTo("IncorrectWeightVersionKey: version key 4 < the subnet's 5");
        c.ok("val", new Call.SetWeights(1, new int[] {1}, new int[] {1}, 5));
        c.ok("val", new Call.SetWeights(1, new int[] {1}, new int[] {1}, 6));
    }

    @Test
    void atLeastMinAllowedWeightsUnlessSelfOnly() {
        TestChain c = chain();
        SubnetFixture f = unlimited(c).hyperparams(h -> h.with(Hyperparameter.MIN_ALLOWED_WEIGHTS, 3));
        ApplyResult.Included r = c.fails("val", w(new int[] {1, 2}, new int[] {1, 1}), "TooFewWeights");
        assertThat(r.message()).isEqualTo("TooFewWeights: 2 weights, the subnet needs at least 3");
        c.ok("val", w(new int[] {1, 2, 3}, new int[] {1, 1, 1}));
        c.ok("val", w(new int[] {0}, new int[] {1})); // self-only
        // the minimum is capped at n
        f.hyperparams(h -> h.with(Hyperparameter.MIN_ALLOWED_WEIGHTS, 10));
        r = c.fails("val", w(new int[] {1, 2, 3}, new int[] {1, 1, 1}), "TooFewWeights");
        assertThat(r.message()).isEqualTo("TooFewWeights: 3 weights, the subnet needs at least 4");
        c.ok("val", w(new int[] {0, 1, 2, 3}, new int[] {1, 1, 1, 1}));
    }

    @Test
    void noWeightAboveMaxWeightsLimitAfterNormalisation() {
        TestChain c = chain();
        SubnetFixture f = unlimited(c)
                .hyperparams(h ->
                        h.with(Hyperparameter.MAX_WEIGHTS_LIMIT, 32768).with(Hyperparameter.MIN_ALLOWED_WEIGHTS, 0));
        ApplyResult.Included r = c.fails("val", w(new int[] {1, 2}, new int[] {1, 3}), "MaxWeightExceeded");
        // upscaled [21845, 65535]: 65535 / 87380 = 75%; the limit is 32768 / 65535 in I32F32
        assertThat(r.message())
                .isEqualTo(
                        "MaxWeightExceeded: the largest weight is 75% of the row, limit 50.0007% (max_weights_limit 32768)");
        c.ok("val", w(new int[] {1, 2}, new int[] {1, 1}));
        c.ok("val", w(new int[] {1, 2}, new int[] {0, 0})); // an all-zero row normalises to zeros
        c.ok("val", w(new int[] {0}, new int[] {9})); // self-only is exempt
        r = c.fails("val", w(new int[0], new int[0]), "MaxWeightExceeded");
        assertThat(r.message())
                .isEqualTo("MaxWeightExceeded: an empty row is refused while max_weights_limit (50.0007%) is set");
        f.hyperparams(h -> h.with(Hyperparameter.MAX_WEIGHTS_LIMIT, 65535));
        c.ok("val", w(new int[] {1}, new int[] {1}));
        c.ok("val", w(new int[0], new int[0]));
    }

    @Test
    void maxWeightLimitHelperFollowsTheReference() {
        assertThat(MaxWeightLimit.withinLimit(new int[] {1, 1}, 32767)).isFalse(); // 0.5 > 32767/65535
        assertThat(MaxWeightLimit.withinLimit(new int[] {1, 1}, 32768)).isTrue();
        assertThat(MaxWeightLimit.withinLimit(new int[] {65535}, 65534)).isFalse();
        assertThat(MaxWeightLimit.withinLimit(new int[] {65535}, 65535)).isTrue();
        assertThat(MaxWeightLimit.withinLimit(new int[] {0, 0}, 0)).isTrue();
        assertThat(MaxWeightLimit.withinLimit(new int[0], 65534)).isFalse();
        assertThat(MaxWeightLimit.withinLimit(new int[0], 65535)).isTrue();
        assertThat(MaxWeightLimit.maxNormalizedBits(new int[] {1, 3})).isEqualTo(3L << 30);
    }

    @Test
    void rateLimitCountsBlocksSinceLastUpdateWhichRegistrationSets() {
        TestChain c = chain();
        SubnetFixture f = subnet(c); // default weights_set_rate_limit 100; registered at block 0
        assertThat(f.hyperparams().weightsSetRateLimit()).isEqualTo(100);
        Call call = w(new int[] {1, 2}, new int[] {1, 1});
        ApplyResult.Included r = c.fails("val", call, "SettingWeightsTooFast"); // block 1
        assertThat(r.message()).isEqualTo("SettingWeightsTooFast: 99 blocks left (rate limit 100)");
        c.advance(97);
        r = c.fails("val", call, "SettingWeightsTooFast"); // block 99
        assertThat(r.message()).isEqualTo("SettingWeightsTooFast: 1 blocks left (rate limit 100)");
        assertThat(f.neuronInfo(0).lastUpdate())
                .as("a refused call leaves last_update")
                .isZero();
        c.ok("val", call); // block 100
        assertThat(f.neuronInfo(0).lastUpdate()).isEqualTo(100);
        r = c.fails("val", call, "SettingWeightsTooFast"); // block 101
        assertThat(r.message()).isEqualTo("SettingWeightsTooFast: 99 blocks left (rate limit 100)");
        // the rate limit is the last guard: other errors win
        c.fails("val", w(new int[] {1, 1}, new int[] {1, 1}), "DuplicateUids");
        // a neuron registered now waits the full limit too
        f.neuron("late", "dave");
        r = c.fails("late", w(new int[] {4}, new int[] {1}), "SettingWeightsTooFast");
        assertThat(r.message()).isEqualTo("SettingWeightsTooFast: 99 blocks left (rate limit 100)");
    }

    @Test
    void hyperparamsDefaultsUsedByTheseTests() {
        Hyperparams h = Hyperparams.defaults(ChainParams.dev());
        assertThat(h.minAllowedWeights()).isEqualTo(1);
        assertThat(h.maxWeightsLimit()).isEqualTo(65535);
        assertThat(h.commitRevealEnabled()).isFalse();
    }
}
