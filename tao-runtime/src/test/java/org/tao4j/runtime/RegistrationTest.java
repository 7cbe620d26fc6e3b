package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.SubnetKit.PARAMS;
import static org.tao4j.runtime.SubnetKit.overlay;
import static org.tao4j.runtime.SubnetKit.pokeNeuron;
import static org.tao4j.runtime.SubnetKit.withEmission;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tao4j.consensus.SparseRow;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.dispatch.Origin;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.neurons.BurnDecay;
import org.tao4j.runtime.neurons.Registration;
import org.tao4j.runtime.schema.AxonInfo;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.schema.NeuronInfo;
import org.tao4j.runtime.schema.SubnetInfo;
import org.tao4j.runtime.schema.WeightCommit;
import org.tao4j.runtime.subnets.Subnets;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;
import org.tao4j.runtime.tx.Hyperparameter;

/** docs/spec/chain.md §4: burned_register, the burn price, uid assignment and pruning. */
class RegistrationTest {

    private static final long MILLION = 1_000_000 * TAO;
    private static final int HALF_LIFE = 360;

    /** A chain where "owner" registered subnet 1 (hotkey "owner-hk") in block 1. */
    private static TestChain withSubnet() {
        TestChain c = new TestChain(PARAMS, MILLION, "owner", "miner", "other");
        c.ok("owner", new Call.RegisterNetwork(id("owner-hk")));
        return c;
    }

    private static long decay(long burn) {
        return Math.max(PARAMS.defaultMinBurn(), BurnDecay.decayOnce(burn, HALF_LIFE));
    }

    private static long afterRegistration(long paid) {
        return Math.min(PARAMS.defaultMaxBurn(), Math.max(PARAMS.defaultMinBurn(), paid * 126 / 100));
    }

    // ---------------------------------------------------------------- the burn

    @Test
    void theBurnIsPaidAndRecycled() {
        TestChain c = withSubnet();
        long burn = Registration.burn(c.state(), 1);
        assertThat(burn).isEqualTo(decay(TAO));
        Extrinsic x = c.tx("miner", new Call.BurnedRegister(1, id("hk")));
        long fee = Runtime.fee(c.state().params(), x);
        long recycled = c.state().totalRecycled();
        long minted = c.state().totalMinted();
        long issuance = c.state().totalIssuance();

        ApplyResult.Included r = (ApplyResult.Included) c.block(x).get(0);

        assertThat(r.error()).isNull();
        ChainState s = c.state();
        assertThat(c.free("miner")).isEqualTo(MILLION - fee - burn);
        assertThat(s.totalRecycled()).isEqualTo(recycled + fee + burn);
        assertThat(s.totalIssuance()).isEqualTo(issuance + (s.totalMinted() - minted) - fee - burn);
        assertThat(c.events())
                .containsSubsequence(
                        new Event.Recycled("registration burn on subnet 1", burn),
                        new Event.NeuronRegistered(1, 1, id("hk"), burn));
        assertThat(s.uid(1, id("hk"))).isEqualTo(1);
        assertThat(s.neuron(1, 1)).isEqualTo(NeuronInfo.fresh(id("hk"), 2));
        assertThat(s.owner(id("hk"))).isEqualTo(id("miner"));
        assertThat(s.netuidsOf(id("hk"))).containsExactly(1);
        SubnetInfo sn = s.subnet(1);
        assertThat(sn.n()).isEqualTo(2);
        assertThat(sn.lastRegistrationBlock()).isEqualTo(2);
    }

    @Test
    void theBurnRises26PercentPerRegistrationThenHalvesEvery360Blocks() {
        TestChain c = withSubnet();
        long paid = Registration.burn(c.state(), 1);
        c.ok("miner", new Call.BurnedRegister(1, id("hk1"))); // block 2
        // floor(burn * 1.26) right after the registration, then the block's decay
        long start = decay(paid * 126 / 100);
        assertThat(Registration.burn(c.state(), 1)).isEqualTo(start);
        c.ok("miner", new Call.BurnedRegister(1, id("hk2"))); // block 3 pays that
        assertThat(SubnetKit.events(c, Event.NeuronRegistered.class).get(0).burn())
                .isEqualTo(start);
        start = decay(start * 126 / 100);
        assertThat(Registration.burn(c.state(), 1)).isEqualTo(start);

        c.advance(HALF_LIFE);
        long expected = start;
        for (int i = 0; i < HALF_LIFE; i++) {
            expected = decay(expected);
        }
        long burn = Registration.burn(c.state(), 1);
        assertThat(burn).isEqualTo(expected);
        // one half-life halves it, up to one rao of flooring per block
        assertThat(burn).isBetween(start / 2 - HALF_LIFE, start / 2);
    }

