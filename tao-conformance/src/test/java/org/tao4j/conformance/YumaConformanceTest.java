package org.tao4j.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tao4j.consensus.scenario.Scenario;
import org.tao4j.consensus.scenario.ScenarioRunner;

/**
 * The reference tests: every public scenario in {@code conformance/yuma} is read with
 * {@link ScenarioJson}, run by the epoch's {@link ScenarioRunner}, written by {@link ResultJson} (the same
 * path {@code tao yuma run --json} takes) and compared with its {@code .expected.json}, exactly, or
 * within the scenario's tolerance (docs/spec/yuma-scenario.md "Conformance"). A failure lists every field
 * that differs.
 */
class YumaConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyPublicScenarioMatches() throws IOException, URISyntaxException {
        return scenariosIn("/conformance/yuma");
    }

    /**
     * Our own edge-case vectors (see {@code yuma-audit/README.md}): kappa and moving-average
     * extremes, permit ties, liquid alpha over unsorted rows, u64 emission, random subnets.
     */
    @TestFactory
    Stream<DynamicTest> everyAuditScenarioMatches() throws IOException, URISyntaxException {
        return scenariosIn("/yuma-audit");
    }

    private static Stream<DynamicTest> scenariosIn(String resource) throws IOException, URISyntaxException {
        Path dir = Path.of(YumaConformanceTest.class.getResource(resource).toURI());
        List<Path> scenarios;
        try (Stream<Path> s = Files.list(dir)) {
            scenarios = s.filter(p -> p.getFileName().toString().endsWith(".scenario.json")).sorted().toList();
        }
        assertThat(scenarios).as("conformance scenarios present").isNotEmpty();
        return scenarios.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private static void check(Path scenarioFile) throws IOException {
        Path expectedFile = scenarioFile.resolveSibling(
                scenarioFile.getFileName().toString().replace(".scenario.json", ".expected.json"));
        List<String> warnings = new ArrayList<>();
        Scenario s = new ScenarioJson(warnings::add).read(scenarioFile);
        assertThat(warnings).as("warnings reading %s", scenarioFile.getFileName()).isEmpty();
        String out = ResultJson.toJson(ScenarioRunner.run(s)).toString();

        JsonNode scenario = JSON.readTree(scenarioFile.toFile());
        JsonNode expected = JSON.readTree(expectedFile.toFile());
        JsonNode actual = JSON.readTree(out);
        JsonNode tol = scenario.path("tolerance");
        long u16Tol = tol.path("u16").asLong(0);
        JsonNode em = scenario.path("subnet").path("emission_per_epoch");
        BigDecimal emission = em.isNumber() ? em.decimalValue() : BigDecimal.valueOf(1_000_000_000L);
        BigDecimal raoTol = tol.has("rao_fraction")
                ? tol.get("rao_fraction").decimalValue().multiply(emission) : BigDecimal.ZERO;

        List<String> diffs = new ArrayList<>();
        JsonNode ee = expected.get("epochs");
        JsonNode ae = actual.get("epochs");
        if (ee.size() != ae.size()) {
            diffs.add("epoch count: expected " + ee.size() + ", got " + ae.size());
        }
        for (int e = 0; e < Math.min(ee.size(), ae.size()); e++) {
            JsonNode x = ee.get(e);
            JsonNode y = ae.get(e);
            if (!x.get("block").bigIntegerValue().equals(y.get("block").bigIntegerValue())) {
                diffs.add("epochs[" + e + "].block: expected " + x.get("block") + ", got " + y.get("block"));
            }
            if (x.get("neurons").size() != y.get("neurons").size()) {
                diffs.add("epochs[" + e + "]: expected " + x.get("neurons").size() + " neurons, got " + y.get("neurons").size());
                continue;
            }
            for (int u = 0; u < x.get("neurons").size(); u++) {
                JsonNode xn = x.get("neurons").get(u);
                JsonNode yn = y.get("neurons").get(u);
                String at = "epochs[" + e + "] (block " + x.get("block") + ") uid " + u + " ";
                for (String f : List.of("uid", "active", "validator_permit")) {
                    if (!xn.get(f).equals(yn.get(f))) {
                        diffs.add(at + f + ": expected " + xn.get(f) + ", got " + yn.get(f));
                    }
                }
                for (String f : List.of("consensus", "incentive", "dividends", "validator_trust")) {
                    if (Math.abs(xn.get(f).asLong() - yn.get(f).asLong()) > u16Tol) {
                        diffs.add(at + f + ": expected " + xn.get(f) + ", got " + yn.get(f));
                    }
                }
                for (String f : List.of("emission", "server_emission", "validator_emission")) {
                    // rao amounts are u64: compare them as big integers
                    java.math.BigInteger d = xn.get(f).bigIntegerValue().subtract(yn.get(f).bigIntegerValue()).abs();
                    if (new BigDecimal(d).compareTo(raoTol) > 0) {
                        diffs.add(at + f + ": expected " + xn.get(f) + ", got " + yn.get(f));
                    }
                }
                TreeMap<Long, Long> xb = bonds(xn.get("bonds"));
                TreeMap<Long, Long> yb = bonds(yn.get("bonds"));
                if (!xb.keySet().equals(yb.keySet())) {
                    diffs.add(at + "bonds: expected " + xn.get("bonds") + ", got " + yn.get("bonds"));
                } else {
                    for (Long k : xb.keySet()) {
                        if (Math.abs(xb.get(k) - yb.get(k)) > u16Tol) {
                            diffs.add(at + "bonds[" + k + "]: expected " + xb.get(k) + ", got " + yb.get(k));
                        }
                    }
                }
            }
        }
        assertThat(diffs).as("differences from %s", expectedFile.getFileName()).isEmpty();
    }

    /** Bond pairs as a map; zero-valued pairs may be present or absent (docs/spec/yuma-scenario.md). */
    private static TreeMap<Long, Long> bonds(JsonNode arr) {
        TreeMap<Long, Long> m = new TreeMap<>();
        for (JsonNode p : arr) {
            if (p.get(1).asLong() != 0) {
                m.put(p.get(0).asLong(), p.get(1).asLong());
            }
        }
        return m;
    }
}
