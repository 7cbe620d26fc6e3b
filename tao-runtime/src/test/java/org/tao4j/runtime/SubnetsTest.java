package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.SubnetKit.PARAMS;
import static org.tao4j.runtime.SubnetKit.failure;
import static org.tao4j.runtime.SubnetKit.overlay;
import static org.tao4j.runtime.SubnetKit.ownerCut;
import static org.tao4j.runtime.SubnetKit.withSubnetLimit;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tao4j.consensus.SparseRow;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.dispatch.DispatchError;
import org.tao4j.runtime.dispatch.DispatchFailure;
import org.tao4j.runtime.dispatch.Origin;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.neurons.BurnDecay;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.schema.NeuronInfo;
import org.tao4j.runtime.schema.SubnetInfo;
import org.tao4j.runtime.subnets.Subnets;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;
import org.tao4j.runtime.tx.Hyperparameter;

/** docs/spec/chain.md §3: register_network, the subnet limit and pruning, and hyperparameters. */
class SubnetsTest {

    private static final long MILLION = 1_000_000 * TAO;

    // ---------------------------------------------------------------- register_network

    @Test
    void registerNetworkLocksTheCostAndMakesTheOwnerHotkeyUid0() {
        TestChain c = new TestChain(PARAMS, MILLION, "alice");
        assertThat(Subnets.lockCost(c.state(), 1))
                .as("first lock: last_lock = 0 gives min_lock")
                .isEqualTo(10 * TAO);
        long issuance = c.state().totalIssuance();

        ApplyResult.Included r = c.ok("alice", new Call.RegisterNetwork(id("alice-hk")));

        ChainState s = c.state();
        SubnetInfo sn = s.subnet(1);
        assertThat(sn.owner()).isEqualTo(id("alice"));
        assertThat(sn.ownerHotkey()).isEqualTo(id("alice-hk"));
        assertThat(sn.registeredAt()).isEqualTo(1);
        assertThat(sn.lock()).isEqualTo(10 * TAO);
        assertThat(sn.burn())
                .as("new subnet burn 1 TAO, decayed once at the end of the block")
                .isEqualTo(BurnDecay.decayOnce(TAO, 360));
        assertThat(sn.lastHyperparamBlock()).isEqualTo(-1);
        assertThat(sn.lastRegistrationBlock())
                .as("the owner's uid 0 does not use the block's registration")
                .isEqualTo(-1);
        assertThat(sn.n()).isEqualTo(1);
        assertThat(s.hyperparams(1)).isEqualTo(Hyperparams.defaults(PARAMS));

        assertThat(s.uid(1, id("alice-hk"))).isZero();
        assertThat(s.neuron(1, 0)).isEqualTo(NeuronInfo.fresh(id("alice-hk"), 1));
        assertThat(s.owner(id("alice-hk"))).isEqualTo(id("alice"));

        // the lock leaves the free balance but stays in the issuance (it is not recycled)
        assertThat(c.free("alice")).isEqualTo(MILLION - r.fee() - 10 * TAO + ownerCut(c, 1));
        assertThat(s.totalIssuance()).isEqualTo(issuance - r.fee() + s.totalMinted());
        assertThat(s.networkLastLock()).isEqualTo(10 * TAO);
        assertThat(s.networkLastLockBlock()).isEqualTo(1);
        assertThat(s.networkLastRegistered()).isEqualTo(1);
        assertThat(c.events())
                .containsSubsequence(
                        new Event.NetworkRegistered(1, id("alice"), id("alice-hk"), 10 * TAO),
                        new Event.NeuronRegistered(1, 0, id("alice-hk"), 0));
    }

