package org.tao4j.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tao4j.core.fixed.I32F32.ONE_BITS;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tao4j.core.fixed.I32F32;

/** Hand-checked small epochs (docs/spec/yuma.md §3). */
class EpochTest {

    static final long BLOCK = 100;
    static final long EMISSION = 1_000_000_000L;
    static final long HALF = ONE_BITS / 2;

    // ------------------------------------------------------------ builders

    /** Mutable parameter builder starting from the scenario defaults (docs/spec/yuma-scenario.md). */
    static final class Params {
        long tempo = 10;
        long activityCutoff = 5000;
        int kappa = 32767;
        int bondsPenalty = 65535;
        long bondsMovingAverage = 900_000;
        int maxAllowedValidators = 8;
        boolean yuma3;
        boolean liquidAlpha;
        int alphaLow = 45875;
        int alphaHigh = 58982;
        int steepness = 1000;
        long stakeThreshold;
        int owner = -1;
        boolean commitReveal;

        EpochParams build() {
            return new EpochParams(
                    tempo,
                    activityCutoff,
                    kappa,
                    bondsPenalty,
                    bondsMovingAverage,
                    maxAllowedValidators,
                    yuma3,
                    liquidAlpha,
                    alphaLow,
                    alphaHigh,
                    steepness,
                    stakeThreshold,
                    owner,
                    commitReveal);
        }
    }

    /** Mutable neuron builder: registered at 0, last update at BLOCK, no permit, no rows. */
    static final class N {
        long stake;
        long lastUpdate = BLOCK;
        long registeredAt = 0;
        boolean permit;
        SparseRow weights = SparseRow.EMPTY;
        SparseRow bonds = SparseRow.EMPTY;
        long commit = NeuronSnapshot.NO_COMMIT;

        N(long stake) {
            this.stake = stake;
        }

        N permit() {
            permit = true;
            return this;
        }

        N weights(int... destValue) {
            weights = row(destValue);
            return this;
        }

        N bonds(int... destValue) {
            bonds = row(destValue);
            return this;
        }

        N lastUpdate(long b) {
            lastUpdate = b;
            return this;
        }

        N registeredAt(long b) {
            registeredAt = b;
            return this;
        }

        N commit(long b) {
            commit = b;
            return this;
        }

        NeuronSnapshot build() {
            return new NeuronSnapshot(stake, lastUpdate, registeredAt, permit, weights, bonds, commit);
        }
    }

    static N validator(long stake) {
        return new N(stake).permit();
    }

    static N miner() {
        return new N(0);
    }

    /** A sparse row from (dest, value) pairs. */
    static SparseRow row(int... destValue) {
        int[] d = new int[destValue.length / 2];
        int[] v = new int[destValue.length / 2];
        for (int k = 0; k < d.length; k++) {
            d[k] = destValue[2 * k];
            v[k] = destValue[2 * k + 1];
        }
        return SparseRow.of(d, v);
    }

    static EpochResult run(Params p, N... neurons) {
        List<NeuronSnapshot> list = new ArrayList<>();
        for (N n : neurons) {
            list.add(n.build());
        }
        return Epoch.run(new SubnetSnapshot(p.build(), list, BLOCK, 0, EMISSION));
    }

    static double frac(long bits) {
        return I32F32.ofBits(bits).toDouble();
    }

    // ------------------------------------------------------------ one validator, one miner

