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

    record Run(int code, String out, String err) {}

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
        assertThat(r.out())
                .contains(
                        "{\"uid\":2,\"active\":true,\"validator_permit\":false,\"consensus\":49151,\"incentive\":49151");
        assertThat(r.out()).contains("\"bonds\":[[1,65535],[2,65535]]");
    }

    @Test
    void plotDrawsIncentiveDividendsAndBondsPerNeuronAsSvgOrHtml() throws Exception {
        Path svg = tmp.resolve("p.svg");
        Run r = tao("yuma", "run", "--scenario", write(GOOD).toString(), "--plot", svg.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String doc = Files.readString(svg);
        // well-formed XML with three panels: incentive and dividends have one line per neuron, bonds one per pair
        var xml = javax.xml.parsers.DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(doc.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var panels = xml.getElementsByTagName("g");
        assertThat(panels.getLength()).isEqualTo(3);
        assertThat(((org.w3c.dom.Element) panels.item(0))
                        .getElementsByTagName("path")
                        .getLength())
                .isEqualTo(3);
        assertThat(((org.w3c.dom.Element) panels.item(1))
                        .getElementsByTagName("path")
                        .getLength())
                .isEqualTo(3);
        // uid 0 bonds with miners 1 and 2 after the second epoch
        assertThat(((org.w3c.dom.Element) panels.item(2))
                        .getElementsByTagName("path")
                        .getLength())
                .isEqualTo(2);
        assertThat(doc).contains("<title>0 → 1</title>").contains("<title>0 → 2</title>");

        Path html = tmp.resolve("p.html");
        assertThat(tao("yuma", "run", "--scenario", write(GOOD).toString(), "--plot", html.toString())
                        .code())
                .isZero();
        assertThat(Files.readString(html)).startsWith("<!doctype html>").contains("<svg");

        Run bad = tao(
                "yuma",
                "run",
                "--scenario",
                write(GOOD).toString(),
                "--plot",
                tmp.resolve("p.png").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("must end in .svg or .html").doesNotContain("\tat ");
    }

    /** The command prints exactly what tao-conformance's reader, the epoch and ResultJson produce (the suite's path). */
    @Test
    void jsonOutputIsTheConformancePath() throws IOException {
        Path f = write(GOOD);
        Run r = tao("yuma", "run", "--scenario", f.toString(), "--json");
        assertThat(r.code()).isZero();
        var s = new org.tao4j.conformance.ScenarioJson(w -> {}).read(f);
        String lib = org.tao4j.conformance.ResultJson.toJson(org.tao4j.consensus.scenario.ScenarioRunner.run(s))
                .toString();
        assertThat(r.out().strip()).isEqualTo(lib);
    }

    @Test
    void tableShowsFractionsAndU16() throws IOException {
        Run r = tao("yuma", "run", "--scenario", write(GOOD).toString());
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("epoch 2 at block 3")
                .contains("0.750000 (49151)")
                .contains("uid")
                .contains("permit");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
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
        assertThat(r.err())
                .startsWith("error: " + message)
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "stray close brace after the object|$|' }'|not valid JSON at line",
                "a second document|$|' {}'|not valid JSON at line",
                "duplicate key|\"stake\": 100|\"stake\": 100, \"stake\": 5|Duplicate field 'stake'",
                "huge exponent|\"stake\": 100|\"stake\": 1e999999999|neurons[0].stake: 1E+999999999 is far too large",
                "tiny exponent|\"stake\": 100|\"stake\": 1e-999999999|neurons[0].stake: must be a whole number",
                "stake of 2^63|\"stake\": 100|\"stake\": 9223372036854775808|neurons[0].stake: 9223372036854775808 is too large",
                "cutoff of 2^64|\"activity_cutoff\": 100|\"activity_cutoff\": 18446744073709551616|subnet.activity_cutoff: 18446744073709551616 is too large for a u64",
                "missing tempo|\"tempo\": 1, ||subnet.tempo: missing required field",
                "missing last_update|\"stake\": 100, \"registered_at\": 0, \"last_update\": 0}|\"stake\": 100, \"registered_at\": 0}|neurons[0].last_update: missing required field",
                "step is not an object|{\"epoch\": {\"block\": 1}},|[1],|steps[0]: a step is an object with exactly one of",
                "step with two ops|{\"epoch\": {\"block\": 1}},|{\"epoch\": {\"block\": 1}, \"set_stake\": {\"uid\": 0, \"stake\": 1}},|steps[0]: a step is an object with exactly one of",
                "null op body|{\"epoch\": {\"block\": 1}},|{\"epoch\": null},|steps[0].epoch: must be an object",
                "block as a string|{\"epoch\": {\"block\": 1}},|{\"epoch\": {\"block\": \"1\"}},|steps[0].epoch.block: must be a whole number, got \"1\"",
                "negative last_mechanism_step_block|{\"epoch\": {\"block\": 3}}|{\"epoch\": {\"block\": 3, \"last_mechanism_step_block\": -1}}|steps[2].epoch.last_mechanism_step_block: -1 is negative",
                "steepness beyond i16|\"max_allowed_validators\": 3|\"max_allowed_validators\": 3, \"alpha_sigmoid_steepness\": 32768|subnet.alpha_sigmoid_steepness: 32768 is out of range",
                "tempo beyond u16|\"tempo\": 1|\"tempo\": 65536|subnet.tempo: 65536 is out of range",
                "tolerance not an object|\"steps\"|\"tolerance\": 3, \"steps\"|tolerance: must be an object",
            })
    void malformedScenariosAreOneLineErrors(String name, String from, String to, String message) throws IOException {
        String json = from.equals("$") ? GOOD.strip() + to : GOOD.replace(from, to == null ? "" : to);
        assertThat(json).as("the test replaced something").isNotEqualTo(GOOD);
        Run r = tao("yuma", "run", "--scenario", write(json).toString(), "--json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(message).doesNotContain("Exception:").doesNotContain("\tat ");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void u64LimitsAreAcceptedAndPrintedUnsigned() throws IOException {
        String json = GOOD.replace(
                        "\"activity_cutoff\": 100",
                        "\"activity_cutoff\": 18446744073709551615, \"emission_per_epoch\": 18446744073709551615")
                .replace(
                        "{\"epoch\": {\"block\": 3}}",
                        "{\"epoch\": {\"block\": 18446744073709551615, \"last_mechanism_step_block\": 18446744073709551614}}");
        Run r = tao("yuma", "run", "--scenario", write(json).toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        // epoch 1: uid 0 alone holds stake and takes all of u64::MAX as validator
        assertThat(r.out())
                .contains(
                        "\"emission\":18446744073709551615,\"server_emission\":0,\"validator_emission\":18446744073709551615");
        assertThat(r.out()).contains("{\"block\":18446744073709551615,");
        assertThat(r.out()).doesNotContain("\"emission\":-");
        Run table = tao("yuma", "run", "--scenario", write(json).toString());
        assertThat(table.code()).isZero();
        assertThat(table.out()).contains("at block 18446744073709551615").doesNotContain(" -1 ");
    }

    @Test
    void decimalsThatAreWholeNumbersAreExact() throws IOException {
        // 1e2 and 100.0 are 100; 12345678901234567.0 must not become the nearest double
        String a = tao("yuma", "run", "--scenario", write(GOOD).toString(), "--json")
                .out();
        String b = tao(
                        "yuma",
                        "run",
                        "--scenario",
                        write(GOOD.replace("\"stake\": 100", "\"stake\": 1e2")).toString(),
                        "--json")
                .out();
        assertThat(b).isEqualTo(a);
        Run big = tao(
                "yuma",
                "run",
                "--scenario",
                write(GOOD.replace("\"stake\": 100", "\"stake\": 12345678901234567.0"))
                        .toString());
        assertThat(big.code()).isZero();
        assertThat(big.out()).contains("12345678901234567");
    }

    @Test
    void jsonBeyondTheParserLimitsIsOneLine() throws IOException {
        Run deep = tao(
                "yuma",
                "run",
                "--scenario",
                write("[".repeat(5000) + "]".repeat(5000)).toString(),
                "--json");
        assertThat(deep.code()).isEqualTo(2);
        assertThat(deep.err()).startsWith("error: ").contains("not valid JSON").doesNotContain("internal error");
        assertThat(deep.err().lines().count()).isEqualTo(1);
        Run longNumber = tao(
                "yuma",
                "run",
                "--scenario",
                write(GOOD.replace("\"stake\": 100", "\"stake\": " + "9".repeat(2000)))
                        .toString(),
                "--json");
        assertThat(longNumber.code()).isEqualTo(2);
        assertThat(longNumber.err()).contains("not valid JSON").doesNotContain("internal error");
        assertThat(longNumber.err().lines().count()).isEqualTo(1);
    }

    @Test
    void aByteOrderMarkIsIgnored() throws IOException {
        Run r = tao("yuma", "run", "--scenario", write("\uFEFF" + GOOD).toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
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
        Run r = tao(
                "yuma",
                "run",
                "--scenario",
                write(GOOD.replace("\"tempo\": 1", "\"tempo\": 1, \"kapa\": 3")).toString(),
                "--json");
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
