package org.tao4j.core.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tao4j.core.supply.EmissionSchedule.TOTAL_SUPPLY;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The issuance-based halving of docs/spec/yuma.md §4. */
class EmissionScheduleTest {

    @Test
    void constants() {
        assertThat(EmissionSchedule.RAO_PER_TAO).isEqualTo(1_000_000_000L);
        assertThat(TOTAL_SUPPLY).isEqualTo(21_000_000_000_000_000L);
        assertThat(EmissionSchedule.DEFAULT_BLOCK_EMISSION).isEqualTo(1_000_000_000L);
    }

    /** The table of docs/spec/yuma.md §4, verbatim. */
    @ParameterizedTest(name = "issuance {0} -> {1} rao")
    @CsvSource({
        "0,                  1000000000",
        "10500000000000000,  500000000",
        "15749999000000000,  500000000",
        "15800000000000000,  250000000",
        "18400000000000000,  125000000",
        "19700000000000000,  62500000",
        "20917970000000000,  3906250",
        "20979493000000000,  976562",
        "20999990500000000,  476",
        "20999999000000000,  59",
        "21000000000000000,  0",
    })
    void halvingTable(long issuance, long emission) {
        assertThat(EmissionSchedule.blockEmission(issuance)).isEqualTo(emission);
    }

    @ParameterizedTest(name = "issuance {0} is in era {1}")
    @CsvSource({
        "0,                  0",
        "1,                  0",
        "10499999999999999,  0",
        "10500000000000000,  1",
        "15749999000000000,  1",
        "15800000000000000,  2",
        "18400000000000000,  3",
        "19700000000000000,  4",
        "20917970000000000,  8",
        "20979493000000000,  10",
        "20999990500000000,  21",
        "20999999000000000,  24",
        "20999999999999999,  32",
        "21000000000000000,  -1",
    })
    void eras(long issuance, int era) {
        assertThat(EmissionSchedule.era(issuance)).isEqualTo(era);
    }

    @Test
    void hundredStepIssuanceLoop() {
        long issuance = 0;
        for (int k = 0; k < 100; k++) {
            issuance += EmissionSchedule.blockEmission(issuance) * 10_500_000L;
        }
        assertThat(issuance).isEqualTo(20_999_999_989_500_000L);
        assertThat(issuance).isLessThan(TOTAL_SUPPLY);
    }

    @Test
    void emissionIsOneTaoOverTwoToTheEra() {
        for (long issuance :
                new long[] {0, 10_500_000_000_000_000L, 20_000_000_000_000_000L, 20_999_999_990_000_000L}) {
            int era = EmissionSchedule.era(issuance);
            long expected = era >= 63 ? 0 : 1_000_000_000L >> era;
            assertThat(EmissionSchedule.blockEmission(issuance))
                    .as("era %d", era)
                    .isEqualTo(expected);
        }
    }

    @Test
    void firstHalving() {
        long next = EmissionSchedule.nextHalvingIssuance(0);
        // q = issuance / 21e15 reaches exactly 1/2 (in 32 fraction bits) at 10.5e15, not before
        assertThat(next).isEqualTo(10_500_000_000_000_000L);
        assertThat(EmissionSchedule.era(next)).isEqualTo(1);
        assertThat(EmissionSchedule.era(next - 1)).isZero();
        assertThat(EmissionSchedule.blockEmission(next)).isLessThan(EmissionSchedule.blockEmission(0));
        assertThat(EmissionSchedule.blockEmission(next - 1)).isEqualTo(EmissionSchedule.blockEmission(0));
        // from anywhere inside era 0 the answer is the same
        assertThat(EmissionSchedule.nextHalvingIssuance(next - 1)).isEqualTo(next);
        assertThat(EmissionSchedule.nextHalvingIssuance(1_234_567_890L)).isEqualTo(next);
    }