    @ParameterizedTest(name = "yuma3={0}")
    @ValueSource(booleans = {false, true})
    void singleValidatorGetsAllDividendsAndTheMinerAllIncentive(boolean yuma3) {
        Params p = new Params();
        p.yuma3 = yuma3;
        EpochResult r = run(p, validator(1000).weights(1, 65535), miner());

        NeuronResult v = r.neuron(0);
        NeuronResult m = r.neuron(1);
        assertThat(r.stakeBits()).containsExactly(ONE_BITS, 0);
        assertThat(r.activeStakeBits()).containsExactly(ONE_BITS, 0);
        assertThat(r.consensusBits()).containsExactly(0, ONE_BITS);
        assertThat(r.incentiveBits()).containsExactly(0, ONE_BITS);
        assertThat(r.dividendsBits()).containsExactly(ONE_BITS, 0);
        assertThat(r.validatorTrustBits()).containsExactly(ONE_BITS, 0);

        assertThat(v.dividends()).isEqualTo(65535);
        assertThat(v.validatorTrust()).isEqualTo(65535);
        assertThat(v.incentive()).isZero();
        assertThat(m.incentive()).isEqualTo(65535);
        assertThat(m.consensus()).isEqualTo(65535);
        assertThat(m.dividends()).isZero();

        // E = I + D = [1, 1]: shares are exactly one half each
        assertThat(v.validatorEmission()).isEqualTo(EMISSION / 2);
        assertThat(v.serverEmission()).isZero();
        assertThat(m.serverEmission()).isEqualTo(EMISSION / 2);
        assertThat(m.validatorEmission()).isZero();
        assertThat(v.emission()).isEqualTo(EMISSION / 2);
        assertThat(m.emission()).isEqualTo(EMISSION / 2);
        assertThat(r.totalDistributed()).isEqualTo(EMISSION);

        assertThat(v.validatorPermit()).isTrue();
        assertThat(m.validatorPermit()).isFalse();
        assertThat(v.active()).isTrue();
        assertThat(m.active()).isTrue();
        // Yuma 2 stores the column-max-upscaled EMA (the only bond is its column's max: 65535);
        // Yuma 3 stores the EMA itself: alpha = 1 - floor(0.9 * 2^32)/2^32 = 429496730 bits,
        // times 65535 floored = 6553
        assertThat(v.bonds()).isEqualTo(row(1, yuma3 ? 6553 : 65535));
        assertThat(m.bonds()).as("no permit before or after: untouched").isNull();
    }

    // ------------------------------------------------------------ activity

    @Test
    void inactiveValidatorHasNoActiveStake() {
        Params p = new Params();
        p.activityCutoff = 50;
        // uid1 last set weights at 10: 10 + 50 < 100 -> inactive
        EpochResult r = run(
                p,
                validator(600).weights(2, 65535),
                validator(400).weights(2, 65535).lastUpdate(10),
                miner());

        assertThat(r.neuron(0).active()).isTrue();
        assertThat(r.neuron(1).active()).isFalse();
        assertThat(r.stakeBits()[1]).as("S keeps the stake").isPositive();
        assertThat(r.activeStakeBits()).containsExactly(ONE_BITS, 0, 0);
        assertThat(r.dividendsBits()[1]).isZero();
        assertThat(r.neuron(1).dividends()).isZero();
        assertThat(r.neuron(1).validatorEmission()).isZero();
        assertThat(r.neuron(0).dividends()).isEqualTo(65535);
        assertThat(r.neuron(0).validatorEmission()).isEqualTo(EMISSION / 2);
        assertThat(r.neuron(2).serverEmission()).isEqualTo(EMISSION / 2);
        // an inactive validator keeps its permit (permits come from S, not A)
        assertThat(r.neuron(1).validatorPermit()).isTrue();
    }

    @ParameterizedTest(name = "last_update {0} + cutoff 50 vs block 100 -> active={1}")
    @CsvSource({"49, false", "50, true", "51, true", "100, true"})
    void activityBoundaryIsStrict(long lastUpdate, boolean active) {
        Params p = new Params();
        p.activityCutoff = 50;
        EpochResult r = run(p, validator(1).weights(1, 1).lastUpdate(lastUpdate), miner());
        assertThat(r.neuron(0).active()).isEqualTo(active);
        assertThat(r.activeStakeBits()[0]).isEqualTo(active ? ONE_BITS : 0);
    }

    @Test
    void hugeActivityCutoffNeverDeactivates() {
        // last_update + cutoff saturates in u64 and is never < block (docs/spec/yuma.md §3.1). With a cutoff
        // of 2^63 - 1 the sum 2^63 + 9 is a valid u64; compared as a signed long it is negative.
        Params p = new Params();
        p.activityCutoff = Long.MAX_VALUE;
        EpochResult r = run(p, validator(1).weights(1, 1).lastUpdate(10), miner());
        assertThat(r.neuron(0).active()).isTrue();
        assertThat(r.activeStakeBits()[0]).isEqualTo(ONE_BITS);
    }