    @Test
    void lockCostDoublesAfterEachRegistrationAndDecaysLinearlyBackToMinLock() {
        TestChain c = new TestChain(PARAMS, MILLION, "alice", "bob");
        long interval = PARAMS.lockReductionInterval();
        assertThat(interval).isEqualTo(100_800);
        c.ok("alice", new Call.RegisterNetwork(id("alice-hk"))); // block 1, lock 10 TAO

        // block 2: 2 * 10 TAO - (10 TAO / 100,800) * 1
        long l2 = 2 * 10 * TAO - (10 * TAO / interval);
        assertThat(l2).isEqualTo(19_999_900_794L);
        assertThat(Subnets.lockCost(c.state(), 2)).isEqualTo(l2);
        long bob = c.free("bob");
        ApplyResult.Included r = c.ok("bob", new Call.RegisterNetwork(id("bob-hk")));
        assertThat(c.events()).contains(new Event.NetworkRegistered(2, id("bob"), id("bob-hk"), l2));
        assertThat(c.free("bob")).isEqualTo(bob - r.fee() - l2 + ownerCut(c, 2));
        assertThat(c.state().subnet(2).lock()).isEqualTo(l2);

        // the cost falls by last_lock / interval per block since the last lock
        c.advance(1000);
        assertThat(Subnets.lockCost(c.state(), 1003)).isEqualTo(2 * l2 - (l2 / interval) * 1001);
        assertThat(Subnets.lockCost(c.state(), 2 + 150_000)).isEqualTo(2 * l2 - (l2 / interval) * 150_000);
        // ... down to min_lock, never below (and the subtraction saturates instead of wrapping)
        assertThat(2 * l2 - (l2 / interval) * 160_000).isLessThan(10 * TAO);
        assertThat(Subnets.lockCost(c.state(), 2 + 160_000)).isEqualTo(10 * TAO);
        assertThat(Subnets.lockCost(c.state(), 2 + 10_000_000)).isEqualTo(10 * TAO);
        assertThat(Subnets.lockCost(c.state(), Long.MAX_VALUE)).isEqualTo(10 * TAO);
    }

    @Test
    void networkRegistrationIsRateLimited() {
        TestChain c = new TestChain(PARAMS.withNetworkLimits(10 * TAO, 5, 65_000), MILLION, "alice", "bob");
        c.ok("alice", new Call.RegisterNetwork(id("alice-hk"))); // block 1
        ApplyResult.Included r = c.fails("bob", new Call.RegisterNetwork(id("bob-hk")), "NetworkRateLimited");
        assertThat(r.message()).isEqualTo("NetworkRateLimited: 4 blocks left (rate limit 5)");
        assertThat(c.free("bob")).as("only the fee").isEqualTo(MILLION - r.fee());
        c.advance(2); // blocks 3, 4
        assertThat(c.fails("bob", new Call.RegisterNetwork(id("bob-hk")), "NetworkRateLimited")
                        .message())
                .endsWith("1 blocks left (rate limit 5)");
        c.ok("bob", new Call.RegisterNetwork(id("bob-hk"))); // block 6 = 1 + 5
        assertThat(c.state().subnet(2).owner()).isEqualTo(id("bob"));
    }

    @Test
    void theLiveRateLimitIs7200Blocks() {
        // dev min lock, live rate limit
        TestChain c = new TestChain(
                PARAMS.withNetworkLimits(10 * TAO, ChainParams.live().networkRateLimit(), 65_000),
                MILLION,
                "alice",
                "bob");
        c.ok("alice", new Call.RegisterNetwork(id("alice-hk")));
        assertThat(c.fails("bob", new Call.RegisterNetwork(id("bob-hk")), "NetworkRateLimited")
                        .message())
                .isEqualTo("NetworkRateLimited: 7199 blocks left (rate limit 7200)");
    }

    @Test
    void aHotkeyOwnedByAnotherColdkeyCannotOwnASubnet() {
        TestChain c = new TestChain(PARAMS, MILLION, "alice", "bob");
        c.ok("alice", new Call.RegisterNetwork(id("alice-hk")));
        ApplyResult.Included r = c.fails("bob", new Call.RegisterNetwork(id("alice-hk")), "HotkeyOwnedByOther");
        assertThat(r.message()).contains("is owned by coldkey " + id("alice"));
        assertThat(c.state().subnet(2)).isNull();
        // the same coldkey may use its hotkey again for a second subnet
        c.ok("alice", new Call.RegisterNetwork(id("alice-hk")));
        assertThat(c.state().subnet(2).ownerHotkey()).isEqualTo(id("alice-hk"));
        assertThat(c.state().netuidsOf(id("alice-hk"))).containsExactly(1, 2);
    }

    @Test
    void theLockMustBeAffordable() {
        TestChain c = new TestChain(PARAMS, 9 * TAO, "alice");
        ApplyResult.Included r = c.fails("alice", new Call.RegisterNetwork(id("alice-hk")), "InsufficientBalance");
        assertThat(r.message()).contains("needs 10000000000 rao");
        assertThat(c.state().subnets()).hasSize(1);
        assertThat(c.state().owner(id("alice-hk"))).as("rolled back").isNull();
    }

    // ---------------------------------------------------------------- the subnet limit