    @Test
    void everyHalvingAdvancesOneEraAndHalvesTheEmission() {
        List<Long> boundaries = new ArrayList<>();
        long issuance = 0;
        int era = 0;
        while (true) {
            long next = EmissionSchedule.nextHalvingIssuance(issuance);
            assertThat(next).isGreaterThan(issuance);
            assertThat(EmissionSchedule.era(next - 1))
                    .as("just before halving %d", era)
                    .isEqualTo(era);
            if (next == TOTAL_SUPPLY) {
                break;
            }
            assertThat(EmissionSchedule.era(next)).as("halving %d", era).isEqualTo(era + 1);
            assertThat(EmissionSchedule.blockEmission(next)).isEqualTo(EmissionSchedule.blockEmission(next - 1) / 2);
            boundaries.add(next);
            issuance = next;
            era++;
        }
        // the last era is 32 (1 - q is then one 2^-32 step), whose emission is 0
        assertThat(era).isEqualTo(32);
        assertThat(boundaries).hasSize(32);
        assertThat(boundaries.subList(0, 4))
                .containsExactly(
                        10_500_000_000_000_000L,
                        15_750_000_000_000_000L,
                        18_375_000_000_000_000L,
                        19_687_500_000_000_000L);
        // emission reaches 0 at era 30 (1e9 / 2^30 < 1), well before the cap
        assertThat(EmissionSchedule.blockEmission(boundaries.get(28))).isEqualTo(1); // era 29
        assertThat(EmissionSchedule.blockEmission(boundaries.get(29))).isZero(); // era 30
    }

    @Test
    void atAndAboveTheCap() {
        assertThat(EmissionSchedule.blockEmission(TOTAL_SUPPLY)).isZero();
        assertThat(EmissionSchedule.blockEmission(TOTAL_SUPPLY + 1)).isZero();
        assertThat(EmissionSchedule.blockEmission(Long.MAX_VALUE)).isZero();
        assertThat(EmissionSchedule.era(TOTAL_SUPPLY)).isEqualTo(-1);
        assertThat(EmissionSchedule.era(Long.MAX_VALUE)).isEqualTo(-1);
        assertThat(EmissionSchedule.nextHalvingIssuance(TOTAL_SUPPLY)).isEqualTo(TOTAL_SUPPLY);
        assertThat(EmissionSchedule.nextHalvingIssuance(Long.MAX_VALUE)).isEqualTo(TOTAL_SUPPLY);
        // one rao below the cap is still era 32, emission 0
        assertThat(EmissionSchedule.blockEmission(TOTAL_SUPPLY - 1)).isZero();
        assertThat(EmissionSchedule.nextHalvingIssuance(TOTAL_SUPPLY - 1)).isEqualTo(TOTAL_SUPPLY);
    }

    @Test
    void negativeIssuanceIsRejected() {
        assertThatThrownBy(() -> EmissionSchedule.blockEmission(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmissionSchedule.era(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmissionSchedule.nextHalvingIssuance(Long.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------ properties

    @Provide
    Arbitrary<Long> issuances() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.longs().between(0, TOTAL_SUPPLY + 1_000_000)),
                // dense near the end, where the eras are short
                Tuple.of(2, Arbitraries.longs().between(TOTAL_SUPPLY - 100_000_000_000L, TOTAL_SUPPLY)),
                Tuple.of(1, Arbitraries.longs().between(0, 1_000_000)));
    }

    @Property(tries = 2000)
    void blockEmissionIsNonIncreasingInIssuance(@ForAll("issuances") long a, @ForAll("issuances") long b) {
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        assertThat(EmissionSchedule.blockEmission(lo)).isGreaterThanOrEqualTo(EmissionSchedule.blockEmission(hi));
    }

    @Property(tries = 1000)
    void neighboursNeverIncrease(@ForAll("issuances") long a) {
        // monotone at 1-rao resolution too, and the era never drops except to the final -1
        int e0 = EmissionSchedule.era(a);
        int e1 = EmissionSchedule.era(a + 1);
        if (e1 != -1) {
            assertThat(e1).isBetween(e0, e0 + 1);
        }
        assertThat(EmissionSchedule.blockEmission(a + 1)).isLessThanOrEqualTo(EmissionSchedule.blockEmission(a));
    }

    @Property(tries = 300)
    void nextHalvingIsTheFirstIssuanceOfTheNextEra(@ForAll("issuances") long a) {
        long next = EmissionSchedule.nextHalvingIssuance(a);
        int era = EmissionSchedule.era(a);
        if (era < 0) {
            assertThat(next).isEqualTo(TOTAL_SUPPLY);
            return;
        }
        assertThat(next).isGreaterThan(a).isLessThanOrEqualTo(TOTAL_SUPPLY);
        assertThat(EmissionSchedule.era(next - 1)).isEqualTo(era);
        if (next < TOTAL_SUPPLY) {
            assertThat(EmissionSchedule.era(next)).isEqualTo(era + 1);
        }
    }
}