    @Test
    void allInactiveFallsBackToStakeForValidatorEmission() {
        Params p = new Params();
        p.activityCutoff = 0;
        // nobody updated at BLOCK: A is all zero, I and D are zero, so the validator share is S
        EpochResult r = run(p, validator(3000).lastUpdate(1), validator(1000).lastUpdate(1), miner());
        assertThat(r.activeStakeBits()).containsOnly(0L);
        assertThat(r.neuron(0).validatorEmission()).isEqualTo(750_000_000L);
        assertThat(r.neuron(1).validatorEmission()).isEqualTo(250_000_000L);
        assertThat(r.neuron(0).emission()).isEqualTo(750_000_000L);
        assertThat(r.neuron(2).emission()).isZero();
        assertThat(r.totalDistributed()).isEqualTo(EMISSION);
    }

    @Test
    void noWeightsFallsBackToActiveStake() {
        // uid1 is inactive, so A = [1, 0, 0] and all of the emission goes to uid0
        Params p = new Params();
        p.activityCutoff = 50;
        EpochResult r = run(p, validator(3000), validator(1000).lastUpdate(1), miner());
        assertThat(r.incentiveBits()).containsOnly(0L);
        assertThat(r.dividendsBits()).containsOnly(0L);
        assertThat(r.neuron(0).validatorEmission()).isEqualTo(EMISSION);
        assertThat(r.neuron(1).validatorEmission()).isZero();
        assertThat(r.neuron(0).serverEmission()).isZero();
    }

    // ------------------------------------------------------------ owner, diagonal, threshold

    @Test
    void ownerSelfWeightIsKeptOtherDiagonalsDropped() {
        Params p = new Params();
        p.owner = 0;
        // the owner's stored permit is false: it is forced true
        N owner = new N(3000).weights(0, 65535, 2, 65535);
        N other = validator(1000).weights(1, 65535, 2, 65535);
        EpochResult r = run(p, owner, other, miner());

        // A = [.75, .25, 0]; W0 = {0: .5, 2: .5}, W1 = {2: 1} (self-weight dropped)
        assertThat(r.activeStakeBits()).containsExactly(3 * ONE_BITS / 4, ONE_BITS / 4, 0);
        // C0 = .5 (only the owner scores uid0); C1 = 0; C2: .75 at .5 vs .25 at 1 -> .5
        assertThat(r.consensusBits()).containsExactly(HALF, 0, HALF);
        // clipped: W0 = {0: .5, 2: .5}, W1 = {2: .5}: VT = [1, .5, 0]
        assertThat(r.validatorTrustBits()).containsExactly(ONE_BITS, HALF, 0);
        // R = [.75*.5, 0, .75*.5 + .25*.5] = [.375, 0, .5] -> I = [3/7, 0, 4/7]
        assertThat(r.incentiveBits()[1]).isZero();
        assertThat(frac(r.incentiveBits()[0])).isCloseTo(3.0 / 7, within(1e-9));
        assertThat(frac(r.incentiveBits()[2])).isCloseTo(4.0 / 7, within(1e-9));
        assertThat(r.neuron(0).incentive()).isEqualTo(28086); // floor(3/7 * 65535) = 28086
        assertThat(r.neuron(0).validatorPermit()).isTrue();
        assertThat(r.neuron(0).serverEmission()).isPositive();
    }

    @Test
    void withoutOwnerEveryDiagonalIsDropped() {
        Params p = new Params();
        EpochResult r = run(
                p, validator(3000).weights(0, 65535, 2, 65535), validator(1000).weights(1, 65535, 2, 65535), miner());
        assertThat(r.incentiveBits()).containsExactly(0, 0, ONE_BITS);
        assertThat(r.consensusBits()).containsExactly(0, 0, ONE_BITS);
    }

