package org.tao4j.consensus.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tao4j.consensus.EpochParams;
import org.tao4j.consensus.NeuronResult;
import org.tao4j.consensus.SparseRow;
import org.tao4j.consensus.scenario.ScenarioRunner.EpochRecord;

/**
 * Edge cases of docs/spec/yuma.md driven through the scenario runner (docs/spec/yuma-scenario.md), with the expected
 * integers derived by hand in the comments: n = 1, zero stake, zero weights, kappa and
 * bonds-penalty extremes, moving-average extremes, liquid-alpha bounds, permit ties, inactive and
 * outdated weights, emission flooring, and u64 block numbers.
 */
class ScenarioEdgeCaseTest {

    static final long E = 1_000_000_000L;

    /** Mutable parameters, starting from the scenario defaults (docs/spec/yuma-scenario.md). */
    static final class P {
        long tempo = 1;
        long cutoff = 1000;
        int kappa = 32767;
        int bondsPenalty = 65535;
        long bma = 900_000;
        int maxValidators = 8;
        boolean yuma3;
        boolean liquid;
        int alphaLow = 45875;
        int alphaHigh = 58982;
        int steepness = 1000;

        EpochParams build() {
            return new EpochParams(
                    tempo,
                    cutoff,
                    kappa,
                    bondsPenalty,
                    bma,
                    maxValidators,
                    yuma3,
                    liquid,
                    alphaLow,
                    alphaHigh,
                    steepness,
                    0,
                    -1,
                    false);
        }
    }

    static List<EpochRecord> run(P p, long emission, long[] stakes, Scenario.Step... steps) {
        List<Scenario.InitialNeuron> ns = new ArrayList<>();
        for (long s : stakes) {
            ns.add(new Scenario.InitialNeuron(s, 0, 0));
        }
        return ScenarioRunner.run(new Scenario("t", p.build(), emission, ns, List.of(steps), null));
    }

    static Scenario.SetWeights w(int uid, long block, int... destValue) {
        int[] d = new int[destValue.length / 2];
        int[] v = new int[destValue.length / 2];
        for (int k = 0; k < d.length; k++) {
            d[k] = destValue[2 * k];
            v[k] = destValue[2 * k + 1];
        }
        return new Scenario.SetWeights(uid, block, d, v);
    }

    static Scenario.RunEpoch epoch(long block) {
        return new Scenario.RunEpoch(block, 0);
    }

    static NeuronResult nr(EpochRecord e, int uid) {
        return e.result().neuron(uid);
    }

    static SparseRow bonds(EpochRecord e, int uid) {
        return e.bondsAfter().get(uid);
    }

    static SparseRow row(int... destValue) {
        int[] d = new int[destValue.length / 2];
        int[] v = new int[destValue.length / 2];
        for (int k = 0; k < d.length; k++) {
            d[k] = destValue[2 * k];
            v[k] = destValue[2 * k + 1];
        }
        return SparseRow.of(d, v);
    }

    // ------------------------------------------------------------------ n = 1, zero stake, zero weights

    @Test
    void singleNeuronTakesTheWholeEmissionAsValidator() {
        P p = new P();
        p.cutoff = 10;
        List<EpochRecord> r = run(p, E, new long[] {5}, epoch(1), w(0, 2, 0, 65535), epoch(3), epoch(30));
        // epoch 1: no old permit -> A = 0 -> sum of I + D = 0 -> shares fall back to S = [1]
        // epoch 3: the self-weight is dropped -> W empty -> fallback to A = [1]
        // epoch 30: 2 + 10 < 30, inactive -> A = 0 -> fallback to S again
        for (EpochRecord e : r) {
            NeuronResult n = nr(e, 0);
            assertThat(n.validatorPermit()).isTrue();
            assertThat(n.emission()).isEqualTo(E);
            assertThat(n.validatorEmission()).isEqualTo(E);
            assertThat(n.serverEmission()).isZero();
            assertThat(n.consensus()).isZero();
            assertThat(n.incentive()).isZero();
            assertThat(bonds(e, 0)).isEqualTo(SparseRow.EMPTY);
        }
        assertThat(nr(r.get(1), 0).active()).isTrue();
        assertThat(nr(r.get(2), 0).active()).isFalse();
    }

