package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tao4j.runtime.RootFixture.params;
import static org.tao4j.runtime.RootFixture.stake;
import static org.tao4j.runtime.RootFixture.subnet;
import static org.tao4j.runtime.RootFixture.unstake;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import org.junit.jupiter.api.Test;
import org.tao4j.consensus.SparseRow;
import org.tao4j.core.fixed.I32F32;
import org.tao4j.core.supply.EmissionSchedule;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.root.Root;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.tx.Call;

/** docs/spec/chain.md §6: root membership, root weights and the root epoch, through whole blocks. */
class RootTest {

    private static Call.RootRegister register(String hotkey) {
        return new Call.RootRegister(id(hotkey));
    }

    private static Call.SetRootWeights weights(int[] netuids, int[] values) {
        return new Call.SetRootWeights(netuids, values);
    }

    private static double share(ChainState s, int netuid) {
        return I32F32.ofBits(s.subnet(netuid).emissionShare()).toDouble();
    }

    // ---------------------------------------------------------------- membership

    @Test
    void registerBelowTheLimitTakesTheNextUid() {
        TestChain c = new TestChain("alice", "bob", "a-hk", "b-hk", "a2-hk");
        stake(c, "alice", "a-hk", 100 * TAO);
        stake(c, "alice", "a2-hk", 10 * TAO);

        c.ok("alice", register("a-hk"));
        assertThat(c.state().uid(0, id("a-hk"))).isZero();
        assertThat(c.events()).contains(new Event.RootRegistered(id("a-hk"), 0));
        assertThat(c.state().neuron(0, 0).registeredAt()).isEqualTo(c.number());

        // no stake is needed while there are free slots; an unowned hotkey becomes the signer's
        c.ok("bob", register("b-hk"));
        assertThat(c.state().uid(0, id("b-hk"))).isEqualTo(1);
        assertThat(c.state().owner(id("b-hk"))).isEqualTo(id("bob"));
        assertThat(c.state().subnet(0).n()).isEqualTo(2);
        assertThat(Root.members(c.state())).containsExactly(id("a-hk"), id("b-hk"));

        c.fails("alice", register("a-hk"), "AlreadyRegistered");
        c.fails("bob", register("a2-hk"), "HotkeyOwnedByOther");
        assertThat(c.state().subnet(0).n()).isEqualTo(2);
    }

    @Test
    void fullRootReplacesTheLeastStakedMemberOnlyForMoreStake() {
        TestChain c = new TestChain(
                params(3, 100, 50, 12, 50_400), 1_000_000 * TAO, "alice", "m0", "m1", "m2", "x", "y", "z");
        subnet(c, 1, "alice");
        stake(c, "alice", "m0", 300 * TAO);
        stake(c, "alice", "m1", 100 * TAO);
        stake(c, "alice", "m2", 200 * TAO);
        stake(c, "alice", "x", 150 * TAO);
        stake(c, "alice", "y", 160 * TAO);
        stake(c, "alice", "z", 150 * TAO);
        c.ok("alice", register("m0"));
        c.ok("alice", register("m1"));
        c.ok("alice", register("m2"));
        c.ok("m1", weights(new int[] {1}, new int[] {1}));

        // x (150) replaces m1 (100, the least) at uid 1; m1's uid and root weights go
        c.ok("alice", register("x"));
        assertThat(c.events())
                .containsSubsequence(
                        new Event.RootMemberReplaced(id("m1"), id("x"), 1), new Event.RootRegistered(id("x"), 1));
        ChainState s = c.state();
        assertThat(s.uid(0, id("m1"))).isEqualTo(-1);
        assertThat(s.uid(0, id("x"))).isEqualTo(1);
        assertThat(s.weights(0, 1)).isEqualTo(SparseRow.EMPTY);
        assertThat(s.subnet(0).n()).isEqualTo(3);
        long xRegistered = s.neuron(0, 1).registeredAt();

        // a newcomer needs strictly more stake than the least member
        unstake(c, "alice", "m2", 50 * TAO); // m2 now 150, as x
        c.fails("alice", register("z"), "RootFull");
        assertThat(c.state().uid(0, id("z"))).isEqualTo(-1);

        // x's first root weights are allowed at once, whatever the rate limit
        c.ok("x", weights(new int[] {1}, new int[] {7}));

        // tie at 150 between x (uid 1, registered last) and m2 (uid 2, registered earlier): x goes
        c.ok("alice", register("y"));
        s = c.state();
        assertThat(c.events()).contains(new Event.RootMemberReplaced(id("x"), id("y"), 1));
        assertThat(s.uid(0, id("x"))).isEqualTo(-1);
        assertThat(s.uid(0, id("m2"))).isEqualTo(2);
        assertThat(s.uid(0, id("y"))).isEqualTo(1);
        assertThat(s.neuron(0, 1).registeredAt()).isGreaterThan(xRegistered);
        assertThat(s.weights(0, 1)).isEqualTo(SparseRow.EMPTY);
        // and y may set root weights at once too: the slot's rate limit went with x
        c.ok("y", weights(new int[] {1}, new int[] {1}));
        c.fails("x", weights(new int[] {1}, new int[] {1}), "NotRootMember");
    }