    @Test
    void ownerKeepsAPermitEvenWithNoValidatorSlots() {
        Params p = new Params();
        p.owner = 1;
        p.maxAllowedValidators = 0;
        EpochResult r = run(p, validator(1000), new N(5), miner());
        assertThat(r.neurons()).extracting(NeuronResult::validatorPermit).containsExactly(false, true, false);
        // uid0 lost its permit: its bond row is cleared; the owner's row is written
        assertThat(r.neuron(0).bonds()).isEqualTo(SparseRow.EMPTY);
        assertThat(r.neuron(1).bonds()).isNotNull();
        assertThat(r.neuron(2).bonds()).isNull();
    }

    @Test
    void stakeThresholdZeroesSmallStakesExceptTheOwners() {
        Params p = new Params();
        p.stakeThreshold = 500;
        p.owner = 0;
        EpochResult r = run(p, new N(100), validator(100), validator(1000));
        // the owner's 100 counts; uid1's 100 < 500 does not: S = [100, 0, 1000] / 1100, floored
        assertThat(r.stakeBits()).containsExactly((100L << 32) / 1100, 0, (1000L << 32) / 1100);
        assertThat(r.stakeBits()[0]).isEqualTo(390451572L);
        assertThat(r.neurons()).extracting(NeuronResult::validatorPermit).containsExactly(true, false, true);

        p.owner = -1;
        EpochResult noOwner = run(p, new N(100), validator(100), validator(1000));
        assertThat(noOwner.stakeBits()).containsExactly(0, 0, ONE_BITS);
    }

    @Test
    void stakeAtTheThresholdCounts() {
        Params p = new Params();
        p.stakeThreshold = 500;
        EpochResult r = run(p, validator(500), validator(499));
        assertThat(r.stakeBits()).containsExactly(ONE_BITS, 0);
    }

    // ------------------------------------------------------------ weight masks

    @Test
    void outdatedWeightsAreMasked() {
        // uid0 last set weights at 50; uid1 registered at 50 (<= : masked), uid2 at 49 (kept)
        EpochResult r = run(
                new Params(),
                validator(1000).weights(1, 65535, 2, 65535).lastUpdate(50),
                miner().registeredAt(50),
                miner().registeredAt(49));
        assertThat(r.consensusBits()).containsExactly(0, 0, ONE_BITS);
        assertThat(r.incentiveBits()).containsExactly(0, 0, ONE_BITS);
        assertThat(r.neuron(1).serverEmission()).isZero();

        EpochResult control = run(
                new Params(),
                validator(1000).weights(1, 65535, 2, 65535).lastUpdate(50),
                miner().registeredAt(49),
                miner().registeredAt(49));
        assertThat(control.incentiveBits()).containsExactly(0, HALF, HALF);
    }

    @Test
    void commitRevealMasksColumnsRegisteredAfterTheEarliestCommit() {
        Params p = new Params();
        p.commitReveal = true;
        // commit at 40: uid1 registered at 41 (40 < 41: masked); uid2 at 40 (kept)
        N v = validator(1000).weights(1, 65535, 2, 65535).lastUpdate(60).commit(40);
        EpochResult r = run(p, v, miner().registeredAt(41), miner().registeredAt(40));
        assertThat(r.incentiveBits()).containsExactly(0, 0, ONE_BITS);

        p.commitReveal = false;
        EpochResult off = run(p, v, miner().registeredAt(41), miner().registeredAt(40));
        assertThat(off.incentiveBits()).containsExactly(0, HALF, HALF);

        p.commitReveal = true;
        N noCommit = validator(1000).weights(1, 65535, 2, 65535).lastUpdate(60);
        EpochResult none = run(p, noCommit, miner().registeredAt(41), miner().registeredAt(40));
        assertThat(none.incentiveBits()).containsExactly(0, HALF, HALF);
    }