    @Test
    void atTheLimitTheLowestEmissionNonImmuneSubnetIsDissolvedAndItsLockRefunded() {
        TestChain c = new TestChain(withSubnetLimit(PARAMS, 3, 5), MILLION, "a", "a-hk", "b", "cc", "d", "e");
        c.ok("a", new Call.RegisterNetwork(id("a-hk"))); // 1: the oldest
        c.ok("b", new Call.RegisterNetwork(id("b-hk"))); // 2
        c.ok("cc", new Call.RegisterNetwork(id("cc-hk"))); // 3
        c.ok("e", new Call.BurnedRegister(2, id("e-hk"))); // block 4: a neuron on subnet 2
        // block 5: subnet 2 closes registration; until the first root epoch (block 100) the equal
        // split among open subnets gives it 0
        c.ok("b", new Call.SetHyperparameter(2, Hyperparameter.REGISTRATION_ALLOWED, 0));
        // blocks 6, 7: a root member weights the three subnets
        c.ok("a", new Call.RootRegister(id("a-hk")));
        c.ok("a-hk", new Call.SetRootWeights(new int[] {1, 2, 3}, new int[] {1, 2, 3}));
        assertThat(c.state().weights(0, 0))
                .isEqualTo(SparseRow.of(new int[] {1, 2, 3}, new int[] {21_845, 43_690, 65_535}));
        c.advance(1); // block 8
        assertThat(c.state().subnet(1).emissionValue()).isPositive();
        assertThat(c.state().subnet(2).emissionValue()).isZero();
        assertThat(c.state().subnet(3).emissionValue()).isPositive();

        SubnetInfo old = c.state().subnet(2);
        assertThat(old.pendingEmission())
                .as("minted in blocks 2-4, not yet paid out")
                .isPositive();
        long bFree = c.free("b");
        long recycled = c.state().totalRecycled();

        ApplyResult.Included r = c.ok("d", new Call.RegisterNetwork(id("d-hk"))); // block 9: all three are non-immune

        ChainState s = c.state();
        assertThat(c.events())
                .containsSubsequence(
                        new Event.Recycled("pending emission of dissolved subnet 2", old.pendingEmission()),
                        new Event.NetworkDissolved(2, id("b"), old.lock()),
                        new Event.NetworkRegistered(
                                2, id("d"), id("d-hk"), s.subnet(2).lock()));
        assertThat(c.free("b")).as("the lock is refunded to the old owner").isEqualTo(bFree + old.lock());
        assertThat(s.totalRecycled()).isEqualTo(recycled + r.fee() + old.pendingEmission());
        // the old subnet's state is gone; netuid 2 is reused for the new subnet
        SubnetInfo sn = s.subnet(2);
        assertThat(sn.owner()).isEqualTo(id("d"));
        assertThat(sn.registeredAt()).isEqualTo(9);
        assertThat(sn.n()).isEqualTo(1);
        assertThat(s.hyperparams(2).registrationAllowed()).isTrue();
        assertThat(s.uid(2, id("b-hk"))).isEqualTo(-1);
        assertThat(s.uid(2, id("e-hk"))).isEqualTo(-1);
        assertThat(s.netuidsOf(id("e-hk"))).isEmpty();
        assertThat(s.neuron(2, 1)).isNull();
        assertThat(s.neurons(2)).extracting(NeuronInfo::hotkey).containsExactly(id("d-hk"));
        // the others are untouched, and root weights on the dissolved netuid became 0 (entry kept)
        assertThat(s.subnet(1).owner()).isEqualTo(id("a"));
        assertThat(s.subnet(3).owner()).isEqualTo(id("cc"));
        assertThat(s.weights(0, 0))
                .as("root weight on netuid 2 is gone (0)")
                .isEqualTo(SparseRow.of(new int[] {1, 3}, new int[] {21_845, 65_535}));
        // hotkey ownership survives the subnet
        assertThat(s.owner(id("e-hk"))).isEqualTo(id("e"));
    }

