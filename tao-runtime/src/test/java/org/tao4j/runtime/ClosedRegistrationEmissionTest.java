package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tao4j.core.fixed.I32F32;
import org.tao4j.core.supply.EmissionSchedule;
import org.tao4j.runtime.coinbase.Coinbase;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.SubnetInfo;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;
import org.tao4j.runtime.tx.Hyperparameter;

/**
 * docs/spec/chain.md §6 "A subnet with registration closed gets no emission", in the devnet's shape and
 * through real signed blocks only: two subnets created by their owners, a root member weighting them
 * 3 : 2 (root shares 0.6 / 0.4), then subnet 2's owner closes registration and later reopens it.
 */
class ClosedRegistrationEmissionTest {

    /** Root tempo 4 (root epochs at blocks 4, 9, 14, ...), network and root-weights rate limit 1. */
    private static TestChain chain() {
        return new TestChain(RootFixture.params(64, 4, 1, 12, 50_400), 1_000_000 * TAO, "alice", "bob", "a-hk");
    }

    private static List<Event.OwnerCut> ownerCuts(TestChain c, int netuid) {
        List<Event.OwnerCut> out = new ArrayList<>();
        for (Event e : c.events()) {
            if (e instanceof Event.OwnerCut cut && cut.netuid() == netuid) {
                out.add(cut);
            }
        }
        return out;
    }

    private static long minted(TestChain c) {
        return c.events().stream()
                .filter(e -> e instanceof Event.Minted)
                .mapToLong(e -> ((Event.Minted) e).amount())
                .sum();
    }

    /** The issuance the block's transactions left: what the coinbase's block_emission is computed from. */
    private long issuanceBeforeCoinbase;

    /** One block; checks that it minted exactly the schedule's block emission. */
    private void block(TestChain c, Extrinsic... txs) {
        long issuance = c.state().totalIssuance();
        long recycled = c.state().totalRecycled();
        for (ApplyResult r : c.block(txs)) {
            ApplyResult.Included inc = (ApplyResult.Included) r;
            assertThat(inc.error()).as(inc.message()).isNull();
        }
        long fees = c.state().totalRecycled() - recycled;
        issuanceBeforeCoinbase = issuance - fees;
        long expected = EmissionSchedule.blockEmission(issuanceBeforeCoinbase);
        assertThat(minted(c)).as("minted in block %d", c.number()).isEqualTo(expected);
        assertThat(c.state().totalIssuance())
                .as("issuance after block %d", c.number())
                .isEqualTo(issuanceBeforeCoinbase + expected);
    }