    @Test
    void theDecayFactorIsTheExactQ64RootOfOneHalf() {
        long f = BurnDecay.factor(360);
        assertThat(f).isEqualTo(BurnDecay.F_360).isEqualTo(BurnDecay.compute(360));
        BigInteger fu = new BigInteger(Long.toUnsignedString(f));
        BigInteger half = BigInteger.ONE.shiftLeft(64 * 360 - 1); // (2^64)^360 / 2
        assertThat(fu.pow(360)).isLessThanOrEqualTo(half);
        assertThat(fu.add(BigInteger.ONE).pow(360)).isGreaterThan(half);
        // another half-life is computed exactly the same way
        BigInteger g = new BigInteger(Long.toUnsignedString(BurnDecay.factor(100)));
        assertThat(g.pow(100)).isLessThanOrEqualTo(BigInteger.ONE.shiftLeft(64 * 100 - 1));
        assertThat(g.add(BigInteger.ONE).pow(100)).isGreaterThan(BigInteger.ONE.shiftLeft(64 * 100 - 1));
        assertThat(BurnDecay.factor(360)).isEqualTo(f);
        assertThat(BurnDecay.decayOnce(1L << 40, 1)).isEqualTo(1L << 39);
    }

    @Test
    void theBurnIsClampedToMaxBurnAfterARegistration() {
        TestChain c = withSubnet();
        c.ok("owner", new Call.SetHyperparameter(1, Hyperparameter.MAX_BURN, 1_100_000_000L)); // block 2
        long paid = Registration.burn(c.state(), 1);
        assertThat(paid * 126 / 100).isGreaterThan(1_100_000_000L);
        c.ok("miner", new Call.BurnedRegister(1, id("hk1"))); // block 3: 1.26x capped at 1.1 TAO, then decayed
        assertThat(Registration.burn(c.state(), 1)).isEqualTo(BurnDecay.decayOnce(1_100_000_000L, HALF_LIFE));
    }

    @Test
    void theBurnNeverDecaysBelowMinBurn() {
        TestChain c = withSubnet();
        c.ok("owner", new Call.SetHyperparameter(1, Hyperparameter.MIN_BURN, 2 * TAO)); // raises the burn at once
        assertThat(Registration.burn(c.state(), 1)).isEqualTo(2 * TAO);
        c.advance(50);
        assertThat(Registration.burn(c.state(), 1)).isEqualTo(2 * TAO);
        c.ok("miner", new Call.BurnedRegister(1, id("hk1")));
        assertThat(SubnetKit.events(c, Event.NeuronRegistered.class).get(0).burn())
                .isEqualTo(2 * TAO);
        assertThat(Registration.burn(c.state(), 1)).isEqualTo(decayClampedTo(2 * TAO * 126 / 100, 2 * TAO));

        // the default floor, 0.0005 TAO, on the block step itself
        ChainState s = overlay(c, Origin.ROOT, c.number() + 1).state();
        s.setHyperparams(1, Hyperparams.defaults(PARAMS));
        s.setSubnet(s.subnet(1).withBurn(500_001));
        Registration.decayBurns(s);
        assertThat(s.subnet(1).burn()).isEqualTo(500_000);
        assertThat(s.subnet(0).burn()).as("root has no burn").isZero();
    }

    private static long decayClampedTo(long burn, long min) {
        return Math.max(min, BurnDecay.decayOnce(burn, HALF_LIFE));
    }