    @Test
    void anEmissionTieGoesToTheOldestSubnetNotTheLowestNetuid() {
        TestChain c = new TestChain(withSubnetLimit(PARAMS, 3, 5), MILLION, "a", "b", "cc", "d", "e");
        c.ok("a", new Call.RegisterNetwork(id("a-hk")));
        c.ok("b", new Call.RegisterNetwork(id("b-hk")));
        c.ok("cc", new Call.RegisterNetwork(id("cc-hk")));
        c.advance(5); // blocks 4..8
        // the equal split gives the rounding dust to netuid 1; 2 and 3 tie
        assertThat(c.state().subnet(1).emissionValue()).isEqualTo(333_333_334L);
        assertThat(c.state().subnet(2).emissionValue()).isEqualTo(333_333_333L);
        assertThat(c.state().subnet(3).emissionValue()).isEqualTo(333_333_333L);

        c.ok("d", new Call.RegisterNetwork(id("d-hk"))); // block 9: tie 2 / 3, 2 is older
        assertThat(SubnetKit.events(c, Event.NetworkDissolved.class))
                .extracting(Event.NetworkDissolved::netuid)
                .containsExactly(2);
        assertThat(c.state().subnet(2).owner()).isEqualTo(id("d"));

        long lock3 = c.state().subnet(3).lock();
        c.advance(4); // blocks 10..13
        assertThat(c.state().subnet(2).emissionValue())
                .isEqualTo(c.state().subnet(3).emissionValue());
        c.ok("e", new Call.RegisterNetwork(id("e-hk"))); // block 14: d's subnet 2 is no longer immune
        assertThat(SubnetKit.events(c, Event.NetworkDissolved.class))
                .as("subnet 3 (registered at block 3) is older than subnet 2 (block 9)")
                .containsExactly(new Event.NetworkDissolved(3, id("cc"), lock3));
        assertThat(c.state().subnet(3).owner()).isEqualTo(id("e"));
        assertThat(c.state().subnet(2).owner()).isEqualTo(id("d"));
    }

    @Test
    void aCompleteTieGoesToTheHighestNetuidAsInSubtensor() {
        TestChain c = new TestChain(withSubnetLimit(PARAMS, 3, 5), MILLION, "a", "b", "cc", "d");
        // genesis-like subnets: all registered at block 0, the only way to tie on the registration block
        SubnetFixture.create(c, 1, "a", "a-hk");
        SubnetFixture.create(c, 2, "b", "b-hk");
        SubnetFixture.create(c, 3, "cc", "cc-hk");
        c.advance(5); // blocks 1..5
        ChainState s = c.state();
        assertThat(s.subnet(2).emissionValue())
                .isEqualTo(s.subnet(3).emissionValue())
                .isLessThan(s.subnet(1).emissionValue());
        assertThat(s.subnet(2).registeredAt())
                .isEqualTo(s.subnet(3).registeredAt())
                .isZero();
        assertThat(Subnets.pruneCandidate(s, 6).netuid()).isEqualTo(3);

        c.ok("d", new Call.RegisterNetwork(id("d-hk"))); // block 6: 2 and 3 tie completely
        assertThat(SubnetKit.events(c, Event.NetworkDissolved.class))
                .extracting(Event.NetworkDissolved::netuid)
                .containsExactly(3);
        assertThat(c.state().subnet(3).owner()).isEqualTo(id("d"));
        assertThat(c.state().subnet(2).owner()).isEqualTo(id("b"));
    }

    @Test
    void immuneSubnetsAreNeverDissolvedAndWithNoCandidateRegistrationFails() {
        TestChain c = new TestChain(withSubnetLimit(PARAMS, 3, 5), MILLION, "a", "b", "cc", "d", "e");
        c.ok("a", new Call.RegisterNetwork(id("a-hk"))); // block 1
        c.advance(4); // 2..5
        c.ok("b", new Call.RegisterNetwork(id("b-hk"))); // block 6
        c.ok("cc", new Call.RegisterNetwork(id("cc-hk"))); // block 7
        c.ok("cc", new Call.SetHyperparameter(3, Hyperparameter.REGISTRATION_ALLOWED, 0)); // block 8
        assertThat(c.state().subnet(3).emissionValue()).isZero();
        // block 9: subnets 2 and 3 are immune (3 and 2 blocks old), so subnet 1 goes despite its emission
        c.ok("d", new Call.RegisterNetwork(id("d-hk")));
        assertThat(SubnetKit.events(c, Event.NetworkDissolved.class))
                .extracting(Event.NetworkDissolved::netuid)
                .containsExactly(1);
        assertThat(c.state().subnet(1).owner()).isEqualTo(id("d"));
        // block 10: 1, 2 and 3 are all immune now
        long eFree = c.free("e");
        ApplyResult.Included r = c.fails("e", new Call.RegisterNetwork(id("e-hk")), "SubnetLimitReached");
        assertThat(r.message())
                .isEqualTo(
                        "SubnetLimitReached: 3 subnets (limit 3) and all are immune for 5 blocks after registration");
        assertThat(c.free("e")).isEqualTo(eFree - r.fee());
        assertThat(c.state().subnets())
                .extracting(SubnetInfo::owner)
                .containsExactly(Genesis.NOBODY, id("d"), id("b"), id("cc"));
    }