    @Test
    void aClosedSubnetGetsNothingTheOpenOneEverythingAndReopeningRestoresTheShares() {
        TestChain c = chain();
        block(c, c.tx("alice", new Call.RegisterNetwork(id("a-hk")))); // block 1: netuid 1
        block(c, c.tx("bob", new Call.RegisterNetwork(id("b-hk")))); // block 2: netuid 2
        block(c, c.tx("alice", new Call.AddStake(id("a-hk"), 1_000 * TAO))); // block 3
        block(c, c.tx("alice", new Call.RootRegister(id("a-hk")))); // block 4
        block(c, c.tx("a-hk", new Call.SetRootWeights(new int[] {1, 2}, new int[] {3, 2}))); // block 5
        while (c.number() < 9) {
            block(c); // blocks 6..9; the root epoch of block 9 sets the shares
        }
        ChainState s = c.state();
        long share1 = s.subnet(1).emissionShare();
        long share2 = s.subnet(2).emissionShare();
        assertThat((double) share1 / I32F32.ONE_BITS).isCloseTo(0.6, within(1e-4));
        assertThat((double) share2 / I32F32.ONE_BITS).isCloseTo(0.4, within(1e-4));
        assertThat(s.subnet(0).emissionShare()).isZero();

        block(c); // block 10: both open
        s = c.state();
        long emission = EmissionSchedule.blockEmission(issuanceBeforeCoinbase);
        long e1 = s.subnet(1).emissionValue();
        long e2 = s.subnet(2).emissionValue();
        assertThat(e1 + e2).isEqualTo(emission);
        long floor1 = BigInteger.valueOf(emission)
                .multiply(BigInteger.valueOf(share1))
                .divide(BigInteger.valueOf(share1 + share2))
                .longValueExact();
        long floor2 = BigInteger.valueOf(emission)
                .multiply(BigInteger.valueOf(share2))
                .divide(BigInteger.valueOf(share1 + share2))
                .longValueExact();
        assertThat(e2).isEqualTo(floor2);
        assertThat(e1).as("the larger share takes the dust").isEqualTo(emission - floor2);
        assertThat(e1 - floor1).isBetween(0L, 1L);
        assertThat((double) e1 / emission).isCloseTo(0.6, within(1e-4));
        assertThat(ownerCuts(c, 2)).extracting(Event.OwnerCut::amount).containsExactly(e2 * 18 / 100);

        // block 11: subnet 2's owner closes registration; the same block's emission already skips it
        long pendingBefore = c.state().subnet(2).pendingEmission();
        block(c, c.tx("bob", new Call.SetHyperparameter(2, Hyperparameter.REGISTRATION_ALLOWED, 0)));
        long closedAt = c.number();
        for (int i = 0; i < 20; i++) {
            if (i > 0) {
                block(c); // blocks 12..30: root epochs at 14, 19, 24, 29; subnet 2's epoch at 19
            }
            s = c.state();
            long pending2 = s.subnet(2).pendingEmission();
            emission = EmissionSchedule.blockEmission(issuanceBeforeCoinbase);
            assertThat(s.subnet(2).emissionValue()).as("block %d", c.number()).isZero();
            assertThat(s.subnet(1).emissionValue()).as("block %d", c.number()).isEqualTo(emission);
            assertThat(ownerCuts(c, 2)).as("no owner cut for a closed subnet").isEmpty();
            assertThat(ownerCuts(c, 1)).extracting(Event.OwnerCut::amount).containsExactly(emission * 18 / 100);
            // the root epoch's shares are unchanged
            assertThat(s.subnet(1).emissionShare()).isEqualTo(share1);
            assertThat(s.subnet(2).emissionShare()).isEqualTo(share2);
            // nothing accrues; its epoch (block 19) may pay out what was pending before
            assertThat(pending2).as("pending of subnet 2, block %d", c.number()).isLessThanOrEqualTo(pendingBefore);
            pendingBefore = pending2;
        }
        assertThat(c.number()).isEqualTo(30);

        // block 31: reopened (the owner's rate limit is 2 tempos): 0.6 / 0.4 again, in that very block
        block(c, c.tx("bob", new Call.SetHyperparameter(2, Hyperparameter.REGISTRATION_ALLOWED, 1)));
        assertThat(c.number() - closedAt).isEqualTo(20);
        for (int i = 0; i < 3; i++) {
            if (i > 0) {
                block(c);
            }
            s = c.state();
            assertThat(s.subnet(1).emissionValue()).isEqualTo(e1);
            assertThat(s.subnet(2).emissionValue()).isEqualTo(e2);
            assertThat(ownerCuts(c, 2)).extracting(Event.OwnerCut::amount).containsExactly(e2 * 18 / 100);
        }
    }

    @Test
    void withARootShareTheWithheldPartIsUnchangedAndTheClosedShareGoesToTheOpenSubnets() {
        // shares root 1, subnet 1: 1, subnet 2: 2, subnet 3: 3 (of 7), subnet 2 closed
        List<SubnetInfo> subnets = List.of(info(1, 1), info(2, 2), info(3, 3));
        long e = 1_000_000_007L;
        long[] amounts = Coinbase.split(e, subnets, new boolean[] {true, false, true}, 6, 1);
        long withheld = e / 7;
        assertThat(amounts[1]).isZero();
        assertThat(amounts[0] + amounts[2]).isEqualTo(e - withheld);
        // E · s_k · S / ((S + root) · S_open) = E · s_k · 6 / 28
        assertThat(amounts[0]).isEqualTo(e * 6 / 28);
        assertThat(amounts[2]).isEqualTo(e - withheld - e * 6 / 28);
        // nothing closed: exactly the rule without closed subnets, floor(E · s_k / 7), dust to the largest
        amounts = Coinbase.split(e, subnets, new boolean[] {true, true, true}, 6, 1);
        assertThat(amounts[0]).isEqualTo(e / 7);
        assertThat(amounts[1]).isEqualTo(e * 2 / 7);
        assertThat(amounts[2]).isEqualTo(e - withheld - e / 7 - e * 2 / 7);
        // no open subnet with a share: nothing minted
        amounts = Coinbase.split(e, subnets, new boolean[] {false, false, false}, 6, 1);
        assertThat(amounts).containsOnly(0L);
    }

    private static SubnetInfo info(int netuid, long share) {
        return new SubnetInfo(netuid, id("o"), id("o-hk"), 0, 0, 0, -1, 0, 0, 0, 0, -1, 0).withEmissionShare(share);
    }
}
