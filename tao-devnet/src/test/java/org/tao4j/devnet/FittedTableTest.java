package org.tao4j.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live view fits the terminal (issue 17 #16): least important columns go first. */
class FittedTableTest {

    static FittedTable table() {
        FittedTable t = new FittedTable()
                .column("uid", 0, true)
                .column("role", 0, false)
                .column("strategy", 5, false)
                .column("stake", 4, true)
                .column("permit", 6, false)
                .column("incentive", 0, true)
                .column("dividends", 0, true)
                .column("emission", 3, true);
        for (int v = 0; v < 3; v++) {
            t.column("v" + v, 7, true);
        }
        for (int uid = 0; uid < 10; uid++) {
            List<String> cells = new ArrayList<>(List.of(
                    String.valueOf(uid),
                    uid < 3 ? "validator" : "miner",
                    uid < 3 ? "" : "kneser-ney",
                    "1000.000",
                    uid < 3 ? "yes" : "",
                    "0.1234",
                    "0.0000",
                    "0.500"));
            cells.addAll(List.of("0.913", "0.850", "-"));
            t.row(cells);
        }
        return t;
    }

    @Test
    void wideTerminalsShowEverything() {
        List<String> l = table().lines(200);
        assertThat(l.get(0)).contains("strategy", "stake", "permit", "emission", "v0", "v1", "v2");
        assertThat(l).hasSize(11);
    }

    @Test
    void narrowTerminalsDropScoresFirstThenPermitThenStrategy() {
        int full = table().lines(200).stream().mapToInt(String::length).max().orElseThrow();
        for (int width = full; width >= TerminalSize.MIN_COLUMNS; width--) {
            List<String> l = table().lines(width);
            int w = width;
            assertThat(l)
                    .allSatisfy(
                            x -> assertThat(x.length()).as("width %d: %s", w, x).isLessThanOrEqualTo(w));
            assertThat(l.get(0)).as("width %d", width).contains("uid", "role", "incentive", "dividends");
            if (l.get(0).contains("v0")) {
                assertThat(l.get(0)).as("scores go before the permit").contains("permit");
            }
            if (l.get(0).contains("permit")) {
                assertThat(l.get(0)).as("the permit goes before the strategy").contains("strategy");
            }
        }
        String at60 = table().lines(60).get(0);
        assertThat(at60).doesNotContain("v0").doesNotContain("permit");
        // the header stays over its column
        List<String> l = table().lines(60);
        assertThat(l.get(1).indexOf("0.1234") + 6).isEqualTo(l.get(0).indexOf("incentive") + "incentive".length());
    }

    @Test
    void sttySizeIsParsed() {
        assertThat(TerminalSize.parse("32 130\n")).isEqualTo(new TerminalSize(130, 32));
        assertThat(TerminalSize.parse("50 20")).isEqualTo(new TerminalSize(TerminalSize.MIN_COLUMNS, 50));
        assertThat(TerminalSize.parse("null null")).isNull();
        assertThat(TerminalSize.parse("")).isNull();
        assertThat(TerminalSize.parse("0 0")).isNull();
        assertThat(TerminalSize.detect().columns()).isGreaterThanOrEqualTo(TerminalSize.MIN_COLUMNS);
    }
}
