package org.tao4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code tao yuma run}: the table, the JSON, and one clear line with exit 2 for each kind of bad input. */
class YumaRunCommandTest {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run tao(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TaoCli.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static final String GOOD = """
            {"name": "t", "subnet": {"n": 3, "tempo": 1, "activity_cutoff": 100, "max_allowed_validators": 3},
             "neurons": [{"stake": 100, "registered_at": 0, "last_update": 0},
                         {"stake": 0, "registered_at": 0, "last_update": 0},
                         {"stake": 0, "registered_at": 0, "last_update": 0}],
             "steps": [{"epoch": {"block": 1}},
                       {"set_weights": {"uid": 0, "block": 2, "dests": [1, 2], "values": [1, 3]}},
                       {"epoch": {"block": 3}}]}
            """;

    private Path write(String json) throws IOException {
        Path f = tmp.resolve("s.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void jsonOutputIsTheContractAndNothingElse() throws IOException {
        Run r = tao("yuma", "run", "--scenario", write(GOOD).toString(), "--json");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().trim()).startsWith("{\"epochs\":[{\"block\":1,").endsWith("]}");
        // uid 0 validates alone: miners 1 and 2 split the incentive 1:3, uid 0 holds both bonds
        assertThat(r.out()).contains("{\"uid\":2,\"active\":true,\"validator_permit\":false,\"consensus\":49151,\"incentive\":49151");
        assertThat(r.out()).contains("\"bonds\":[[1,65535],[2,65535]]");
    }

    @Test
    void tableShowsFractionsAndU16() throws IOException {
        Run r = tao("yuma", "run", "--scenario", write(GOOD).toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("epoch 2 at block 3").contains("0.750000 (49151)").contains("uid").contains("permit");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "uid out of range|\"dests\": [1, 9], \"values\": [1, 3]|steps[1].set_weights.dests[1]: uid 9 >= n (3)",
        "lengths differ|\"dests\": [1, 2], \"values\": [1]|steps[1].set_weights.values: 1 values for 2 dests",
        "duplicate dest|\"dests\": [1, 1], \"values\": [1, 3]|steps[1].set_weights.dests[1]: uid 1 appears twice",
        "value not u16|\"dests\": [1], \"values\": [70000]|steps[1].set_weights.values[0]: 70000 is out of range [0, 65535]",
        "negative value|\"dests\": [1], \"values\": [-1]|steps[1].set_weights.values[0]: -1 is out of range",
        "fraction|\"dests\": [1], \"values\": [1.5]|steps[1].set_weights.values[0]: must be a whole number, got 1.5",
        "string|\"dests\": [\"a\"], \"values\": [1]|steps[1].set_weights.dests[0]: must be a whole number",
    })
    void badWeightsNameTheJsonPath(String name, String body, String message) throws IOException {
        String json = GOOD.replace("\"dests\": [1, 2], \"values\": [1, 3]", body);
        Run r = tao("yuma", "run", "--scenario", write(json).toString(), "--json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: " + message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown op|{\"epoch\": {\"block\": 1}}|{\"nap\": {\"block\": 1}}|steps[0]: unknown op 'nap'",
        "missing block|{\"epoch\": {\"block\": 1}}|{\"epoch\": {}}|steps[0].epoch.block: missing required field",
        "missing n|\"n\": 3, |'' |subnet.n: missing required field",
        "n mismatch|\"n\": 3|\"n\": 4|neurons: has 3 entries but subnet.n is 4",
        "negative stake|\"stake\": 100|\"stake\": -5|neurons[0].stake: -5 is negative",
        "kappa range|\"max_allowed_validators\": 3|\"max_allowed_validators\": 3, \"kappa\": 65536|subnet.kappa: 65536 is out of range",
        "bool type|\"max_allowed_validators\": 3|\"max_allowed_validators\": 3, \"yuma3\": 1|subnet.yuma3: must be true or false",
    })
    void badScenarioFieldsNameTheJsonPath(String name, String from, String to, String message) throws IOException {
        String json = GOOD.replace(from, to.equals("''") ? "" : to);
        Run r = tao("yuma", "run", "--scenario", write(json).toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: " + message);
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void unreadableFilesAreOneLine() throws IOException {
        Run missing = tao("yuma", "run", "--scenario", tmp.resolve("nope.json").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file").doesNotContain("Exception");

        Run broken = tao("yuma", "run", "--scenario", write("{\"subnet\": ").toString());
        assertThat(broken.code()).isEqualTo(2);
        assertThat(broken.err()).contains("not valid JSON at line").doesNotContain("\tat ");

        Run notObject = tao("yuma", "run", "--scenario", write("[1, 2]").toString());
        assertThat(notObject.code()).isEqualTo(2);
        assertThat(notObject.err()).contains("$: a scenario must be a JSON object");

        Run empty = tao("yuma", "run", "--scenario", write("").toString());
        assertThat(empty.code()).isEqualTo(2);
        assertThat(empty.err()).contains("empty file");
    }

    @Test
    void unknownFieldsWarnOnStderrButStillRun() throws IOException {
        Run r = tao("yuma", "run", "--scenario", write(GOOD.replace("\"tempo\": 1", "\"tempo\": 1, \"kapa\": 3")).toString(), "--json");
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("warning: subnet.kapa: unknown field, ignored");
        assertThat(r.out()).startsWith("{\"epochs\"");
    }

    @Test
    void missingOptionIsUsageError() {
        Run r = tao("yuma", "run");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required option: '--scenario=FILE'");
    }
}