    @Test
    void theRegistrationAllowanceIsOnePerSubnetPerBlock() {
        TestChain c = new TestChain(PARAMS, MILLION, "owner", "owner2", "miner", "other");
        // the owner's uid 0 does not use the block's registration
        List<ApplyResult> rs = c.block(
                c.tx("owner", new Call.RegisterNetwork(id("owner-hk"))),
                c.tx("miner", new Call.BurnedRegister(1, id("hk1"))));
        assertThat(rs)
                .allSatisfy(r -> assertThat(((ApplyResult.Included) r).error()).isNull());
        assertThat(c.state().uid(1, id("hk1"))).isEqualTo(1);

        rs = c.block(
                c.tx("miner", new Call.BurnedRegister(1, id("hk2"))),
                c.tx("other", new Call.BurnedRegister(1, id("hk3"))),
                c.tx("owner2", new Call.RegisterNetwork(id("owner2-hk"))));
        assertThat(((ApplyResult.Included) rs.get(0)).error()).isNull();
        ApplyResult.Included second = (ApplyResult.Included) rs.get(1);
        assertThat(second.error()).isEqualTo("TooManyRegistrationsThisBlock");
        assertThat(second.message())
                .isEqualTo(
                        "TooManyRegistrationsThisBlock: subnet 1 already registered a neuron in block 2: try the next block");
        assertThat(c.free("other")).as("only the fee").isEqualTo(MILLION - second.fee());
        assertThat(c.state().uid(1, id("hk3"))).isEqualTo(-1);

        // different subnets in the same block are independent
        rs = c.block(
                c.tx("other", new Call.BurnedRegister(1, id("hk3"))),
                c.tx("miner", new Call.BurnedRegister(2, id("hk4"))));
        assertThat(rs)
                .allSatisfy(r -> assertThat(((ApplyResult.Included) r).error()).isNull());
        assertThat(c.state().uid(1, id("hk3"))).isEqualTo(3);
        assertThat(c.state().uid(2, id("hk4"))).isEqualTo(1);
    }

    @Test
    void aHotkeyRegistersOncePerSubnetAndOnlyForItsOwnerColdkey() {
        TestChain c = withSubnet();
        c.ok("other", new Call.RegisterNetwork(id("other-hk"))); // subnet 2
        c.ok("miner", new Call.BurnedRegister(1, id("hk")));
        assertThat(c.fails("miner", new Call.BurnedRegister(1, id("hk")), "AlreadyRegistered")
                        .message())
                .isEqualTo("AlreadyRegistered: hotkey " + id("hk") + " holds uid 1 on subnet 1");
        c.fails("miner", new Call.BurnedRegister(1, id("owner-hk")), "AlreadyRegistered");
        assertThat(c.fails("other", new Call.BurnedRegister(2, id("hk")), "HotkeyOwnedByOther")
                        .message())
                .isEqualTo("HotkeyOwnedByOther: hotkey " + id("hk") + " is owned by coldkey " + id("miner"));
        c.ok("miner", new Call.BurnedRegister(2, id("hk"))); // the owner may use it on another subnet
        assertThat(c.state().netuidsOf(id("hk"))).containsExactly(1, 2);
        // the owner hotkey of subnet 1 is owned by "owner"
        c.fails("miner", new Call.BurnedRegister(2, id("owner-hk")), "HotkeyOwnedByOther");
    }

    @Test
    void rootUnknownAndClosedSubnetsRefuseRegistration() {
        TestChain c = withSubnet();
        assertThat(c.fails("miner", new Call.BurnedRegister(0, id("hk")), "RegistrationDisabled")
                        .message())
                .isEqualTo("RegistrationDisabled: netuid 0 is the root network: join it with root_register");
        assertThat(c.fails("miner", new Call.BurnedRegister(7, id("hk")), "SubnetNotFound")
                        .message())
                .isEqualTo("SubnetNotFound: netuid 7");
        c.ok("owner", new Call.SetHyperparameter(1, Hyperparameter.REGISTRATION_ALLOWED, 0));
        assertThat(c.fails("miner", new Call.BurnedRegister(1, id("hk")), "RegistrationDisabled")
                        .message())
                .contains("registration_allowed");
        assertThat(c.state().owner(id("hk")))
                .as("a failed registration claims nothing")
                .isNull();
    }

