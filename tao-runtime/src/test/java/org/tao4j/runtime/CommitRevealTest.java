package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tao4j.consensus.SparseRow;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Hex;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.neurons.WeightSetting;
import org.tao4j.runtime.schema.WeightCommit;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;
import org.tao4j.runtime.tx.Hyperparameter;

/**
 * docs/spec/chain.md §4 commit_weights / reveal_weights. Subnet 1 with the dev tempo 10: its epoch index at
 * block b is (b + 2) / 11, so epoch 0 is blocks 0-8, epoch 1 blocks 9-19, epoch 2 blocks 20-30 and
 * the subnet's epoch runs at blocks 9, 20, 31. Reveal period 1: a commit of epoch e is revealed in
 * epoch e + 1 and expires after it.
 */
class CommitRevealTest {

    private static final byte[] SALT = "pepper".getBytes();

    private static TestChain chain() {
        return new TestChain("alice", "bob", "carol", "val", "m1", "m2", "v2");
    }

    /** uid 0 "val" (alice, permit), uid 1 "m1", uid 2 "m2"; commit-reveal on, no weights rate limit. */
    private static SubnetFixture subnet(TestChain c) {
        SubnetFixture f = SubnetFixture.create(c, 1, "alice", "val");
        f.neuron("m1", "bob");
        f.neuron("m2", "bob");
        f.permit(0, true);
        f.hyperparams(
                h -> h.with(Hyperparameter.COMMIT_REVEAL_ENABLED, 1).with(Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 0));
        return f;
    }

    private static byte[] hash(String hotkey, int[] dests, int[] values, byte[] salt) {
        return WeightSetting.commitHash(id(hotkey), 1, dests, values, salt, 0);
    }

    private static Call.CommitWeights commit(String hotkey, int[] dests, int[] values, byte[] salt) {
        return new Call.CommitWeights(1, hash(hotkey, dests, values, salt));
    }

    private static Call.RevealWeights reveal(int[] dests, int[] values, byte[] salt) {
        return new Call.RevealWeights(1, dests, values, salt, 0);
    }

    /** Empty blocks until the last executed block is {@code n}. */
    private static void advanceTo(TestChain c, long n) {
        c.advance((int) (n - c.number()));
    }

    @Test
    void commitHashIsBlake2bOfTheDocumentedScaleEncoding() {
        byte[] encoded = concat(
                id("val").bytes(),
                Hex.fromHex("0100" + "080000" + "0100" + "080100" + "0200" + "0409" + "0000000000000000"));
        assertThat(WeightSetting.commitHash(id("val"), 1, new int[] {0, 1}, new int[] {1, 2}, new byte[] {9}, 0))
                .isEqualTo(Blake2b.hash256(encoded));
        byte[] encoded2 =
                concat(id("val").bytes(), Hex.fromHex("0201" + "04ffff" + "04" + "3412" + "00" + "0807060504030201"));
        assertThat(WeightSetting.commitHash(
                        id("val"), 0x0102, new int[] {0xFFFF}, new int[] {0x1234}, new byte[0], 0x0102030405060708L))
                .isEqualTo(Blake2b.hash256(encoded2));
    }

    @Test
    void commitThenRevealInTheNextEpoch() {
        TestChain c = chain();
        SubnetFixture f = subnet(c);
        int[] dests = {1, 2};
        int[] values = {1, 3};
        byte[] h = hash("val", dests, values, SALT);
        c.ok("val", new Call.CommitWeights(1, h)); // block 1, epoch 0
        assertThat(c.state().commits(1, id("val"))).containsExactly(new WeightCommit(h, 1, 0));
        assertThat(f.neuronInfo(0).lastUpdate()).as("a commit sets last_update").isEqualTo(1);
        assertThat(c.events())
                .anyMatch(e -> e instanceof Event.WeightsCommitted w
                        && w.netuid() == 1
                        && w.hotkey().equals(id("val"))
                        && java.util.Arrays.equals(w.hash(), h));

        ApplyResult.Included r = c.fails("val", reveal(dests, values, SALT), "RevealTooEarly"); // block 2
        assertThat(r.message())
                .isEqualTo(
                        "RevealTooEarly: the commit of block 1 can be revealed in epoch 1 from block 9 (7 blocks left); now epoch 0");
        advanceTo(c, 7);
        r = c.fails("val", reveal(dests, values, SALT), "RevealTooEarly"); // block 8, the last of epoch 0
        assertThat(r.message()).contains("(1 blocks left)");

        c.ok("val", reveal(dests, values, SALT)); // block 9, epoch 1
        assertThat(c.state().weights(1, 0)).isEqualTo(SparseRow.of(dests, new int[] {21845, 65535}));
        assertThat(c.state().commits(1, id("val"))).isEmpty();
        assertThat(f.neuronInfo(0).lastUpdate()).isEqualTo(9);
        assertThat(c.events()).contains(new Event.WeightsRevealed(1, id("val")));
        // revealed once: it is gone
        c.fails("val", reveal(dests, values, SALT), "NoWeightsCommitFound");
    }

