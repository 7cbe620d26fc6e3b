package org.tao4j.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stake-rescaling branch of {@link Epoch#normalizedStake} (docs/spec/yuma.md §3.2): when the filtered
 * stakes sum to 2^63 rao or more, every stake is first shifted right by {@code bitLength(sum) - 63} bits.
 * No chain reaches it (the supply is below 2^55 rao), but the simulator accepts any stake up to 2^63 - 1
 * per uid. Every expectation below is derived by hand in its comment.
 */
class StakeRescalingTest {

    private static final long TWO_62 = 1L << 62;
    private static final long ONE = 1L << 32; // 1.0 in I32F32

    private static long[] normalise(long... stakes) {
        return Epoch.normalizedStake(
                java.util.Arrays.stream(stakes)
                        .mapToObj(s -> NeuronSnapshot.of(s, 0, 0))
                        .toList(),
                0,
                -1);
    }

    @Test
    void justBelowTheBoundaryIsNotRescaled() {
        // sum = 2^62 + (2^62 - 1) = 2^63 - 1: bitLength 63, no shift.
        // S0 = floor(2^62 * 2^32 / (2^63 - 1)) = floor(2^31 * 2^63 / (2^63 - 1)) = 2^31 (the excess is < 1);
        // S1 = floor((2^62 - 1) * 2^32 / (2^63 - 1)) = 2^31 - 1 (just under one half).
        assertThat(normalise(TWO_62, TWO_62 - 1)).containsExactly(1L << 31, (1L << 31) - 1);
    }

    @Test
    void aSumOfExactly2To63IsHalvedAndKeepsItsShares() {
        // sum = 2 * 2^62 = 2^63: bitLength 64, shift 1 -> [2^61, 2^61], sum 2^62; each is exactly 1/2.
        assertThat(normalise(TWO_62, TWO_62)).containsExactly(ONE / 2, ONE / 2);
    }

    @Test
    void aSumOf2To64IsShiftedByTwo() {
        // four stakes of 2^62: sum 2^64, bitLength 65, shift 2 -> each 2^60, sum 2^62; each share 1/4 = 2^30.
        assertThat(normalise(TWO_62, TWO_62, TWO_62, TWO_62)).containsExactly(1L << 30, 1L << 30, 1L << 30, 1L << 30);
    }

    @Test
    void theShiftDropsLowBitsSoATinyStakeBecomesZero() {
        // [2^63 - 1, 1, 3]: sum 2^63 + 3, bitLength 64, shift 1 -> [2^62 - 1, 0, 1], new sum 2^62.
        // S0 = floor((2^62 - 1) * 2^32 / 2^62) = 2^32 - 1 (2^32 - 2^-30, floored);
        // S1 = 0 (its stake shifted to 0); S2 = floor(1 * 2^32 / 2^62) = 0.
        assertThat(normalise(Long.MAX_VALUE, 1, 3)).containsExactly(ONE - 1, 0L, 0L);
    }

    @Test
    void theEpochGivesNoPermitToAStakeRescaledToZero() {
        // Through the whole epoch: stakes [2^62, 2^62 - 1, 1] sum to 2^63 (bitLength 64), shift 1 ->
        // [2^61, 2^61 - 1, 0]; uid 2's normalised stake is 0, so it gets no permit
        // (a zero stake never does), while uids 0 and 1 do. No weights: emission follows the active stake,
        // and uid 2 has none, so validator emission goes to 0 and 1 only.
        long block = 10;
        List<NeuronSnapshot> ns = List.of(
                NeuronSnapshot.of(TWO_62, block, 0),
                NeuronSnapshot.of(TWO_62 - 1, block, 0),
                NeuronSnapshot.of(1, block, 0));
        EpochParams p =
                new EpochParams(1, 1000, 32767, 65535, 900_000, 8, false, false, 45875, 58982, 1000, 0, -1, false);
        EpochResult r = Epoch.run(new SubnetSnapshot(p, ns, block, 0, 1_000_000_000L));
        assertThat(r.neurons()).extracting(NeuronResult::validatorPermit).containsExactly(true, true, false);
        // no old permits: active stake is all 0, so validator and combined emission fall back to S:
        // S0 = floor(2^61 * 2^32 / (2^62 - 1)) = 2^31 (excess < 1), S1 = floor((2^61 - 1) * 2^32 / (2^62 - 1)) = 2^31 -
        // 1.
        // emission_i = floor(S_i * 1e9 / 2^32): uid 0 -> 5e8; uid 1 -> floor((2^31 - 1) * 1e9 / 2^32) = 499999999.
        assertThat(r.neurons()).extracting(NeuronResult::emission).containsExactly(500_000_000L, 499_999_999L, 0L);
    }
}
