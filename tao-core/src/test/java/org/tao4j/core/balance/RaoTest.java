package org.tao4j.core.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RaoTest {
    @Test
    void constants() {
        assertThat(Rao.RAO_PER_TAO).isEqualTo(1_000_000_000L);
        assertThat(Rao.MAX_SUPPLY).isEqualTo(21_000_000_000_000_000L);
    }

    @Test
    void checkedArithmetic() {
        assertThat(Rao.checkedAdd(2, 3)).isEqualTo(5);
        assertThat(Rao.checkedAdd(Long.MAX_VALUE - 1, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(Rao.checkedSub(5, 5)).isZero();
        assertThat(Rao.checkedSub(Rao.MAX_SUPPLY, 1)).isEqualTo(Rao.MAX_SUPPLY - 1);
        assertThatThrownBy(() -> Rao.checkedAdd(Long.MAX_VALUE, 1))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("rao overflow: 9223372036854775807 + 1 exceeds 9223372036854775807");
        assertThatThrownBy(() -> Rao.checkedAdd(Long.MAX_VALUE, Long.MAX_VALUE))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Rao.checkedSub(3, 5))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("rao underflow: 3 - 5 is negative");
        assertThatThrownBy(() -> Rao.checkedAdd(-1, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rao amount must not be negative, got -1");
        assertThatThrownBy(() -> Rao.checkedSub(5, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "0, τ0.000000000",
        "1, τ0.000000001",
        "12500000000, τ12.500000000",
        "1000000000, τ1.000000000",
        "21000000000000000, τ21000000.000000000",
        "9223372036854775807, τ9223372036.854775807",
    })
    void formatsWithNineDecimals(long rao, String text) {
        assertThat(Rao.formatTao(rao)).isEqualTo(text);
        assertThat(Rao.parseTao(text)).isEqualTo(rao);
    }

    @Test
    void formatRejectsNegatives() {
        assertThatThrownBy(() -> Rao.formatTao(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "12.5, 12500000000",
        "0.000000001, 1",
        "12, 12000000000",
        "0, 0",
        "0.0, 0",
        "007.10, 7100000000",
        "21000000, 21000000000000000",
        "τ1.5, 1500000000",
        "9223372036.854775807, 9223372036854775807",
        "000000000000000000000000000001, 1000000000",
    })
    void parses(String text, long rao) {
        assertThat(Rao.parseTao(text)).isEqualTo(rao);
    }

    @Test
    void rejectsNegatives() {
        assertThatThrownBy(() -> Rao.parseTao("-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("negative TAO amount \"-1\" is not allowed");
        assertThatThrownBy(() -> Rao.parseTao("τ-0.5")).hasMessage("negative TAO amount \"τ-0.5\" is not allowed");
    }

    @Test
    void rejectsTooManyDecimals() {
        assertThatThrownBy(() -> Rao.parseTao("0.0000000001"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "too many decimals in TAO amount \"0.0000000001\": 10 (at most 9, 1 rao = 0.000000001 TAO)");
        assertThatThrownBy(() -> Rao.parseTao("1.0000000000")).hasMessageStartingWith("too many decimals");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "abc", "", "1.2.3", ".5", "5.", "+5", "1e9", "1,000", "1_000", " 1", "1 ", "0x10", "\u0661", "τ", "NaN",
                "12.5τ", "1.-5", "1.+5", "ττ1"
            })
    void rejectsNonNumbers(String text) {
        assertThatThrownBy(() -> Rao.parseTao(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a TAO amount: \"")
                .hasMessageEndingWith("(expected digits with an optional '.' and up to 9 decimals, e.g. 12.5)");
    }

    @Test
    void rejectsOverflowAndNull() {
        assertThatThrownBy(() -> Rao.parseTao("9223372036.854775808"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TAO amount \"9223372036.854775808\" is too large (at most 9223372036.854775807)");
        assertThatThrownBy(() -> Rao.parseTao("9223372037"))
                .hasMessageEndingWith("is too large (at most 9223372036.854775807)");
        assertThatThrownBy(() -> Rao.parseTao("9".repeat(100)))
                .hasMessage("TAO amount \"" + "9".repeat(40) + "...\" is too large (at most 9223372036.854775807)");
        assertThatThrownBy(() -> Rao.parseTao(null)).hasMessage("TAO amount is null");
        assertThatThrownBy(() -> Rao.parseTao("1\n2")).hasMessageNotContaining("\n");
    }

    @Property
    void formatThenParseRoundTrips(@ForAll @LongRange(min = 0) long rao) {
        assertThat(Rao.parseTao(Rao.formatTao(rao))).isEqualTo(rao);
    }

    @Property
    void parseMatchesExactDecimalArithmetic(
            @ForAll @CharRange(from = '0', to = '9') @StringLength(min = 1, max = 11) String whole,
            @ForAll @CharRange(from = '0', to = '9') @StringLength(min = 1, max = 9) String frac) {
        String text = whole + "." + frac;
        BigInteger expected = new java.math.BigDecimal(text).movePointRight(9).toBigIntegerExact();
        if (expected.bitLength() < 64) {
            assertThat(Rao.parseTao(text)).isEqualTo(expected.longValueExact());
        } else {
            assertThatThrownBy(() -> Rao.parseTao(text)).hasMessageContaining("is too large");
        }
    }

    @Property
    void checkedAddAndSubMatchBigIntegers(@ForAll @LongRange(min = 0) long a, @ForAll @LongRange(min = 0) long b) {
        BigInteger sum = BigInteger.valueOf(a).add(BigInteger.valueOf(b));
        if (sum.bitLength() < 64) {
            assertThat(Rao.checkedAdd(a, b)).isEqualTo(sum.longValueExact());
        } else {
            assertThatThrownBy(() -> Rao.checkedAdd(a, b)).isInstanceOf(ArithmeticException.class);
        }
        if (a >= b) {
            assertThat(Rao.checkedSub(a, b)).isEqualTo(a - b);
        } else {
            assertThatThrownBy(() -> Rao.checkedSub(a, b)).isInstanceOf(ArithmeticException.class);
        }
    }
}