    @Test
    void revealIsAcceptedUntilTheEndOfTheRevealEpochThenExpires() {
        TestChain c = chain();
        subnet(c);
        int[] dests = {1};
        int[] values = {5};
        c.ok("val", commit("val", dests, values, SALT)); // block 1, epoch 0
        advanceTo(c, 19); // block 19 is the last of epoch 1
        ApplyResult.Included r = c.fails("val", reveal(dests, values, SALT), "ExpiredWeightCommit"); // block 20
        assertThat(r.message())
                .isEqualTo("ExpiredWeightCommit: the commit of block 1 could be revealed only in epoch 1; now epoch 2");
        // the failed call changed nothing; the next commit drops the expired one
        assertThat(c.state().commits(1, id("val"))).hasSize(1);
        c.ok("val", commit("val", dests, values, "other".getBytes())); // block 21, epoch 2
        assertThat(c.state().commits(1, id("val")))
                .extracting(WeightCommit::block)
                .containsExactly(21L);
    }

    @Test
    void revealAtTheLastBlockOfTheRevealEpochIsAccepted() {
        TestChain c = chain();
        subnet(c);
        c.ok("val", commit("val", new int[] {1}, new int[] {5}, SALT)); // block 1
        advanceTo(c, 18);
        c.ok("val", reveal(new int[] {1}, new int[] {5}, SALT)); // block 19, epoch 1
    }

    @Test
    void revealMustMatchACommit() {
        TestChain c = chain();
        subnet(c);
        int[] dests = {1, 2};
        int[] values = {1, 3};
        ApplyResult.Included r = c.fails("val", reveal(dests, values, SALT), "NoWeightsCommitFound");
        assertThat(r.message())
                .isEqualTo("NoWeightsCommitFound: 0 commits pending for " + id("val")
                        + " on subnet 1, none with this hash: check dests, values, salt and version key");
        c.ok("val", commit("val", dests, values, SALT));
        advanceTo(c, 9);
        r = c.fails("val", reveal(dests, values, "salt".getBytes()), "NoWeightsCommitFound");
        assertThat(r.message()).startsWith("NoWeightsCommitFound: 1 commits pending for ");
        c.fails("val", reveal(dests, new int[] {1, 4}, SALT), "NoWeightsCommitFound");
        c.fails("val", new Call.RevealWeights(1, dests, values, SALT, 1), "NoWeightsCommitFound");
        // another hotkey cannot reveal val's commit, even with val's hash inputs
        c.ok("m1", commit("m1", new int[] {1}, new int[] {1}, SALT));
        c.fails("m1", reveal(dests, values, SALT), "NoWeightsCommitFound");
        c.ok("val", reveal(dests, values, SALT));
    }

    @Test
    void revealedWeightsGoThroughTheSetWeightsChecks() {
        TestChain c = chain();
        subnet(c);
        c.ok("val", commit("val", new int[] {1, 1}, new int[] {1, 1}, SALT));
        c.ok("m1", commit("m1", new int[] {2}, new int[] {1}, SALT));
        c.ok("m1", commit("m1", new int[] {1}, new int[] {1}, SALT));
        advanceTo(c, 9);
        c.fails("val", reveal(new int[] {1, 1}, new int[] {1, 1}, SALT), "DuplicateUids");
        c.fails("m1", reveal(new int[] {2}, new int[] {1}, SALT), "NoValidatorPermit");
        c.ok("m1", reveal(new int[] {1}, new int[] {1}, SALT)); // self weight, no permit needed
        // the failed reveals left their commits in place
        assertThat(c.state().commits(1, id("val"))).hasSize(1);
        assertThat(c.state().commits(1, id("m1"))).hasSize(1);
    }

    @Test
    void commitsMayBeRevealedOutOfOrder() {
        TestChain c = chain();
        subnet(c);
        c.ok("val", commit("val", new int[] {1}, new int[] {1}, "a".getBytes())); // block 1
        c.ok("val", commit("val", new int[] {2}, new int[] {1}, "b".getBytes())); // block 2
        advanceTo(c, 9);
        c.ok("val", reveal(new int[] {2}, new int[] {1}, "b".getBytes()));
        assertThat(c.state().commits(1, id("val")))
                .extracting(WeightCommit::block)
                .containsExactly(1L);
        c.ok("val", reveal(new int[] {1}, new int[] {1}, "a".getBytes()));
        assertThat(c.state().weights(1, 0)).isEqualTo(SparseRow.of(new int[] {1}, new int[] {65535}));
        assertThat(c.state().commits(1, id("val"))).isEmpty();
    }

