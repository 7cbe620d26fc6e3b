package org.tao4j.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.tao4j.consensus.EpochParams;
import org.tao4j.consensus.scenario.Scenario;

/**
 * Reads a Yuma scenario file (docs/spec/yuma-scenario.md) into a {@link Scenario}, checking every field and
 * naming the JSON path of the first thing that is wrong, e.g.
 * {@code steps[4].set_weights.dests[2]: uid 9 >= n (8)}. Every problem is a
 * {@link ScenarioFormatException} whose message is that one line; the CLI prints it as it is.
 */
public final class ScenarioJson {

    private static final Set<String> SUBNET_FIELDS = Set.of(
            "n",
            "tempo",
            "activity_cutoff",
            "kappa",
            "bonds_moving_average",
            "bonds_penalty",
            "max_allowed_validators",
            "yuma3",
            "liquid_alpha",
            "alpha_low",
            "alpha_high",
            "alpha_sigmoid_steepness",
            "emission_per_epoch",
            "owner_uid",
            "stake_threshold",
            "commit_reveal");
    private static final Set<String> TOP_FIELDS =
            Set.of("name", "subnet", "neurons", "steps", "tolerance", "description");
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /**
     * Strict reading: a second document or stray tokens after the object, and a key given twice in
     * one object, are errors rather than silently ignored; numbers with a fraction or exponent are
     * read as exact decimals, so that {@code 12345678901234567.0} is that integer and not the nearest
     * double.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Consumer<String> warnings;

    public ScenarioJson(Consumer<String> warnings) {
        this.warnings = warnings;
    }

    public Scenario read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ScenarioFormatException(file + ": no such file; give the path of a scenario JSON file");
        } catch (IOException e) {
            throw new ScenarioFormatException(file + ": cannot read (" + e.getMessage() + ")");
        }
        JsonNode root;
        try {
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                text = text.substring(1); // a UTF-8 byte order mark is not JSON, but harmless
            }
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            // limits such as the nesting depth or a number's length come without a location
            String m = String.valueOf(e.getOriginalMessage()).replace('\n', ' ').replace('\r', ' ');
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new ScenarioFormatException(file + ": not valid JSON" + where + ": " + m);
        }
        if (root == null || root.isMissingNode()) {
            throw new ScenarioFormatException(file + ": empty file; a scenario is a JSON object");
        }
        return parse(root);
    }

    public Scenario parse(JsonNode root) {
        if (!root.isObject()) {
            throw err("$", "a scenario must be a JSON object");
        }
        warnUnknown(root, "", TOP_FIELDS);
        String name = root.has("name") ? text(root.get("name"), "name") : "scenario";

        JsonNode sn = required(root, "subnet", "");
        if (!sn.isObject()) {
            throw err("subnet", "must be an object");
        }
        warnUnknown(sn, "subnet.", SUBNET_FIELDS);
        int n = (int) integer(required(sn, "n", "subnet"), "subnet.n", 0, 65536);
        long tempo = integer(required(sn, "tempo", "subnet"), "subnet.tempo", 0, 65535);
        long cutoff = u64(required(sn, "activity_cutoff", "subnet"), "subnet.activity_cutoff");
        int maxValidators = (int) optInt(sn, "max_allowed_validators", 8, 0, 65535);
        int owner = (int) optInt(sn, "owner_uid", -1, -1, 65535);
        if (owner >= n) {
            throw err("subnet.owner_uid", "uid " + owner + " >= n (" + n + ")");
        }
        EpochParams params;
        try {
            params = new EpochParams(
                    tempo,
                    cutoff,
                    (int) optInt(sn, "kappa", 32767, 0, 65535),
                    (int) optInt(sn, "bonds_penalty", 65535, 0, 65535),
                    sn.has("bonds_moving_average")
                            ? u64(sn.get("bonds_moving_average"), "subnet.bonds_moving_average")
                            : 900_000,
                    maxValidators,
                    optBool(sn, "yuma3", false),
                    optBool(sn, "liquid_alpha", false),
                    (int) optInt(sn, "alpha_low", 45875, 0, 65535),
                    (int) optInt(sn, "alpha_high", 58982, 0, 65535),
                    (int) optInt(sn, "alpha_sigmoid_steepness", 1000, Short.MIN_VALUE, Short.MAX_VALUE),
                    sn.has("stake_threshold") ? u64(sn.get("stake_threshold"), "subnet.stake_threshold") : 0,
                    owner,
                    optBool(sn, "commit_reveal", false));
        } catch (IllegalArgumentException e) {
            throw err("subnet", e.getMessage());
        }
        long emission = sn.has("emission_per_epoch")
                ? u64(sn.get("emission_per_epoch"), "subnet.emission_per_epoch")
                : 1_000_000_000L;

        JsonNode ns = required(root, "neurons", "");
        if (!ns.isArray()) {
            throw err("neurons", "must be an array of {stake, registered_at, last_update}");
        }
        if (ns.size() != n) {
            throw err("neurons", "has " + ns.size() + " entries but subnet.n is " + n);
        }
        List<Scenario.InitialNeuron> neurons = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String path = "neurons[" + i + "]";
            JsonNode nu = ns.get(i);
            if (!nu.isObject()) {
                throw err(path, "must be an object {stake, registered_at, last_update}");
            }
            neurons.add(new Scenario.InitialNeuron(
                    stake(required(nu, "stake", path), path + ".stake"),
                    u64(required(nu, "registered_at", path), path + ".registered_at"),
                    u64(required(nu, "last_update", path), path + ".last_update")));
        }

        JsonNode ss = required(root, "steps", "");
        if (!ss.isArray()) {
            throw err("steps", "must be an array of steps");
        }
        List<Scenario.Step> steps = new ArrayList<>();
        for (int s = 0; s < ss.size(); s++) {
            steps.add(step(ss.get(s), "steps[" + s + "]", n));
        }

        Scenario.Tolerance tol = null;
        if (root.has("tolerance") && !root.get("tolerance").isNull()) {
            JsonNode t = root.get("tolerance");
            if (!t.isObject()) {
                throw err("tolerance", "must be an object {u16, rao_fraction}");
            }
            int u16 = (int) optInt(t, "u16", 0, 0, 65535, "tolerance.");
            String frac = "0";
            if (t.has("rao_fraction")) {
                JsonNode f = t.get("rao_fraction");
                if (!f.isNumber() || f.decimalValue().signum() < 0) {
                    throw err("tolerance.rao_fraction", "must be a non-negative number");
                }
                frac = f.decimalValue().toPlainString();
            }
            tol = new Scenario.Tolerance(u16, frac);
        }
        return new Scenario(name, params, emission, neurons, steps, tol);
    }

    private Scenario.Step step(JsonNode node, String path, int n) {
        if (!node.isObject() || node.size() != 1) {
            throw err(path, "a step is an object with exactly one of set_weights, replace, set_stake, epoch");
        }
        String op = node.fieldNames().next();
        JsonNode a = node.get(op);
        String p = path + "." + op;
        if (!a.isObject()) {
            throw err(p, "must be an object");
        }
        switch (op) {
            case "set_weights" -> {
                warnUnknown(a, p + ".", Set.of("uid", "block", "dests", "values"));
                int uid = uid(required(a, "uid", p), p + ".uid", n);
                long block = u64(required(a, "block", p), p + ".block");
                JsonNode d = required(a, "dests", p);
                JsonNode v = required(a, "values", p);
                if (!d.isArray()) {
                    throw err(p + ".dests", "must be an array of uids");
                }
                if (!v.isArray()) {
                    throw err(p + ".values", "must be an array of u16 values");
                }
                if (d.size() != v.size()) {
                    throw err(
                            p + ".values",
                            v.size() + " values for " + d.size() + " dests; they must have the same length");
                }
                int[] dests = new int[d.size()];
                int[] values = new int[v.size()];
                boolean[] seen = new boolean[n];
                for (int k = 0; k < dests.length; k++) {
                    dests[k] = uid(d.get(k), p + ".dests[" + k + "]", n);
                    if (seen[dests[k]]) {
                        throw err(p + ".dests[" + k + "]", "uid " + dests[k] + " appears twice");
                    }
                    seen[dests[k]] = true;
                    values[k] = (int) integer(v.get(k), p + ".values[" + k + "]", 0, 65535);
                }
                return new Scenario.SetWeights(uid, block, dests, values);
            }
            case "replace" -> {
                warnUnknown(a, p + ".", Set.of("uid", "block", "stake"));
                return new Scenario.Replace(
                        uid(required(a, "uid", p), p + ".uid", n),
                        u64(required(a, "block", p), p + ".block"),
                        stake(required(a, "stake", p), p + ".stake"));
            }
            case "set_stake" -> {
                warnUnknown(a, p + ".", Set.of("uid", "stake"));
                return new Scenario.SetStake(
                        uid(required(a, "uid", p), p + ".uid", n), stake(required(a, "stake", p), p + ".stake"));
            }
            case "epoch" -> {
                warnUnknown(a, p + ".", Set.of("block", "last_mechanism_step_block"));
                long lms = a.has("last_mechanism_step_block")
                        ? u64(a.get("last_mechanism_step_block"), p + ".last_mechanism_step_block")
                        : 0;
                return new Scenario.RunEpoch(u64(required(a, "block", p), p + ".block"), lms);
            }
            default -> throw err(path, "unknown op '" + op + "' (expected set_weights, replace, set_stake or epoch)");
        }
    }

    // ------------------------------------------------------------------ field helpers

    private static ScenarioFormatException err(String path, String message) {
        return new ScenarioFormatException(path + ": " + message);
    }

    private static JsonNode required(JsonNode obj, String field, String parent) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            String path = parent.isEmpty() ? field : parent + "." + field;
            throw err(path, "missing required field");
        }
        return v;
    }

    private void warnUnknown(JsonNode obj, String prefix, Set<String> known) {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                warnings.accept(prefix + f + ": unknown field, ignored");
            }
        }
    }

    private static String text(JsonNode v, String path) {
        if (!v.isTextual()) {
            throw err(path, "must be a string");
        }
        return v.asText();
    }

    private static BigInteger wholeNumber(JsonNode v, String path) {
        if (!v.isNumber()) {
            throw err(path, "must be a whole number, got " + describe(v));
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue();
        }
        // a decimal such as 5.0 or 1e9 is fine when it is whole; look at the exponent before
        // expanding, so that 1e999999999 or 1e-999999999 is an error and not a huge computation
        BigDecimal d = v.decimalValue().stripTrailingZeros();
        if (d.scale() > 0) {
            throw err(path, "must be a whole number, got " + describe(v));
        }
        if (d.precision() - d.scale() > 40) {
            throw err(path, describe(v) + " is far too large");
        }
        return d.toBigIntegerExact();
    }

    private static long integer(JsonNode v, String path, long min, long max) {
        BigInteger b = wholeNumber(v, path);
        if (b.compareTo(BigInteger.valueOf(min)) < 0 || b.compareTo(BigInteger.valueOf(max)) > 0) {
            throw err(path, b + " is out of range [" + min + ", " + max + "]");
        }
        return b.longValue();
    }

    /** A u64 (blocks, cutoffs, rao amounts), returned as the raw bits of a long: the epoch compares them unsigned. */
    private static long u64(JsonNode v, String path) {
        BigInteger b = wholeNumber(v, path);
        if (b.signum() < 0) {
            throw err(path, b + " is negative; it must be >= 0");
        }
        if (b.compareTo(U64_MAX) > 0) {
            throw err(path, b + " is too large for a u64 (max " + U64_MAX + ")");
        }
        return b.longValue();
    }