    @Test
    void theBurnMustBeAffordable() {
        TestChain c = withSubnet();
        c.ok("owner", new Call.Transfer(id("poor"), TAO / 2));
        ApplyResult.Included r = c.fails("poor", new Call.BurnedRegister(1, id("hk")), "InsufficientBalance");
        assertThat(c.state().free(id("poor"))).isEqualTo(TAO / 2 - r.fee());
        assertThat(c.state().owner(id("hk"))).isNull();
        assertThat(c.state().subnet(1).n()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- pruning

    /** Registers "hk-1" .. "hk-{count}" on subnet 1 as uids 1.., one per block, paid by "miner". */
    private static void fill(TestChain c, int count) {
        for (int i = 1; i <= count; i++) {
            c.ok("miner", new Call.BurnedRegister(1, id("hk-" + i)));
        }
    }

    @Test
    void aFullSubnetReplacesTheLowestEmissionNonImmuneNeuronButNeverTheOwner() {
        TestChain c = withSubnet();
        c.ok("owner", new Call.SetHyperparameter(1, Hyperparameter.IMMUNITY_PERIOD, 300)); // block 2
        fill(c, 255); // uid i at block i + 2, up to block 257
        assertThat(c.state().subnet(1).n()).isEqualTo(256);
        c.advance(560 - 1 - 257); // at block 560 every neuron is 303+ blocks old
        // an epoch's result: the owner has the least emission, uids 3 and 7 tie for the next least
        for (int uid = 1; uid < 256; uid++) {
            long e = uid == 3 || uid == 7 ? 10 : 1_000;
            pokeNeuron(c, 1, uid, n -> withEmission(n, e));
        }
        pokeNeuron(
                c,
                1,
                3,
                n -> n.withEpoch(true, true, 100, 200, 300, 400, 10)
                        .withAxon(new AxonInfo(new byte[] {1, 2, 3, 4}, 8091, 4, 0, 1, 100)));
        ChainState s = c.state();
        s.setWeights(1, 0, SparseRow.of(new int[] {3, 7, 9}, new int[] {100, 200, 300}));
        s.setWeights(1, 5, SparseRow.of(new int[] {3}, new int[] {65_535}));
        s.setWeights(1, 3, SparseRow.of(new int[] {1, 2}, new int[] {500, 600}));
        s.setBonds(1, 3, SparseRow.of(new int[] {1}, new int[] {400}));
        s.setBonds(1, 0, SparseRow.of(new int[] {3}, new int[] {700}));
        s.setCommits(1, id("hk-3"), List.of(new WeightCommit(new byte[32], 300, 1)));
        assertThat(Registration.pruneCandidate(s, 1, 560)).isEqualTo(3);

        long burn = Registration.burn(s, 1);
        c.ok("miner", new Call.BurnedRegister(1, id("new-1"))); // block 560

        s = c.state();
        assertThat(c.events())
                .containsSubsequence(
                        new Event.NeuronReplaced(1, 3, id("hk-3"), id("new-1")),
                        new Event.NeuronRegistered(1, 3, id("new-1"), burn));
        assertThat(s.subnet(1).n()).isEqualTo(256);
        assertThat(s.uid(1, id("new-1"))).isEqualTo(3);
        assertThat(s.uid(1, id("hk-3"))).isEqualTo(-1);
        assertThat(s.netuidsOf(id("hk-3"))).isEmpty();
        assertThat(s.neuron(1, 3))
                .as("no permit, scores, emission or axon")
                .isEqualTo(NeuronInfo.fresh(id("new-1"), 560));
        assertThat(s.weights(1, 3)).isEqualTo(SparseRow.EMPTY);
        assertThat(s.bonds(1, 3)).isEqualTo(SparseRow.EMPTY);
        assertThat(s.commits(1, id("hk-3"))).isEmpty();
        // every other row's weight on uid 3 is 0, the entry stays (docs/spec/yuma-scenario.md `replace`)
        assertThat(s.weights(1, 0)).isEqualTo(SparseRow.of(new int[] {3, 7, 9}, new int[] {0, 200, 300}));
        assertThat(s.weights(1, 5)).isEqualTo(SparseRow.of(new int[] {3}, new int[] {0}));
        assertThat(s.bonds(1, 0))
                .as("other rows' bonds are the epoch's business")
                .isEqualTo(SparseRow.of(new int[] {3}, new int[] {700}));
        assertThat(s.owner(id("hk-3"))).as("the old hotkey keeps its owner").isEqualTo(id("miner"));

        // block 561: the new uid 3 (emission 0) is immune and 253 neurons are not: uid 7 goes
        c.ok("miner", new Call.BurnedRegister(1, id("new-2")));
        assertThat(SubnetKit.events(c, Event.NeuronReplaced.class))
                .containsExactly(new Event.NeuronReplaced(1, 7, id("hk-7"), id("new-2")));
        // block 562: all left have emission 1000: the earliest registered (uid 1, block 3) goes
        c.ok("miner", new Call.BurnedRegister(1, id("new-3")));
        assertThat(SubnetKit.events(c, Event.NeuronReplaced.class))
                .containsExactly(new Event.NeuronReplaced(1, 1, id("hk-1"), id("new-3")));
        assertThat(c.state().neuron(1, 0).hotkey())
                .as("the owner, with the least emission, stays")
                .isEqualTo(id("owner-hk"));
    }

    @Test
    void immuneNeuronsArePrunedOnlyWhileFewerThanTenAreNonImmune() {
        TestChain c = withSubnet();
        c.ok("owner", new Call.SetHyperparameter(1, Hyperparameter.IMMUNITY_PERIOD, 250)); // block 2
        fill(c, 255); // uid i at block i + 2
        for (int uid = 1; uid < 256; uid++) {
            long e = uid == 200 ? 0 : 1_000;
            pokeNeuron(c, 1, uid, n -> withEmission(n, e));
        }
        // block 258: uids 1..6 are non-immune (258 - (i + 2) >= 250), fewer than 10: all are candidates
        c.ok("miner", new Call.BurnedRegister(1, id("new-1")));
        assertThat(SubnetKit.events(c, Event.NeuronReplaced.class))
                .containsExactly(new Event.NeuronReplaced(1, 200, id("hk-200"), id("new-1")));

        pokeNeuron(c, 1, 201, n -> withEmission(n, 0));
        c.advance(5); // 259..263
        // block 264: uids 1..12 are non-immune: only they are candidates, uid 201 (emission 0) is immune
        assertThat(Registration.pruneCandidate(c.state(), 1, 264)).isEqualTo(1);
        // (at block 261 only 9 were: the earliest of the emission-0 uids 200 and 201 would go)
        assertThat(Registration.pruneCandidate(c.state(), 1, 261)).isEqualTo(201);
        c.ok("miner", new Call.BurnedRegister(1, id("new-2")));
        assertThat(SubnetKit.events(c, Event.NeuronReplaced.class))
                .containsExactly(new Event.NeuronReplaced(1, 1, id("hk-1"), id("new-2")));
    }

    @Test
    void withNoCandidateRegistrationFailsWithNoNeuronIdAvailable() {
        TestChain c = new TestChain(PARAMS, MILLION, "owner", "miner", "sudo");
        c.ok("owner", new Call.RegisterNetwork(id("owner-hk")));
        // governance (here the dev chain's sudo key) shrinks the subnet to the owner's uid alone
        c.ok("sudo", new Call.Sudo(new Call.SetSubnetParameter(1, Hyperparameter.MAX_ALLOWED_UIDS, 1)));
        assertThat(c.events()).contains(new Event.Sudid(true, "ok"));
        long burn = Registration.burn(c.state(), 1);
        ApplyResult.Included r = c.fails("miner", new Call.BurnedRegister(1, id("hk")), "NoNeuronIdAvailable");
        assertThat(r.message())
                .isEqualTo("NoNeuronIdAvailable: subnet 1 is full (1 of max_allowed_uids 1) and no uid"
                        + " other than the owner's can be pruned");
        assertThat(c.free("miner")).as("the burn is rolled back").isEqualTo(MILLION - r.fee());
        assertThat(Registration.burn(c.state(), 1)).isEqualTo(decay(burn));
        assertThat(c.state().owner(id("hk"))).isNull();
    }

    @Test
    void theOwnerHotkeyIsNeverPrunedEvenAsTheWeakestNonImmuneNeuron() {
        TestChain c = withSubnet();
        DispatchContext ctx = overlay(c, Origin.ROOT, 10);
        ChainState s = ctx.state();
        Subnets.setSubnetParameter(ctx, new Call.SetSubnetParameter(1, Hyperparameter.MAX_ALLOWED_UIDS, 2));
        Subnets.setSubnetParameter(ctx, new Call.SetSubnetParameter(1, Hyperparameter.IMMUNITY_PERIOD, 0));
        Registration.burnedRegister(
                new DispatchContext(s, 10, new Origin.Signed(id("miner")), ctx.events()),
                new Call.BurnedRegister(1, id("hk")));
        // uid 1 is the only candidate even with far more emission than the owner's uid 0
        s.setNeuron(1, 1, withEmission(s.neuron(1, 1), 1_000_000));
        assertThat(Registration.pruneCandidate(s, 1, 11)).isEqualTo(1);
        Registration.burnedRegister(
                new DispatchContext(s, 11, new Origin.Signed(id("miner")), ctx.events()),
                new Call.BurnedRegister(1, id("hk2")));
        assertThat(ctx.events()).contains(new Event.NeuronReplaced(1, 1, id("hk"), id("hk2")));
        assertThat(s.neuron(1, 0).hotkey()).isEqualTo(id("owner-hk"));
        assertThat(s.uid(1, id("owner-hk"))).isZero();
    }
}
