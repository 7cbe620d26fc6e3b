package org.tao4j.node.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.Genesis;

/**
 * A chain specification: everything that defines a chain's genesis and who may author its blocks.
 *
 * <p>JSON form ({@code --chain FILE}):
 * <pre>{@code
 * {
 *   "name": "My Testnet",            // required; system_chain returns it
 *   "id": "my_testnet",              // optional; names the data directory (default: from the name)
 *   "live": false,                   // a live chain is a fair launch: no endowments, no sudo
 *   "authorities": ["5F..."],        // SS58 addresses allowed to author blocks (at least one)
 *   "params": {"baseFee": 100000},   // optional overrides of ChainParams components, by name
 *   "endowments": {"5F...": 1000000000000},  // dev chains only: rao per account
 *   "sudo": "5F...",                 // dev chains only
 *   "bootnodes": ["5F...@127.0.0.1:30333"]  // optional: authorities' Ratis (p2p) addresses
 * }
 * }</pre>
 * Params overrides start from {@link ChainParams#live()} for a live chain and {@link ChainParams#dev()}
 * otherwise.
 */
public record ChainSpec(
        String name,
        String id,
        boolean live,
        List<AccountId> authorities,
        ChainParams params,
        List<Genesis.Endowment> endowments,
        AccountId sudo,
        List<Bootnode> bootnodes) {

    /** The most bootnodes a chain spec may list. */
    public static final int MAX_BOOTNODES = 256;

    /**
     * An authority's peer-to-peer (Ratis) address: {@code "<authority SS58>@host:port"}. Bootnodes are
     * not part of the genesis: two specs that differ only in bootnodes are the same chain.
     */
    public record Bootnode(AccountId authority, String host, int port) {
        public Bootnode {
            Objects.requireNonNull(authority, "authority");
            if (host == null || !host.matches("[A-Za-z0-9.:\\[\\]_-]{1,253}")) {
                throw new InvalidChainSpec("bootnode host '" + host + "' is not a host name or IP address");
            }
            if (port < 1 || port > 65_535) {
                throw new InvalidChainSpec("bootnode port " + port + " is not 1-65535");
            }
        }

        /** Parses {@code "<SS58>@host:port"}; a one-line {@link InvalidChainSpec} when malformed. */
        public static Bootnode parse(String s) {
            int at = s.indexOf('@');
            int colon = s.lastIndexOf(':');
            if (at <= 0 || colon < at + 2 || colon == s.length() - 1) {
                throw new InvalidChainSpec("bootnode '" + s
                        + "' must look like <authority SS58>@host:port, e.g. 5GrwvaEF...@127.0.0.1:30333");
            }
            AccountId who = parseAddress(s.substring(0, at), "bootnodes");
            int port;
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new InvalidChainSpec("bootnode '" + s + "': the port is not a number");
            }
            return new Bootnode(who, s.substring(at + 1, colon), port);
        }

        /** host:port */
        public String address() {
            return host + ":" + port;
        }

        @Override
        public String toString() {
            return authority.toSs58() + "@" + address();
        }
    }

    /** A spec without bootnodes (a single-process chain). */
    public ChainSpec(
            String name,
            String id,
            boolean live,
            List<AccountId> authorities,
            ChainParams params,
            List<Genesis.Endowment> endowments,
            AccountId sudo) {
        this(name, id, live, authorities, params, endowments, sudo, List.of());
    }

    /** Balance of each dev account on the {@code --dev} chain: 1,000,000 TAO. */
    public static final long DEV_ENDOWMENT = 1_000_000L * ChainParams.RAO_PER_TAO;

    private static final ObjectMapper JSON = new ObjectMapper();

    public ChainSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(params, "params");
        authorities = List.copyOf(authorities);
        endowments = List.copyOf(endowments);
        bootnodes = List.copyOf(bootnodes);
        if (bootnodes.size() > MAX_BOOTNODES) {
            throw new InvalidChainSpec("chain spec '" + name + "' lists more than " + MAX_BOOTNODES + " bootnodes");
        }
        if (authorities.isEmpty()) {
            throw new InvalidChainSpec("chain spec '" + name + "' lists no authorities: nobody could author a block");
        }
        if (new LinkedHashSet<>(authorities).size() != authorities.size()) {
            throw new InvalidChainSpec("chain spec '" + name + "' lists an authority twice");
        }
    }

    /** The built-in {@code --dev} chain: Alice authors and is sudo; every dev account holds 1,000,000 TAO. */
    public static ChainSpec dev() {
        List<Genesis.Endowment> endowments = new ArrayList<>();
        for (String n : DevAccounts.NAMES) {
            endowments.add(new Genesis.Endowment(DevAccounts.account(n), DEV_ENDOWMENT));
        }
        return new ChainSpec(
                "Development",
                "dev",
                false,
                List.of(DevAccounts.account("Alice")),
                ChainParams.dev(),
                endowments,
                DevAccounts.account("Alice"));
    }

    /**
     * The genesis configuration. A live chain with endowments or a sudo key is refused here, with
     * a one-line reason (docs/spec/chain.md §1: fair launch).
     */
    public Genesis.Config genesisConfig() {
        try {
            return new Genesis.Config(name, live, params, endowments, sudo, authorities);
        } catch (IllegalArgumentException e) {
            throw new InvalidChainSpec("refusing to start chain '" + name + "': " + e.getMessage());
        }
    }

    public boolean isAuthority(AccountId a) {
        return authorities.contains(a);
    }

    /** This spec with other bootnodes ({@code --bootnodes} overrides the spec's). */
    public ChainSpec withBootnodes(List<Bootnode> b) {
        return new ChainSpec(name, id, live, authorities, params, endowments, sudo, b);
    }

    // ---------------------------------------------------------------- JSON

    public static ChainSpec read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidChainSpec("cannot read chain spec " + file + ": " + e.getMessage());
        }
        try {
            return parse(text);
        } catch (InvalidChainSpec e) {
            throw new InvalidChainSpec("chain spec " + file + ": " + e.getMessage());
        }
    }

    public static ChainSpec parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidChainSpec("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidChainSpec("expected a JSON object");
        }
        Set<String> known = Set.of("name", "id", "live", "authorities", "params", "endowments", "sudo", "bootnodes");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new InvalidChainSpec("unknown field '" + f + "'; known fields: " + known);
            }
        }
        String name = text(root, "name", true);
        String id = root.has("id") ? text(root, "id", true) : idFromName(name);
        if (!id.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new InvalidChainSpec("id '" + id + "' must be 1-64 characters of A-Z a-z 0-9 _ . -");
        }
        JsonNode liveNode = root.get("live");
        if (liveNode != null && !liveNode.isBoolean()) {
            throw new InvalidChainSpec("'live' must be true or false");
        }
        boolean live = liveNode != null && liveNode.asBoolean();
        List<AccountId> authorities = new ArrayList<>();
        JsonNode auth = root.get("authorities");
        if (auth == null || !auth.isArray()) {
            throw new InvalidChainSpec("'authorities' must be a list of SS58 addresses");
        }
        for (JsonNode a : auth) {
            authorities.add(address(a, "authorities"));
        }
        ChainParams params = overrides(live ? ChainParams.live() : ChainParams.dev(), root.get("params"));
        List<Genesis.Endowment> endowments = new ArrayList<>();
        JsonNode end = root.get("endowments");
        if (end != null && !end.isNull()) {
            if (!end.isObject()) {
                throw new InvalidChainSpec("'endowments' must be an object of address: rao");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = end.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                AccountId who = parseAddress(e.getKey(), "endowments");
                if (!e.getValue().canConvertToExactIntegral()
                        || !e.getValue().canConvertToLong()
                        || e.getValue().asLong() <= 0) {
                    throw new InvalidChainSpec(
                            "endowment of " + e.getKey() + " must be a positive whole number of rao");
                }
                try {
                    endowments.add(new Genesis.Endowment(who, e.getValue().asLong()));
                } catch (IllegalArgumentException ex) {
                    throw new InvalidChainSpec("endowment of " + e.getKey() + ": " + ex.getMessage());
                }
            }
        }
        AccountId sudo = root.hasNonNull("sudo") ? address(root.get("sudo"), "sudo") : null;
        List<Bootnode> bootnodes = new ArrayList<>();
        JsonNode boot = root.get("bootnodes");
        if (boot != null && !boot.isNull()) {
            if (!boot.isArray()) {
                throw new InvalidChainSpec("'bootnodes' must be a list of \"<authority SS58>@host:port\" strings");
            }
            for (JsonNode b : boot) {
                if (!b.isTextual()) {
                    throw new InvalidChainSpec("'bootnodes' must hold strings, got " + b);
                }
                bootnodes.add(Bootnode.parse(b.asText()));
            }
        }
        return new ChainSpec(name, id, live, authorities, params, endowments, sudo, bootnodes);
    }

    /** The spec as JSON (the same form {@link #parse} reads; params listed in full). */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", name);
        o.put("id", id);
        o.put("live", live);
        ArrayNode a = o.putArray("authorities");
        authorities.forEach(x -> a.add(x.toSs58()));
        ObjectNode p = o.putObject("params");
        for (RecordComponent c : ChainParams.class.getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(params);
                p.put(c.getName(), ((Number) v).longValue());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        ObjectNode e = o.putObject("endowments");
        endowments.forEach(x -> e.put(x.account().toSs58(), x.amount()));
        if (sudo != null) {
            o.put("sudo", sudo.toSs58());
        }
        if (!bootnodes.isEmpty()) {
            ArrayNode b = o.putArray("bootnodes");
            bootnodes.forEach(x -> b.add(x.toString()));
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static String idFromName(String name) {
        String id =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "_").replaceAll("^_+|_+$", "");
        if (id.isEmpty()) {
            id = "chain";
        }
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    private static String text(JsonNode root, String field, boolean required) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new InvalidChainSpec("'" + field + "' is required");
            }
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new InvalidChainSpec("'" + field + "' must be a non-empty string");
        }
        return n.asText();
    }

    private static AccountId address(JsonNode n, String where) {
        if (!n.isTextual()) {
            throw new InvalidChainSpec("'" + where + "' must hold SS58 address strings, got " + n);
        }
        return parseAddress(n.asText(), where);
    }

    private static AccountId parseAddress(String s, String where) {
        try {
            return AccountId.fromSs58(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidChainSpec("'" + where + "': bad address '" + s + "': " + e.getMessage());
        }
    }

    /** A copy of {@code base} with the named components replaced (reflection keeps this in step with ChainParams). */
    static ChainParams overrides(ChainParams base, JsonNode overrides) {
        if (overrides == null || overrides.isNull()) {
            return base;
        }
        if (!overrides.isObject()) {
            throw new InvalidChainSpec("'params' must be an object of parameter name: number");
        }
        RecordComponent[] comps = ChainParams.class.getRecordComponents();
        Object[] values = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < comps.length; i++) {
                values[i] = comps[i].getAccessor().invoke(base);
                types[i] = comps[i].getType();
                names.add(comps[i].getName());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int i = names.indexOf(e.getKey());
                if (i < 0) {
                    throw new InvalidChainSpec("unknown parameter '" + e.getKey() + "'; known: " + names);
                }
                JsonNode v = e.getValue();
                if (!v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() < 0) {
                    throw new InvalidChainSpec("parameter '" + e.getKey() + "' must be a non-negative whole number");
                }
                if (types[i] == int.class) {
                    if (v.asLong() > Integer.MAX_VALUE) {
                        throw new InvalidChainSpec("parameter '" + e.getKey() + "' is too large");
                    }
                    values[i] = (int) v.asLong();
                } else {
                    values[i] = v.asLong();
                }
            }
            Constructor<ChainParams> ctor = ChainParams.class.getDeclaredConstructor(types);
            return ctor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ChainParams is not a plain record of numbers", e);
        }
    }

    /** A chain spec that cannot be used; the message is one line, fit for the user. */
    public static final class InvalidChainSpec extends IllegalArgumentException {
        public InvalidChainSpec(String message) {
            super(message);
        }
    }
}
