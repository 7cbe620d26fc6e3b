package org.tao4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmissionCommandTest {

    @ParameterizedTest
    @CsvSource({
        "0, 1000000000, 0, 10500000000000000",
        "10500000000000000, 500000000, 1, 15750000000000000",
        "15800000000000000, 250000000, 2, 18375000000000000",
        "20999999000000000, 59, 24, 20999999374151230",
    })
    void jsonMatchesTheSchedule(long issuance, long emission, int era, long next) {
        YumaRunCommandTest.Run r = YumaRunCommandTest.tao("emission", "--issuance", Long.toString(issuance), "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out().trim()).isEqualTo("{\"issuance\":" + issuance + ",\"block_emission\":" + emission
                + ",\"era\":" + era + ",\"next_halving_issuance\":" + next + "}");
    }

    @Test
    void humanOutput() {
        YumaRunCommandTest.Run r = YumaRunCommandTest.tao("emission", "--issuance", "10500000000000000");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("block emission  500000000 rao (τ0.500000000 per block)").contains("halving era     1");
    }

    @Test
    void atTheCapEmissionStops() {
        YumaRunCommandTest.Run r = YumaRunCommandTest.tao("emission", "--issuance", "21000000000000000", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"block_emission\":0").contains("\"next_halving_issuance\":21000000000000000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1.5", "18446744073709551616", ""})
    void badIssuanceIsOneLineExit2(String bad) {
        YumaRunCommandTest.Run r = YumaRunCommandTest.tao("emission", "--issuance", bad);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ");
    }
}