    @Test
    void rowsOfUidsWithoutAnOldPermitAreIgnored() {
        // uid1 has more stake but no stored permit: its weights (to uid3) do not count this epoch,
        // and its active stake is 0, yet it earns a new permit
        EpochResult r =
                run(new Params(), validator(100).weights(2, 65535), new N(900).weights(3, 65535), miner(), miner());
        assertThat(r.activeStakeBits()).containsExactly(ONE_BITS, 0, 0, 0);
        assertThat(r.incentiveBits()).containsExactly(0, 0, ONE_BITS, 0);
        assertThat(r.neuron(1).validatorPermit()).isTrue();
    }

    // ------------------------------------------------------------ permits

    @Test
    void topKKeepsTheHigherUidsAmongEqualStakes() {
        Params p = new Params();
        p.maxAllowedValidators = 2;
        EpochResult r = run(p, validator(100), validator(100), validator(100), validator(50));
        // stable ascending sort: [3, 0, 1, 2]; the first n - k = 2 (uids 3 and 0) lose
        assertThat(r.neurons()).extracting(NeuronResult::validatorPermit).containsExactly(false, true, true, false);
    }

    @Test
    void topKNonZeroDirectly() {
        assertThat(Epoch.topKNonZero(new long[] {5, 5, 5}, 1)).containsExactly(false, false, true);
        assertThat(Epoch.topKNonZero(new long[] {3, 1, 2}, 2)).containsExactly(true, false, true);
        // n < k: every non-zero uid
        assertThat(Epoch.topKNonZero(new long[] {0, 0, 1}, 5)).containsExactly(false, false, true);
        // n == k: nothing dropped by the sort, zeros still excluded
        assertThat(Epoch.topKNonZero(new long[] {0, 1}, 2)).containsExactly(false, true);
        // k = 0: nobody
        assertThat(Epoch.topKNonZero(new long[] {7, 8}, 0)).containsExactly(false, false);
        // zeros are never promoted even when k exceeds the non-zero count
        assertThat(Epoch.topKNonZero(new long[] {0, 0, 0, 4}, 3)).containsExactly(false, false, false, true);
        assertThat(Epoch.topKNonZero(new long[0], 3)).isEmpty();
    }

    @Test
    void bondRowsAreWrittenOnlyForNewPermitsAndClearedForLostOnes() {
        Params p = new Params();
        p.maxAllowedValidators = 2;
        EpochResult r = run(
                p,
                validator(10).weights(3, 65535).bonds(3, 65535), // loses its permit
                validator(1000).weights(3, 65535), // keeps its permit
                new N(1000).bonds(3, 65535), // gains a permit
                miner().bonds(0, 123)); // never had one
        assertThat(r.neurons()).extracting(NeuronResult::validatorPermit).containsExactly(false, true, true, false);

        assertThat(r.neuron(0).bonds()).as("lost permit: cleared").isEqualTo(SparseRow.EMPTY);
        assertThat(r.neuron(1).bonds()).as("kept permit: written").isNotNull();
        assertThat(r.neuron(1).bonds().dests()).containsExactly(3);
        // uid2 had no permit so it had no weights this epoch, but its decayed bond is written back
        assertThat(r.neuron(2).bonds()).isNotNull();
        assertThat(r.neuron(2).bonds().dests()).containsExactly(3);
        assertThat(r.neuron(2).bonds().value(0)).isBetween(1, 65535);
        assertThat(r.neuron(3).bonds()).as("no permit either side: untouched").isNull();
    }

    @Test
    void recentlyRegisteredColumnsLoseTheirOldBonds() {
        // last_tempo = block - tempo = 90: a column registered at >= 90 is dropped from B
        Params p = new Params();
        EpochResult fresh =
                run(p, validator(1000).weights(1, 65535).bonds(1, 65535, 2, 65535), miner(), miner().registeredAt(90));
        assertThat(fresh.neuron(0).bonds().dests()).containsExactly(1);

        EpochResult old =
                run(p, validator(1000).weights(1, 65535).bonds(1, 65535, 2, 65535), miner(), miner().registeredAt(89));
        assertThat(old.neuron(0).bonds().dests()).containsExactly(1, 2);
        // Yuma 2: column 2 holds only uid0's decayed bond, which is its column's max
        assertThat(old.neuron(0).bonds().valueFor(2)).isEqualTo(65535);
    }