    // ---------------------------------------------------------------- hyperparameters

    @Test
    void onlyTheOwnerSetsOwnerSettableHyperparametersOfARealSubnet() {
        TestChain c = new TestChain(PARAMS, MILLION, "alice", "bob");
        c.ok("alice", new Call.RegisterNetwork(id("alice-hk")));
        assertThat(c.fails("bob", new Call.SetHyperparameter(1, Hyperparameter.KAPPA, 1), "NotSubnetOwner")
                        .message())
                .isEqualTo("NotSubnetOwner: subnet 1 is owned by coldkey " + id("alice"));
        c.fails("alice", new Call.SetHyperparameter(0, Hyperparameter.KAPPA, 1), "CannotChangeRoot");
        c.fails("alice", new Call.SetHyperparameter(7, Hyperparameter.KAPPA, 1), "SubnetNotFound");
        assertThat(c.fails("alice", new Call.SetHyperparameter(1, Hyperparameter.TEMPO, 20), "NotAllowedToChange")
                        .message())
                .isEqualTo("NotAllowedToChange: tempo changes only through governance or sudo");
        c.fails(
                "alice",
                new Call.SetHyperparameter(1, Hyperparameter.MAX_ALLOWED_VALIDATORS, 20),
                "NotAllowedToChange");
        // signed accounts cannot use the root-only call either
        c.fails("alice", new Call.SetSubnetParameter(1, Hyperparameter.TEMPO, 20), "NotAllowedToChange");
        assertThat(c.state().hyperparams(1)).isEqualTo(Hyperparams.defaults(PARAMS));
    }