    @Test
    void theWholeU64EmissionGoesToALoneNeuron() {
        // share = 1 exactly: floor(2^32 * (2^64 - 1) / 2^32) = 2^64 - 1 (held as the bits of -1L)
        List<EpochRecord> r = run(new P(), -1L, new long[] {1}, epoch(1));
        assertThat(Long.toUnsignedString(nr(r.get(0), 0).emission())).isEqualTo("18446744073709551615");
        assertThat(nr(r.get(0), 0).validatorEmission()).isEqualTo(-1L);
    }

    @ParameterizedTest(name = "yuma3={0}")
    @ValueSource(booleans = {false, true})
    void allStakeZeroPaysNothingAndGrantsNoPermit(boolean yuma3) {
        P p = new P();
        p.yuma3 = yuma3;
        List<EpochRecord> r = run(p, E, new long[] {0, 0, 0}, epoch(1), w(0, 2, 1, 5, 2, 7), w(1, 2, 2, 1), epoch(3));
        for (EpochRecord e : r) {
            for (NeuronResult n : e.result().neurons()) {
                assertThat(n.validatorPermit()).isFalse();
                assertThat(n.emission()).isZero();
                assertThat(n.serverEmission()).isZero();
                assertThat(n.validatorEmission()).isZero();
                assertThat(n.consensus()).isZero();
                assertThat(n.validatorTrust()).isZero();
            }
        }
    }

    @ParameterizedTest(name = "yuma3={0}")
    @ValueSource(booleans = {false, true})
    void allWeightsZeroFallsBackToActiveStake(boolean yuma3) {
        P p = new P();
        p.yuma3 = yuma3;
        // two validators with stake 1 each: A = [1/2, 1/2] exactly; their weights are all zero, so
        // C = I = D = 0, the EMA has no positive entry, and the emission follows A
        List<EpochRecord> r =
                run(p, E, new long[] {1, 1, 0, 0}, epoch(1), w(0, 1, 2, 0, 3, 0), w(1, 1, 2, 0, 3, 0), epoch(2));
        EpochRecord e = r.get(1);
        for (int v = 0; v < 2; v++) {
            assertThat(nr(e, v).validatorEmission()).isEqualTo(E / 2);
            assertThat(nr(e, v).dividends()).isZero();
            assertThat(nr(e, v).validatorTrust()).isZero();
            assertThat(bonds(e, v)).isEqualTo(SparseRow.EMPTY);
        }
        for (int m = 2; m < 4; m++) {
            assertThat(nr(e, m).emission()).isZero();
            assertThat(nr(e, m).consensus()).isZero();
            assertThat(nr(e, m).incentive()).isZero();
        }
    }

    // ------------------------------------------------------------------ kappa, bonds penalty

    /**
     * Validators 0 and 1 hold stake 1 each (A = [1/2, 1/2] exactly). uid 0 sets [1, 1] -> u16
     * [65535, 65535] -> W = [1/2, 1/2]; uid 1 sets [1, 3] -> [21845, 65535] -> W = [1/4, 3/4],
     * all exact in I32F32. With kappa = 65535 (kappa = 1, minority = 0) the quickselect returns the
     * lowest value of each column: C = [1/4, 1/2]. With kappa = 0 (minority = 1) it returns the
     * highest: C = [1/2, 3/4].
     */
    static List<EpochRecord> twoValidatorsTwoMiners(P p) {
        return run(p, E, new long[] {1, 1, 0, 0}, epoch(1), w(0, 1, 2, 1, 3, 1), w(1, 1, 2, 1, 3, 3), epoch(2));
    }