    @Test
    void atMostTenPendingCommits() {
        TestChain c = chain();
        subnet(c);
        List<Extrinsic> txs = new ArrayList<>();
        for (int k = 0; k < 11; k++) {
            txs.add(c.tx("val", commit("val", new int[] {1}, new int[] {k + 1}, SALT)));
        }
        List<ApplyResult> rs = c.block(txs.toArray(new Extrinsic[0])); // block 1
        for (int k = 0; k < 10; k++) {
            assertThat(((ApplyResult.Included) rs.get(k)).error()).isNull();
        }
        ApplyResult.Included eleventh = (ApplyResult.Included) rs.get(10);
        assertThat(eleventh.error()).isEqualTo("TooManyUnrevealedCommits");
        assertThat(eleventh.message())
                .isEqualTo(
                        "TooManyUnrevealedCommits: 10 commits pending (limit 10): reveal one or wait until they expire");
        assertThat(c.state().commits(1, id("val"))).hasSize(10);
        // revealing one frees a slot
        advanceTo(c, 9);
        c.ok("val", reveal(new int[] {1}, new int[] {3}, SALT)); // block 10
        c.ok("val", commit("val", new int[] {1}, new int[] {100}, SALT)); // block 11
        c.fails("val", commit("val", new int[] {1}, new int[] {101}, SALT), "TooManyUnrevealedCommits");
        // once the epoch-0 commits have expired, they no longer count
        advanceTo(c, 19);
        c.ok("val", commit("val", new int[] {1}, new int[] {102}, SALT)); // block 20, epoch 2
        assertThat(c.state().commits(1, id("val")))
                .extracting(WeightCommit::block)
                .containsExactly(11L, 20L);
    }

    @Test
    void setWeightsIsRefusedWhenOnAndCommitRevealWhenOff() {
        TestChain c = chain();
        SubnetFixture f = subnet(c);
        c.fails("val", new Call.SetWeights(1, new int[] {1}, new int[] {1}, 0), "CommitRevealEnabled");
        f.hyperparams(h -> h.with(Hyperparameter.COMMIT_REVEAL_ENABLED, 0));
        ApplyResult.Included r =
                c.fails("val", commit("val", new int[] {1}, new int[] {1}, SALT), "CommitRevealDisabled");
        assertThat(r.message()).isEqualTo("CommitRevealDisabled: subnet 1 has commit_reveal_enabled off");
        c.fails("val", reveal(new int[] {1}, new int[] {1}, SALT), "CommitRevealDisabled");
        c.ok("val", new Call.SetWeights(1, new int[] {1}, new int[] {1}, 0));
    }

    @Test
    void commitGuards() {
        TestChain c = chain();
        SubnetFixture f = subnet(c);
        c.fails("val", new Call.CommitWeights(9, new byte[32]), "SubnetNotFound");
        c.fails("val", new Call.CommitWeights(0, new byte[32]), "CannotChangeRoot");
        c.fails("carol", new Call.CommitWeights(1, new byte[32]), "NotRegistered");
        c.fails("carol", new Call.RevealWeights(1, new int[0], new int[0], SALT, 0), "NotRegistered");
        // commits are rate limited like set_weights, and set last_update
        f.hyperparams(h -> h.with(Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 5));
        c.ok("val", new Call.CommitWeights(1, new byte[32])); // block 5: 5 blocks since registration
        ApplyResult.Included r = c.fails("val", new Call.CommitWeights(1, new byte[32]), "SettingWeightsTooFast");
        assertThat(r.message()).isEqualTo("SettingWeightsTooFast: 4 blocks left (rate limit 5)");
    }

    @Test
    void epochIgnoresWeightsOnUidsRegisteredAfterThePendingCommit() {
        assertThat(incentivesWithCommitPendingAcrossRegistration(true)).containsExactly(0, 65535, 0);
        assertThat(incentivesWithCommitPendingAcrossRegistration(false)).satisfies(i -> {
            assertThat(i.get(1)).isEqualTo(i.get(2));
            assertThat(i.get(2)).isPositive();
        });
    }

    /**
     * val reveals weights [m1: 1, m2: 1] at block 12, after m2 registered at block 11. With
     * {@code pending}, val also committed at block 10 (before m2 registered) and has not revealed
     * that commit when the epoch runs at block 20: docs/spec/yuma.md §3 step 5 drops the weight on m2.
     */
    private static List<Integer> incentivesWithCommitPendingAcrossRegistration(boolean pending) {
        TestChain c = chain();
        SubnetFixture f = SubnetFixture.create(c, 1, "alice", "val");
        f.neuron("m1", "bob");
        f.permit(0, true).stake("val", "alice", 100 * TAO);
        f.hyperparams(
                h -> h.with(Hyperparameter.COMMIT_REVEAL_ENABLED, 1).with(Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 0));
        int[] dests = {1, 2};
        int[] values = {1, 1};
        c.ok("val", commit("val", dests, values, SALT)); // block 1, epoch 0
        advanceTo(c, 9);
        if (pending) {
            c.ok("val", new Call.CommitWeights(1, new byte[32])); // block 10, epoch 1
        } else {
            c.advance(1);
        }
        c.advance(1);
        assertThat(f.neuron("m2", "bob")).isEqualTo(2); // registered at block 11
        c.ok("val", reveal(dests, values, SALT)); // block 12, epoch 1
        assertThat(f.neuronInfo(0).lastUpdate()).isEqualTo(12);
        f.runEpoch(); // block 20; the block-10 commit is still revealable, so it masks
        assertThat(c.number()).isEqualTo(20);
        List<Integer> incentive = new ArrayList<>();
        for (int uid = 0; uid < 3; uid++) {
            incentive.add(f.neuronInfo(uid).incentive());
        }
        return incentive;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