    @Test
    void hyperparameterValuesAreRangeChecked() {
        TestChain c = new TestChain(PARAMS, MILLION, "alice");
        c.ok("alice", new Call.RegisterNetwork(id("alice-hk")));
        Object[][] cases = {
            {Hyperparameter.KAPPA, 65_536L, "kappa must be in 0..65535, got 65536"},
            {Hyperparameter.BONDS_PENALTY, 70_000L, "bonds_penalty must be in 0..65535, got 70000"},
            {Hyperparameter.MAX_WEIGHTS_LIMIT, 65_536L, "max_weights_limit must be in 0..65535, got 65536"},
            {Hyperparameter.ALPHA_LOW, 60_000L, "alpha_low 60000 is above alpha_high 58982"},
            {Hyperparameter.ALPHA_LOW, 70_000L, "alpha_low must be in 0..65535, got 70000"},
            {Hyperparameter.ALPHA_HIGH, 40_000L, "alpha_high 40000 is below alpha_low 45875"},
            {Hyperparameter.ALPHA_SIGMOID_STEEPNESS, 32_768L, "alpha_sigmoid_steepness must be in 0..32767, got 32768"},
            {Hyperparameter.YUMA3, 2L, "yuma3 is a boolean: 0 or 1, got 2"},
            {Hyperparameter.LIQUID_ALPHA, 7L, "liquid_alpha is a boolean: 0 or 1, got 7"},
            {Hyperparameter.REGISTRATION_ALLOWED, 2L, "registration_allowed is a boolean: 0 or 1, got 2"},
            {Hyperparameter.COMMIT_REVEAL_ENABLED, 3L, "commit_reveal_enabled is a boolean: 0 or 1, got 3"},
            {Hyperparameter.MAX_ALLOWED_UIDS, 255L, "max_allowed_uids may only go up: 255 < current 256"},
            {Hyperparameter.MAX_ALLOWED_UIDS, 4_097L, "max_allowed_uids 4097 is above 4096"},
            {Hyperparameter.MIN_BURN, 101 * TAO, "min_burn 101000000000 rao is above max_burn 100000000000 rao"},
            {Hyperparameter.MAX_BURN, 400_000L, "max_burn 400000 rao is below min_burn 500000 rao"},
            {Hyperparameter.BONDS_MOVING_AVERAGE, 1_000_001L, "bonds_moving_average must be in 0..1000000, got 1000001"
            },
            {Hyperparameter.ACTIVITY_CUTOFF, 0L, "activity_cutoff must be at least 1 block"},
            {Hyperparameter.ACTIVITY_CUTOFF, 65_536L, "activity_cutoff must be in 1..65535, got 65536"},
            {Hyperparameter.IMMUNITY_PERIOD, 65_536L, "immunity_period must be in 0..65535, got 65536"},
            {Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 216_001L, "weights_set_rate_limit must be in 0..216000, got 216001"
            },
            {Hyperparameter.SERVING_RATE_LIMIT, 216_001L, "serving_rate_limit must be in 0..216000, got 216001"},
            {
                Hyperparameter.MAX_BURN,
                21_000_000 * TAO + 1,
                "max_burn 21000000000000001 rao is above the supply cap 21000000000000000 rao (21,000,000 TAO)"
            },
            {Hyperparameter.REVEAL_PERIOD_EPOCHS, 0L, "reveal_period_epochs must be in 1..65535, got 0"},
            {Hyperparameter.MIN_ALLOWED_WEIGHTS, 257L, "min_allowed_weights 257 is above max_allowed_uids 256"},
            {
                Hyperparameter.IMMUNITY_PERIOD,
                -1L,
                "immunity_period = 18446744073709551615 is above the largest allowed value 2^63 - 1"
            },
        };
        List<Extrinsic> txs = new ArrayList<>();
        for (Object[] k : cases) {
            txs.add(c.tx("alice", new Call.SetHyperparameter(1, (Hyperparameter) k[0], (long) k[1])));
        }
        List<ApplyResult> rs = c.block(txs.toArray(Extrinsic[]::new)); // failures do not use the rate limit
        for (int i = 0; i < cases.length; i++) {
            ApplyResult.Included r = (ApplyResult.Included) rs.get(i);
            assertThat(r.error()).as("%s", cases[i][0]).isEqualTo("InvalidHyperparameter");
            assertThat(r.message()).isEqualTo("InvalidHyperparameter: " + cases[i][2]);
        }
        assertThat(c.state().hyperparams(1)).isEqualTo(Hyperparams.defaults(PARAMS));
        assertThat(c.state().subnet(1).lastHyperparamBlock()).isEqualTo(-1);

        // the edges of the ranges are allowed
        ChainState s = c.state();
        long block = c.number() + 1;
        Object[][] edges = {
            {Hyperparameter.KAPPA, 65_535L}, {Hyperparameter.ALPHA_SIGMOID_STEEPNESS, 32_767L},
            {Hyperparameter.ALPHA_LOW, 58_982L}, {Hyperparameter.ALPHA_HIGH, 45_875L},
            {Hyperparameter.MAX_ALLOWED_UIDS, 256L}, {Hyperparameter.MAX_ALLOWED_UIDS, 4_096L},
            {Hyperparameter.MIN_BURN, 100 * TAO}, {Hyperparameter.MAX_BURN, 500_000L},
            {Hyperparameter.BONDS_MOVING_AVERAGE, 1_000_000L}, {Hyperparameter.ACTIVITY_CUTOFF, 1L},
            {Hyperparameter.REVEAL_PERIOD_EPOCHS, 1L}, {Hyperparameter.MIN_ALLOWED_WEIGHTS, 256L},
            {Hyperparameter.IMMUNITY_PERIOD, 65_535L}, {Hyperparameter.YUMA3, 1L},
            {Hyperparameter.ACTIVITY_CUTOFF, 65_535L}, {Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 216_000L},
            {Hyperparameter.SERVING_RATE_LIMIT, 216_000L}, {Hyperparameter.MAX_BURN, 21_000_000 * TAO},
            {Hyperparameter.WEIGHTS_VERSION_KEY, Long.MAX_VALUE},
        };
        for (Object[] e : edges) {
            DispatchContext ctx = overlay(c, new Origin.Signed(id("alice")), block);
            Subnets.setHyperparameter(ctx, new Call.SetHyperparameter(1, (Hyperparameter) e[0], (long) e[1]));
            assertThat(ctx.state().hyperparams(1).get((Hyperparameter) e[0])).isEqualTo((long) e[1]);
        }
        assertThat(s.hyperparams(1)).isEqualTo(Hyperparams.defaults(PARAMS));
    }