    @Test
    void kappaMaxTakesTheLowestWeightOfEachColumn() {
        P p = new P();
        p.kappa = 65535;
        EpochRecord e = twoValidatorsTwoMiners(p).get(1);
        // C = [1/4, 1/2] -> floor(x * 65535) = 16383, 32767
        assertThat(nr(e, 2).consensus()).isEqualTo(16383);
        assertThat(nr(e, 3).consensus()).isEqualTo(32767);
        // clipped rows are [1/4, 1/2] for both validators: VT = 3/4 -> 49151
        assertThat(nr(e, 0).validatorTrust()).isEqualTo(49151);
        assertThat(nr(e, 1).validatorTrust()).isEqualTo(49151);
        // R = [1/4, 1/2] -> I = [floor(2^32/3), floor(2^33/3)] bits -> 21844, 43689
        assertThat(nr(e, 2).incentive()).isEqualTo(21844);
        assertThat(nr(e, 3).incentive()).isEqualTo(43689);
        // bonds penalty 1: both validators bond the clipped rows, so they earn alike
        assertThat(nr(e, 0).dividends()).isEqualTo(nr(e, 1).dividends()).isEqualTo(32767);
        assertThat(nr(e, 0).validatorEmission()).isEqualTo(E / 4);
        assertThat(nr(e, 1).validatorEmission()).isEqualTo(E / 4);
        // server shares I / 2: floor(1431655765 * 1e9 / 2^33) and floor(2863311530 * 1e9 / 2^33)
        assertThat(nr(e, 2).serverEmission()).isEqualTo(166_666_666L);
        assertThat(nr(e, 3).serverEmission()).isEqualTo(333_333_333L);
    }

    @Test
    void kappaZeroTakesTheHighestWeightOfEachColumn() {
        P p = new P();
        p.kappa = 0;
        EpochRecord e = twoValidatorsTwoMiners(p).get(1);
        // C = [1/2, 3/4] -> 32767, 49151; nothing is clipped: VT = 1 -> 65535
        assertThat(nr(e, 2).consensus()).isEqualTo(32767);
        assertThat(nr(e, 3).consensus()).isEqualTo(49151);
        assertThat(nr(e, 0).validatorTrust()).isEqualTo(65535);
        assertThat(nr(e, 1).validatorTrust()).isEqualTo(65535);
        // R = [1/2 * 1/2 + 1/2 * 1/4, 1/2 * 1/2 + 1/2 * 3/4] = [3/8, 5/8], already normalised
        assertThat(nr(e, 2).incentive()).isEqualTo(24575);
        assertThat(nr(e, 3).incentive()).isEqualTo(40959);
        assertThat(nr(e, 2).serverEmission()).isEqualTo(187_500_000L);
        assertThat(nr(e, 3).serverEmission()).isEqualTo(312_500_000L);
    }

    @Test
    void bondsPenaltyDecidesWhetherWeightAboveConsensusEarnsBonds() {
        P p = new P();
        p.kappa = 65535; // C = [1/4, 1/2]: uid 0 is above consensus on miner 2, uid 1 on miner 3
        int[] d1 = new int[3];
        int k = 0;
        for (int penalty : new int[] {0, 32768, 65535}) {
            p.bondsPenalty = penalty;
            EpochRecord e = twoValidatorsTwoMiners(p).get(1);
            d1[k++] = nr(e, 1).dividends();
            // incentive and consensus do not depend on the penalty
            assertThat(nr(e, 3).incentive()).isEqualTo(43689);
            assertThat(nr(e, 0).dividends() + nr(e, 1).dividends()).isBetween(65533, 65535);
        }
        // uid 1's excess weight is on the higher-incentive miner: it earns most with penalty 0,
        // less with 1/2, and exactly as much as uid 0 with penalty 1
        assertThat(d1[0]).isGreaterThan(d1[1]);
        assertThat(d1[1]).isGreaterThan(d1[2]);
        assertThat(d1[2]).isEqualTo(32767);
    }

    // ------------------------------------------------------------------ moving average extremes

    @Test
    void yuma2MovingAverageOfOneMillionNeverFormsBonds() {
        P p = new P();
        p.bma = 1_000_000; // alpha = 0: EMA = B, and B starts empty
        List<EpochRecord> r = run(p, E, new long[] {1, 0}, epoch(1), w(0, 1, 1, 1), epoch(2), w(0, 2, 1, 1), epoch(3));
        for (EpochRecord e : r.subList(1, 3)) {
            assertThat(bonds(e, 0)).isEqualTo(SparseRow.EMPTY);
            assertThat(nr(e, 0).dividends()).isZero();
            // D = 0, so the sum is I alone and the miner takes everything
            assertThat(nr(e, 0).validatorEmission()).isZero();
            assertThat(nr(e, 1).serverEmission()).isEqualTo(E);
        }
    }