    // ---------------------------------------------------------------- root weights

    @Test
    void rootWeightsAreValidatedUpscaledAndRateLimited() {
        TestChain c = new TestChain(params(64, 100, 10, 12, 50_400), 1_000_000 * TAO, "alice", "a-hk", "b-hk");
        subnet(c, 1, "alice");
        subnet(c, 2, "alice");
        c.ok("alice", register("a-hk"));

        c.fails("b-hk", weights(new int[] {1}, new int[] {1}), "NotRootMember");
        c.fails("a-hk", weights(new int[] {1, 2}, new int[] {1}), "WeightVectorLengthMismatch");
        c.fails("a-hk", weights(new int[] {}, new int[] {}), "TooFewWeights");
        c.fails("a-hk", weights(new int[] {0, 1, 2, 3}, new int[] {1, 1, 1, 1}), "TooManyWeights");
        c.fails("a-hk", weights(new int[] {1, 1}, new int[] {1, 2}), "DuplicateUids");
        c.fails("a-hk", weights(new int[] {1, 7}, new int[] {1, 2}), "SubnetNotFound");
        assertThat(c.state().weights(0, 0)).isEqualTo(SparseRow.EMPTY);

        // the first root weights of a member go through at once (registered more than 10 blocks ago
        // or not); values are max-upscaled and stored in netuid order
        c.ok("a-hk", weights(new int[] {2, 1}, new int[] {2, 1}));
        long setAt = c.number();
        assertThat(c.events()).contains(new Event.RootWeightsSet(id("a-hk")));
        assertThat(c.state().weights(0, 0)).isEqualTo(SparseRow.of(new int[] {1, 2}, new int[] {32768, 65535}));
        assertThat(c.state().neuron(0, 0).lastUpdate()).isEqualTo(setAt);

        // once per network_rate_limit (10) blocks
        c.fails("a-hk", weights(new int[] {0, 1}, new int[] {1, 1}), "RootWeightsRateLimited");
        c.advance((int) (setAt + 8 - c.number()));
        c.fails("a-hk", weights(new int[] {0, 1}, new int[] {1, 1}), "RootWeightsRateLimited");
        assertThat(c.number()).isEqualTo(setAt + 9);
        c.ok("a-hk", weights(new int[] {0, 1}, new int[] {1, 1})); // block setAt + 10; netuid 0 allowed
        assertThat(c.state().weights(0, 0)).isEqualTo(SparseRow.of(new int[] {0, 1}, new int[] {65535, 65535}));
    }

    @Test
    void clearWeightsOnDropsOnlyThatNetuid() {
        TestChain c = new TestChain("alice", "a-hk");
        subnet(c, 1, "alice");
        subnet(c, 2, "alice");
        c.ok("alice", register("a-hk"));
        c.ok("a-hk", weights(new int[] {1, 2}, new int[] {1, 1}));
        Root.clearWeightsOn(c.state(), 1);
        assertThat(c.state().weights(0, 0)).isEqualTo(SparseRow.of(new int[] {2}, new int[] {65535}));
        Root.clearWeightsOn(c.state(), 2);
        assertThat(c.state().weights(0, 0)).isEqualTo(SparseRow.EMPTY);
    }

    // ---------------------------------------------------------------- root epoch

    /** Root tempo 4: the root epoch runs at blocks 4, 9, 14, ... ((block + 1) % 5 == 0). */
    private static TestChain epochChain(String... accounts) {
        return new TestChain(params(64, 4, 1, 12, 50_400), 1_000_000 * TAO, accounts);
    }

    private static double sigmoid(double trust) {
        return 1 / (1 + Math.exp(-10 * (trust - 0.5)));
    }