    @Test
    void theOwnerSetsAHyperparameterAtMostOncePerTwoTempos() {
        TestChain c = new TestChain(PARAMS, MILLION, "alice");
        c.ok("alice", new Call.RegisterNetwork(id("alice-hk")));
        c.ok("alice", new Call.SetHyperparameter(1, Hyperparameter.KAPPA, 40_000)); // block 2
        assertThat(c.state().hyperparams(1).kappa()).isEqualTo(40_000);
        assertThat(c.state().subnet(1).lastHyperparamBlock()).isEqualTo(2);
        assertThat(c.events()).contains(new Event.HyperparameterSet(1, "kappa", 40_000));

        long limit = 2L * PARAMS.defaultTempo();
        assertThat(c.fails(
                                "alice",
                                new Call.SetHyperparameter(1, Hyperparameter.SERVING_RATE_LIMIT, 10),
                                "HyperparameterRateLimited")
                        .message())
                .isEqualTo("HyperparameterRateLimited: " + (limit - 1) + " blocks left (rate limit " + limit
                        + " = 2 tempos)");

        // 2 tempos after block 2 (dispatched directly at that block: no need to run 130,000 blocks)
        Call.SetHyperparameter next = new Call.SetHyperparameter(1, Hyperparameter.SERVING_RATE_LIMIT, 10);
        DispatchFailure f = failure(
                () -> Subnets.setHyperparameter(overlay(c, new Origin.Signed(id("alice")), 2 + limit - 1), next));
        assertThat(f.display())
                .isEqualTo("HyperparameterRateLimited: 1 blocks left (rate limit " + limit + " = 2 tempos)");
        DispatchContext ctx = overlay(c, new Origin.Signed(id("alice")), 2 + limit);
        Subnets.setHyperparameter(ctx, next);
        assertThat(ctx.state().hyperparams(1).servingRateLimit()).isEqualTo(10);
        assertThat(ctx.events()).containsExactly(new Event.HyperparameterSet(1, "serving_rate_limit", 10));
    }

    @Test
    void theRateLimitFollowsTheSubnetTempo() {
        TestChain c = new TestChain(PARAMS, MILLION, "alice");
        c.ok("alice", new Call.RegisterNetwork(id("alice-hk")));
        // root sets tempo 10 (on a copy of the state): the owner's limit becomes 20 blocks
        DispatchContext root = overlay(c, Origin.ROOT, 100);
        ChainState s = root.state();
        Subnets.setSubnetParameter(root, new Call.SetSubnetParameter(1, Hyperparameter.TEMPO, 10));
        DispatchContext first = new DispatchContext(s, 100, new Origin.Signed(id("alice")), new ArrayList<>());
        Subnets.setHyperparameter(first, new Call.SetHyperparameter(1, Hyperparameter.KAPPA, 1));
        DispatchContext second = new DispatchContext(s, 119, new Origin.Signed(id("alice")), new ArrayList<>());
        assertThat(failure(() -> Subnets.setHyperparameter(
                                second, new Call.SetHyperparameter(1, Hyperparameter.KAPPA, 2)))
                        .detail())
                .isEqualTo("1 blocks left (rate limit 20 = 2 tempos)");
        DispatchContext third = new DispatchContext(s, 120, new Origin.Signed(id("alice")), new ArrayList<>());
        Subnets.setHyperparameter(third, new Call.SetHyperparameter(1, Hyperparameter.KAPPA, 2));
        assertThat(s.hyperparams(1).kappa()).isEqualTo(2);
    }

    @Test
    void burnBoundsApplyToTheCurrentBurnAtOnce() {
        TestChain c = new TestChain(PARAMS, MILLION, "alice");
        c.ok("alice", new Call.RegisterNetwork(id("alice-hk")));
        c.ok("alice", new Call.SetHyperparameter(1, Hyperparameter.MIN_BURN, 3 * TAO));
        assertThat(c.state().subnet(1).burn()).isEqualTo(3 * TAO);
    }

    @Test
    void theSudoKeySetsRootOnlyParameters() {
        TestChain c = new TestChain(PARAMS, MILLION, "alice", "sudo");
        c.ok("alice", new Call.RegisterNetwork(id("alice-hk")));
        c.ok("sudo", new Call.Sudo(new Call.SetSubnetParameter(1, Hyperparameter.TEMPO, 50_000)));
        assertThat(c.events())
                .containsSubsequence(new Event.HyperparameterSet(1, "tempo", 50_000), new Event.Sudid(true, "ok"));
        c.ok("sudo", new Call.Sudo(new Call.SetSubnetParameter(1, Hyperparameter.MAX_ALLOWED_VALIDATORS, 8)));
        assertThat(c.state().hyperparams(1).tempo()).isEqualTo(50_000);
        assertThat(c.state().hyperparams(1).maxAllowedValidators()).isEqualTo(8);
        // an invalid value fails inside sudo: the sudo call itself succeeds and reports it
        c.ok("sudo", new Call.Sudo(new Call.SetSubnetParameter(1, Hyperparameter.TEMPO, 0)));
        assertThat(SubnetKit.events(c, Event.Sudid.class))
                .singleElement()
                .satisfies(e -> assertThat(e.ok()).isFalse())
                .satisfies(e -> assertThat(e.message()).contains("tempo must be in 1..65535, got 0"));
        assertThat(c.state().hyperparams(1).tempo()).isEqualTo(50_000);
        // the owner's rate limit is untouched by root changes
        c.ok("alice", new Call.SetHyperparameter(1, Hyperparameter.KAPPA, 1));
    }