    @Test
    void yuma2MovingAverageOfZeroForgetsOldBondsAtOnce() {
        P p = new P();
        p.bma = 0; // alpha = 1: EMA = delta B
        List<EpochRecord> r =
                run(p, E, new long[] {1, 0, 0}, epoch(1), w(0, 1, 1, 1), epoch(2), w(0, 2, 2, 1), epoch(3));
        assertThat(bonds(r.get(1), 0)).isEqualTo(row(1, 65535));
        assertThat(bonds(r.get(2), 0)).isEqualTo(row(2, 65535));
    }

    @ParameterizedTest(name = "yuma3={0}, bma={1}")
    @CsvSource({"false, 1500000", "true, 1500000", "false, 999999", "true, 999999", "true, 1000000", "true, 0"})
    void movingAverageExtremesStayInRange(boolean yuma3, long bma) {
        P p = new P();
        p.yuma3 = yuma3;
        p.bma = bma;
        List<EpochRecord> r = run(
                p,
                E,
                new long[] {3, 1, 0, 0},
                epoch(1),
                w(0, 1, 2, 1, 3, 2),
                w(1, 1, 2, 2, 3, 1),
                epoch(2),
                w(0, 2, 2, 2, 3, 1),
                epoch(3),
                epoch(4));
        for (EpochRecord e : r) {
            long total = 0;
            for (NeuronResult n : e.result().neurons()) {
                assertThat(n.emission()).isBetween(0L, E);
                total += n.serverEmission() + n.validatorEmission();
            }
            assertThat(total).isBetween(E - 8, E);
        }
    }

    @Test
    void yuma3BondsClimbByAlphaEachEpoch() {
        P p = new P();
        p.yuma3 = true; // no liquid alpha: alpha = 1 - floor(0.9 * 2^32) / 2^32 = 429496730 bits
        List<EpochRecord> r = run(p, E, new long[] {1, 0}, epoch(1), w(0, 1, 1, 1), epoch(2), epoch(3), epoch(4));
        // epoch 2: b = alpha * 1 -> floor(429496730 * 65535 / 2^32) = 6553
        assertThat(bonds(r.get(1), 0)).isEqualTo(row(1, 6553));
        int prev = 6553;
        for (EpochRecord e : r.subList(2, 4)) {
            int b = bonds(e, 0).valueFor(1);
            assertThat(b).isGreaterThan(prev).isLessThan(65535);
            prev = b;
        }
    }

    // ------------------------------------------------------------------ liquid alpha

    @Test
    void liquidAlphaWithLowAboveHighUsesLow() {
        P p = new P();
        p.yuma3 = true;
        p.liquid = true;
        p.bondsPenalty = 0;
        p.alphaLow = 65535; // clamp: min(x, high) then max(., low) -> low = 1
        p.alphaHigh = 0;
        List<EpochRecord> r = run(p, E, new long[] {1, 0, 0}, epoch(1), w(0, 1, 1, 1, 2, 3), epoch(2));
        // alpha = 1: b' = min(1, 0 * b + w) = w = [1/4, 3/4] -> 16383, 49151
        assertThat(bonds(r.get(1), 0)).isEqualTo(row(1, 16383, 2, 49151));
    }

    @Test
    void liquidAlphaWithZeroSteepnessIsTheMidpoint() {
        P p = new P();
        p.yuma3 = true;
        p.liquid = true;
        p.alphaLow = 0;
        p.alphaHigh = 65535;
        p.steepness = 0; // exp(0) = 1 -> sigmoid = 1/2 -> alpha = 0 + 1/2 * (1 - 0) = 1/2 exactly
        List<EpochRecord> r = run(p, E, new long[] {1, 0}, epoch(1), w(0, 1, 1, 1), epoch(2));
        // w = 1, b = 0: b' = 1/2 -> 32767
        assertThat(bonds(r.get(1), 0)).isEqualTo(row(1, 32767));
    }

