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
        YumaRunCommandTest.Run r =
                YumaRunCommandTest.tao("emission", "--issuance", Long.toString(issuance), "--rao", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out().trim())
                .isEqualTo("{\"issuance\":" + issuance + ",\"block_emission\":" + emission + ",\"era\":" + era
                        + ",\"next_halving_issuance\":" + next + "}");
    }

    @Test
    void humanOutput() {
        YumaRunCommandTest.Run r = YumaRunCommandTest.tao("emission", "--issuance", "10500000000000000", "--rao");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("block emission  500000000 rao (τ0.500000000 per block)")
                .contains("halving era     1");
    }

    @Test
    void atTheCapEmissionStops() {
        YumaRunCommandTest.Run r = YumaRunCommandTest.tao("emission", "--issuance", "21000000", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"block_emission\":0").contains("\"next_halving_issuance\":21000000000000000");
    }

    @Test
    void issuanceIsInTaoUnlessRao() {
        YumaRunCommandTest.Run tao = YumaRunCommandTest.tao("emission", "--issuance", "10500000", "--json");
        YumaRunCommandTest.Run rao =
                YumaRunCommandTest.tao("emission", "--issuance", "10500000000000000", "--rao", "--json");
        assertThat(tao.code()).isZero();
        assertThat(tao.out()).isEqualTo(rao.out()).contains("\"issuance\":10500000000000000");
        YumaRunCommandTest.Run fraction = YumaRunCommandTest.tao("emission", "--issuance", "τ0.000000001", "--json");
        assertThat(fraction.out()).contains("\"issuance\":1,");
    }

    @Test
    void withoutIssuanceAndWithoutANodeTheErrorSaysWhatToGive() {
        YumaRunCommandTest.Run r = YumaRunCommandTest.tao("emission", "--network", "ws://127.0.0.1:1");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err())
                .startsWith("error: no --issuance given")
                .contains("--issuance 10500000")
                .doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1.5 --rao", "0.0000000001", "18446744074", "18446744073709551616 --rao", ""})
    void badIssuanceIsOneLineExit2(String bad) {
        String[] parts = bad.split(" ");
        YumaRunCommandTest.Run r = parts.length == 2
                ? YumaRunCommandTest.tao("emission", "--issuance", parts[0], parts[1])
                : YumaRunCommandTest.tao("emission", "--issuance", bad);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ");
    }
}