    /**
     * A stake in rao. The epoch normalises stake in I64F64, whose integer part is a signed 64-bit
     * number, so a stake must stay below 2^63 rao (far above the 21e15 rao supply).
     */
    private static long stake(JsonNode v, String path) {
        BigInteger b = wholeNumber(v, path);
        if (b.signum() < 0) {
            throw err(path, b + " is negative; it must be >= 0");
        }
        if (b.bitLength() > 63) {
            throw err(path, b + " is too large (a stake must be at most " + Long.MAX_VALUE + " rao)");
        }
        return b.longValue();
    }

    private static int uid(JsonNode v, String path, int n) {
        BigInteger b = wholeNumber(v, path);
        if (b.signum() < 0) {
            throw err(path, "uid " + b + " is negative");
        }
        if (b.compareTo(BigInteger.valueOf(n)) >= 0) {
            throw err(path, "uid " + b + " >= n (" + n + ")");
        }
        return b.intValue();
    }

    private static long optInt(JsonNode obj, String field, long dflt, long min, long max) {
        return optInt(obj, field, dflt, min, max, "subnet.");
    }

    private static long optInt(JsonNode obj, String field, long dflt, long min, long max, String prefix) {
        JsonNode v = obj.get(field);
        return v == null || v.isNull() ? dflt : integer(v, prefix + field, min, max);
    }

    private static boolean optBool(JsonNode obj, String field, boolean dflt) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw err("subnet." + field, "must be true or false, got " + describe(v));
        }
        return v.booleanValue();
    }

    private static String describe(JsonNode v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