    @Test
    void liquidAlphaIsIgnoredByYuma2() {
        P plain = new P();
        P liquid = new P();
        liquid.liquid = true;
        liquid.alphaLow = 0;
        liquid.alphaHigh = 65535;
        List<EpochRecord> a = twoValidatorsTwoMiners(plain);
        List<EpochRecord> b = twoValidatorsTwoMiners(liquid);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).result().neurons()).isEqualTo(a.get(i).result().neurons());
        }
    }

    // ------------------------------------------------------------------ permits

    @Test
    void permitTiesGoToTheHigherUids() {
        P p = new P();
        p.maxValidators = 2;
        // stable ascending sort of S = [s, s, s, 0]: order 3, 0, 1, 2; the lowest n - k = 2 lose
        List<EpochRecord> r = run(p, E, new long[] {5, 5, 5, 0}, epoch(1));
        assertThat(r.get(0).result().neurons())
                .extracting(NeuronResult::validatorPermit)
                .containsExactly(false, true, true, false);
    }

    @ParameterizedTest(name = "max_allowed_validators={0}")
    @CsvSource({
        "0, false, false, false",
        "1, false, true, false",
        "3, true, true, false",
        "4, true, true, false",
        "9, true, true, false"
    })
    void permitsNeverGoToZeroStake(int k, boolean p0, boolean p1, boolean p2) {
        P p = new P();
        p.maxValidators = k;
        List<EpochRecord> r = run(p, E, new long[] {1, 2, 0}, epoch(1));
        assertThat(r.get(0).result().neurons())
                .extracting(NeuronResult::validatorPermit)
                .containsExactly(p0, p1, p2);
    }

    @Test
    void aValidatorThatLosesItsPermitLosesItsBondsAndItsVote() {
        P p = new P();
        p.maxValidators = 1;
        List<EpochRecord> r = run(
                p,
                E,
                new long[] {2, 1, 0, 0},
                epoch(1),
                w(0, 1, 2, 1),
                epoch(2),
                new Scenario.SetStake(1, 3),
                w(1, 2, 3, 1),
                epoch(3),
                epoch(4));
        assertThat(bonds(r.get(1), 0)).isEqualTo(row(2, 65535));
        // epoch 3: uid 1 now has more stake and takes the only permit; uid 0 still votes with its
        // old permit, then its bond row is cleared
        assertThat(nr(r.get(2), 1).validatorPermit()).isTrue();
        assertThat(nr(r.get(2), 0).validatorPermit()).isFalse();
        assertThat(nr(r.get(2), 2).incentive()).isEqualTo(65535);
        assertThat(bonds(r.get(2), 0)).isEqualTo(SparseRow.EMPTY);
        // epoch 4: only uid 1's weights count
        assertThat(nr(r.get(3), 3).incentive()).isEqualTo(65535);
        assertThat(nr(r.get(3), 2).incentive()).isZero();
    }

    // ------------------------------------------------------------------ activity, outdated weights

    @Test
    void anInactiveValidatorDoesNotVote() {
        P p = new P();
        p.cutoff = 5;
        List<EpochRecord> r = run(p, E, new long[] {3, 1, 0, 0}, epoch(1), w(0, 1, 2, 1), w(1, 9, 3, 1), epoch(10));
        // uid 0: 1 + 5 < 10 -> inactive, A = [0, 1]: only uid 1's vote for miner 3 counts
        EpochRecord e = r.get(1);
        assertThat(nr(e, 0).active()).isFalse();
        assertThat(nr(e, 2).incentive()).isZero();
        assertThat(nr(e, 3).incentive()).isEqualTo(65535);
        assertThat(nr(e, 0).validatorEmission()).isZero();
        assertThat(nr(e, 1).validatorEmission()).isEqualTo(E / 2);
        assertThat(nr(e, 0).validatorPermit()).as("the permit comes from S").isTrue();
    }

    @Test
    void weightsSetBeforeAReplacementAreOutdated() {
        P p = new P();
        List<EpochRecord> r = run(
                p,
                E,
                new long[] {1, 1, 0},
                epoch(1),
                w(0, 2, 2, 1),
                new Scenario.Replace(2, 3, 0),
                w(1, 4, 2, 1),
                epoch(5),
                w(0, 5, 2, 1),
                epoch(6));
        // epoch 5: uid 0's row (last_update 2 <= registered 3) is dropped; uid 1's counts. Column 2
        // holds [0, 1] over stakes [1/2, 1/2]; kappa = 32767/65535 is just below 1/2, so
        // minority = 1 - kappa > 1/2 = lo + lower stake and the quickselect returns the pivot 1
        EpochRecord e = r.get(1);
        assertThat(nr(e, 0).validatorTrust()).isZero();
        assertThat(nr(e, 1).validatorTrust()).isEqualTo(65535);
        assertThat(nr(e, 2).consensus()).isEqualTo(65535);
        // epoch 6: uid 0 set weights again after the registration: both count
        EpochRecord f = r.get(2);
        assertThat(nr(f, 2).consensus()).isEqualTo(65535);
        assertThat(nr(f, 0).validatorTrust()).isEqualTo(65535);
        assertThat(nr(f, 1).validatorTrust()).isEqualTo(65535);
    }

    // ------------------------------------------------------------------ emission rounding

    @ParameterizedTest(name = "emission {0}")
    @CsvSource({"1000000000, 333333333", "7, 2", "2, 0", "3, 0", "4, 1"})
    void eachShareIsFlooredOnItsOwn(long emission, long each) {
        // S = A = floor(2^32 / 3) = 1431655765 bits each; amount = floor(1431655765 * e / 2^32)
        List<EpochRecord> r = run(new P(), emission, new long[] {1, 1, 1}, epoch(1), epoch(2));
        for (EpochRecord e : r) {
            for (NeuronResult n : e.result().neurons()) {
                assertThat(n.validatorEmission()).isEqualTo(each);
                assertThat(n.emission()).isEqualTo(each);
            }
        }
    }

    // ------------------------------------------------------------------ u64 blocks

    @Test
    void blocksAboveTwoToThe63AreUnsigned() {
        P p = new P();
        p.cutoff = -1L; // u64::MAX: never inactive
        long big = Long.MIN_VALUE + 10; // block 2^63 + 10
        List<EpochRecord> r = run(
                p,
                E,
                new long[] {1, 0, 0},
                epoch(1),
                new Scenario.Replace(2, Long.MIN_VALUE, 0),
                w(0, 5, 1, 1, 2, 1),
                epoch(big),
                epoch(big + 1));
        EpochRecord e = r.get(1);
        // uid 2 registered at 2^63 > last_update 5 (unsigned): uid 0's weight on it is outdated
        assertThat(nr(e, 1).incentive()).isEqualTo(65535);
        assertThat(nr(e, 2).incentive()).isZero();
        // last_tempo = block - tempo = 2^63 + 9 > registered 0: uid 1's bond survives the mask
        assertThat(bonds(e, 0)).isEqualTo(row(1, 65535));
        assertThat(nr(r.get(2), 0).dividends()).isEqualTo(65535);
        assertThat(nr(r.get(2), 0).active()).isTrue();
    }

    @Test
    void yuma3BondsKeepGrowingAtBlocksAboveTwoToThe63() {
        P p = new P();
        p.yuma3 = true;
        p.cutoff = -1L;
        long big = Long.MIN_VALUE + 10;
        // last_tempo = saturating_sub(block, tempo) must be compared unsigned: were it 0, every
        // column would be masked (0 <= registered) and the bond would restart at 6553 each epoch
        List<EpochRecord> r =
                run(p, E, new long[] {1, 0}, epoch(1), w(0, 1, 1, 1), epoch(big), epoch(big + 1), epoch(big + 2));
        assertThat(bonds(r.get(1), 0)).isEqualTo(row(1, 6553));
        assertThat(bonds(r.get(2), 0).valueFor(1)).isGreaterThan(6553);
        assertThat(bonds(r.get(3), 0).valueFor(1))
                .isGreaterThan(bonds(r.get(2), 0).valueFor(1));
    }
}