    @Test
    void rootEpochOnAHandComputedExample() {
        TestChain c = epochChain("alice", "bob", "a-hk", "b-hk");
        subnet(c, 1, "alice");
        subnet(c, 2, "bob");
        stake(c, "alice", "a-hk", 300 * TAO);
        stake(c, "bob", "b-hk", 100 * TAO);
        c.ok("alice", register("a-hk")); // block 1
        c.ok("bob", register("b-hk")); // block 2
        c.ok("a-hk", weights(new int[] {1, 2}, new int[] {1, 3})); // block 3
        c.ok("b-hk", weights(new int[] {1}, new int[] {1})); // block 4: root epoch
        assertThat(c.number()).isEqualTo(4);
        assertThat(c.events()).anyMatch(e -> e instanceof Event.RootEpochRun);

        // S = (0.75, 0.25); W = ((0.25, 0.75), (1, 0));
        // rank = (0.25·0.75 + 1·0.25, 0.75·0.75) = (0.4375, 0.5625); trust = (1, 0.75)
        double c1 = sigmoid(1.0) * 0.4375;
        double c2 = sigmoid(0.75) * 0.5625;
        ChainState s = c.state();
        assertThat(share(s, 1)).isCloseTo(c1 / (c1 + c2), within(1e-7));
        assertThat(share(s, 2)).isCloseTo(c2 / (c1 + c2), within(1e-7));
        // the exact bits, from an independent emulation of the docs/spec/yuma.md §1 operations (mul floors,
        // div truncates, exp as its Taylor series): consensus = (4266221720, 3969158894) bits
        assertThat(s.subnet(1).emissionShare()).isEqualTo(1_955_646_241L);
        assertThat(s.subnet(2).emissionShare()).isEqualTo(2_339_321_054L);
        assertThat(share(s, 0)).isZero();
        assertThat(share(s, 1) + share(s, 2)).isCloseTo(1.0, within(1e-8));
        assertThat(share(s, 2)).isGreaterThan(share(s, 1));

        // the next block's emission follows the shares
        long emission = EmissionSchedule.blockEmission(s.totalIssuance());
        c.block();
        s = c.state();
        long e1 = s.subnet(1).emissionValue();
        long e2 = s.subnet(2).emissionValue();
        assertThat(e1 + e2).isEqualTo(emission);
        assertThat(e2).isGreaterThan(e1);
        assertThat((double) e1 / emission).isCloseTo(c1 / (c1 + c2), within(1e-6));
    }

    @Test
    void weightOnRootIsWithheldFromMinting() {
        TestChain c = epochChain("alice", "a-hk");
        subnet(c, 1, "alice");
        stake(c, "alice", "a-hk", 100 * TAO);
        c.ok("alice", register("a-hk")); // block 1
        c.ok("a-hk", weights(new int[] {0, 1}, new int[] {1, 1})); // block 2
        c.advance(2); // block 4: root epoch
        ChainState s = c.state();
        assertThat(s.subnet(0).emissionShare()).isEqualTo(I32F32.ONE_BITS / 2);
        assertThat(s.subnet(1).emissionShare()).isEqualTo(I32F32.ONE_BITS / 2);

        long emission = EmissionSchedule.blockEmission(s.totalIssuance());
        long issuance = s.totalIssuance();
        c.block();
        long minted = c.events().stream()
                .filter(e -> e instanceof Event.Minted)
                .mapToLong(e -> ((Event.Minted) e).amount())
                .sum();
        assertThat(minted).isLessThan(emission).isEqualTo(emission / 2);
        assertThat(c.state().totalIssuance()).isEqualTo(issuance + minted);
        assertThat(c.state().subnet(1).emissionValue()).isEqualTo(emission / 2);
    }

    @Test
    void rootWeightsOnDissolvedSubnetsAreIgnored() {
        TestChain c = epochChain("alice", "a-hk");
        subnet(c, 1, "alice");
        subnet(c, 2, "alice", false); // closed: no emission before the root epoch, so nothing pending
        stake(c, "alice", "a-hk", 100 * TAO);
        c.ok("alice", register("a-hk"));
        c.ok("a-hk", weights(new int[] {1, 2}, new int[] {1, 3}));
        assertThat(c.state().subnet(2).pendingEmission()).isZero();
        c.state().removeSubnet(2); // as if dissolved, its root weight left in place
        c.advance(2); // block 4: root epoch
        assertThat(c.state().subnet(1).emissionShare()).isEqualTo(I32F32.ONE_BITS);
    }

    @Test
    void equalSplitAmongOpenSubnetsBeforeAnyRootWeight() {
        TestChain c = epochChain("alice", "a-hk");
        subnet(c, 1, "alice");
        subnet(c, 2, "alice");
        subnet(c, 3, "alice", false);
        stake(c, "alice", "a-hk", 100 * TAO);
        c.ok("alice", register("a-hk")); // a member, but no weights
        c.advance(3); // block 4: root epoch
        assertThat(c.events()).anyMatch(e -> e instanceof Event.RootEpochRun);
        ChainState s = c.state();
        assertThat(s.subnet(0).emissionShare()).isZero();
        assertThat(s.subnet(1).emissionShare()).isEqualTo(I32F32.ONE_BITS / 2);
        assertThat(s.subnet(2).emissionShare()).isEqualTo(I32F32.ONE_BITS / 2);
        assertThat(s.subnet(3).emissionShare()).isZero();

        long emission = EmissionSchedule.blockEmission(s.totalIssuance());
        c.block();
        s = c.state();
        assertThat(s.subnet(1).emissionValue()).isEqualTo(emission / 2);
        assertThat(s.subnet(2).emissionValue()).isEqualTo(emission / 2);
        assertThat(s.subnet(3).emissionValue()).isZero();
    }
}