    @Test
    void lastTempoIsComparedAsAnUnsignedBlockNumber() {
        // last_tempo = last_mechanism_step_block + 1 (saturating u64). With a step block of
        // 2^63 - 1, last_tempo is 2^63, a valid u64 that is > registered_at = 0, so no column is
        // recently registered and the old bond survives (decayed, then column-max-upscaled back to
        // 65535). As a signed long 2^63 is negative and every column would be dropped.
        SubnetSnapshot snap = new SubnetSnapshot(
                new Params().build(),
                List.of(validator(1000).bonds(1, 65535).build(), miner().build()),
                BLOCK,
                Long.MAX_VALUE,
                EMISSION);
        assertThat(Epoch.run(snap).neuron(0).bonds()).isEqualTo(row(1, 65535));
        // control: an ordinary step block (last_tempo 51 > 0) keeps the bond the same way
        SubnetSnapshot ordinary = new SubnetSnapshot(
                new Params().build(),
                List.of(validator(1000).bonds(1, 65535).build(), miner().build()),
                BLOCK,
                50,
                EMISSION);
        assertThat(Epoch.run(ordinary).neuron(0).bonds()).isEqualTo(row(1, 65535));
    }

    @Test
    void lastTempoFromTheStepBlockDropsColumnsRegisteredSince() {
        // last_mechanism_step_block = 80 -> last_tempo = 81: a column registered at 81 is dropped,
        // one registered at 80 is kept
        SubnetSnapshot dropped = new SubnetSnapshot(
                new Params().build(),
                List.of(
                        validator(1000).bonds(1, 65535).build(),
                        miner().registeredAt(81).build()),
                BLOCK,
                80,
                EMISSION);
        assertThat(Epoch.run(dropped).neuron(0).bonds()).isEqualTo(SparseRow.EMPTY);
        SubnetSnapshot kept = new SubnetSnapshot(
                new Params().build(),
                List.of(
                        validator(1000).bonds(1, 65535).build(),
                        miner().registeredAt(80).build()),
                BLOCK,
                80,
                EMISSION);
        assertThat(Epoch.run(kept).neuron(0).bonds()).isEqualTo(row(1, 65535));
    }

    @Test
    void yuma2BondsAreColumnMaxUpscaled() {
        // two validators, equal stake, both weighting uid2 fully: equal bonds, both at the max
        EpochResult r = run(
                new Params(), validator(500).weights(2, 65535), validator(500).weights(2, 65535), miner());
        assertThat(r.neuron(0).bonds()).isEqualTo(row(2, 65535));
        assertThat(r.neuron(1).bonds()).isEqualTo(row(2, 65535));
        assertThat(r.dividendsBits()).containsExactly(HALF, HALF, 0);
        assertThat(r.neuron(0).validatorEmission()).isEqualTo(EMISSION / 4);
        assertThat(r.neuron(2).serverEmission()).isEqualTo(EMISSION / 2);
    }

    @Test
    void clippingAboveConsensusCostsIncentive() {
        // 3 validators at 1/3 stake each. Two give uid3 everything; one splits with uid4.
        // kappa ~ .5: C3 = 1 (two thirds score it 1), C4 = 0 (two thirds score it 0), so the
        // splitter's .5 on uid4 is clipped away and uid3 receives all incentive
        EpochResult r = run(
                new Params(),
                validator(100).weights(3, 65535),
                validator(100).weights(3, 65535),
                validator(100).weights(3, 65535, 4, 65535),
                miner(),
                miner());
        assertThat(r.consensusBits()).containsExactly(0, 0, 0, ONE_BITS, 0);
        assertThat(r.incentiveBits()).containsExactly(0, 0, 0, ONE_BITS, 0);
        // the splitter's trust is only what survived the clip: min(.5, C3) = .5
        assertThat(r.validatorTrustBits()).containsExactly(ONE_BITS, ONE_BITS, HALF, 0, 0);
        assertThat(r.neuron(4).serverEmission()).isZero();
    }
}