    @Test
    void rootSetsAnyParameterWithinRangeWithoutRateLimit() {
        TestChain c = new TestChain(PARAMS, MILLION, "alice");
        c.ok("alice", new Call.RegisterNetwork(id("alice-hk")));
        DispatchContext ctx = overlay(c, Origin.ROOT, c.number() + 1);
        ChainState s = ctx.state();
        Subnets.setSubnetParameter(ctx, new Call.SetSubnetParameter(1, Hyperparameter.TEMPO, 99));
        Subnets.setSubnetParameter(ctx, new Call.SetSubnetParameter(1, Hyperparameter.TEMPO, 65_535));
        Subnets.setSubnetParameter(ctx, new Call.SetSubnetParameter(1, Hyperparameter.MAX_ALLOWED_VALIDATORS, 256));
        Subnets.setSubnetParameter(ctx, new Call.SetSubnetParameter(1, Hyperparameter.KAPPA, 7));
        // root may lower max_allowed_uids, not below the registered neurons (1 here)
        Subnets.setSubnetParameter(ctx, new Call.SetSubnetParameter(1, Hyperparameter.MAX_ALLOWED_VALIDATORS, 1));
        Subnets.setSubnetParameter(ctx, new Call.SetSubnetParameter(1, Hyperparameter.MIN_ALLOWED_WEIGHTS, 1));
        Subnets.setSubnetParameter(ctx, new Call.SetSubnetParameter(1, Hyperparameter.MAX_ALLOWED_UIDS, 1));
        Hyperparams h = s.hyperparams(1);
        assertThat(h.tempo()).isEqualTo(65_535);
        assertThat(h.maxAllowedValidators()).isEqualTo(1);
        assertThat(h.kappa()).isEqualTo(7);
        assertThat(h.maxAllowedUids()).isEqualTo(1);
        assertThat(s.subnet(1).lastHyperparamBlock())
                .as("root changes do not use the owner's rate limit")
                .isEqualTo(-1);
        assertThat(ctx.events()).startsWith(new Event.HyperparameterSet(1, "tempo", 99));

        assertThat(failure(() -> Subnets.setSubnetParameter(
                                ctx, new Call.SetSubnetParameter(1, Hyperparameter.TEMPO, 0)))
                        .display())
                .isEqualTo("InvalidHyperparameter: tempo must be in 1..65535, got 0");
        assertThat(failure(() -> Subnets.setSubnetParameter(
                                ctx, new Call.SetSubnetParameter(1, Hyperparameter.TEMPO, 65_536)))
                        .error())
                .isEqualTo(DispatchError.InvalidHyperparameter);
        assertThat(failure(() -> Subnets.setSubnetParameter(
                                ctx, new Call.SetSubnetParameter(1, Hyperparameter.MAX_ALLOWED_VALIDATORS, 2)))
                        .display())
                .isEqualTo("InvalidHyperparameter: max_allowed_validators must be in 1..1, got 2");
        assertThat(failure(() -> Subnets.setSubnetParameter(
                                ctx, new Call.SetSubnetParameter(1, Hyperparameter.MAX_ALLOWED_UIDS, 0)))
                        .display())
                .startsWith("InvalidHyperparameter: max_allowed_uids 0 is below 1");
        assertThat(failure(() -> Subnets.setSubnetParameter(
                                ctx, new Call.SetSubnetParameter(0, Hyperparameter.TEMPO, 5)))
                        .error())
                .isEqualTo(DispatchError.CannotChangeRoot);
        assertThat(failure(() -> Subnets.setSubnetParameter(
                                ctx, new Call.SetSubnetParameter(5, Hyperparameter.TEMPO, 5)))
                        .error())
                .isEqualTo(DispatchError.SubnetNotFound);
        // a signed origin is refused
        DispatchContext signed = overlay(c, new Origin.Signed(id("alice")), c.number() + 1);
        assertThat(failure(() -> Subnets.setSubnetParameter(
                                signed, new Call.SetSubnetParameter(1, Hyperparameter.TEMPO, 5)))
                        .error())
                .isEqualTo(DispatchError.NotAllowedToChange);
    }
}
