package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.core.account.AccountId;
import org.tao4j.node.rpc.DomainJson;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcErrors;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.schema.ChainState;

/**
 * {@code tao_getMetagraph([netuid, fields, at, from, count])}: a subnet's whole metagraph in one round trip,
 * column-wise ({@code "stake": [uid0, uid1, ...]}), or the uids {@code from} .. {@code from + count - 1} of it
 * (then the answer carries {@code "from"}; {@code n} is still the subnet's size). {@code fields} (a comma-separated string or an
 * array) picks columns; default all. Columns: hotkeys, coldkeys, stake, consensus, incentive,
 * dividends, validatorTrust, emission, validatorPermit, active, lastUpdate, registeredAt, axons,
 * weights, bonds.
 */
public final class TaoGetMetagraph implements RpcMethod {

    /**
     * The most (uid, value) pairs the weights and bonds columns of one response may hold together (about
     * 16 MiB of JSON). A 4,096-uid subnet whose validators all set full rows holds up to 2 x 4,096^2; such a
     * metagraph is read in uid ranges ({@code from}, {@code count}).
     */
    public static final int MAX_ROW_ENTRIES = 1 << 20;

    static final java.util.List<String> FIELDS = java.util.List.of(
            "hotkeys",
            "coldkeys",
            "stake",
            "consensus",
            "incentive",
            "dividends",
            "validatorTrust",
            "emission",
            "validatorPermit",
            "active",
            "lastUpdate",
            "registeredAt",
            "axons",
            "weights",
            "bonds",
            "names");

    @Override
    public String name() {
        return "tao_getMetagraph";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("netuid", "fields", "at", "from", "count");
        int netuid = p.netuid(0, "netuid");
        java.util.LinkedHashSet<String> fields = fields(p.get(1, "fields"));
        RpcContext.AtState at = ctx.state(p.optionalHash(2, "at"));
        Long fromParam = p.optionalUint(3, "from", 65_535);
        Long countParam = p.optionalUint(4, "count", 65_536);
        ChainState s = at.state();
        var sn = s.subnet(netuid);
        if (sn == null) {
            throw new RpcException(RpcErrors.INVALID_PARAMS, "subnet " + netuid + " does not exist");
        }
        var neurons = s.neurons(netuid);
        ObjectNode o = Json.object()
                .put("netuid", netuid)
                .put("n", neurons.size())
                .put("blockNumber", at.number())
                .put("block", at.block().toHex());
        int from = fromParam == null ? 0 : fromParam.intValue();
        int to = (int) Math.min(neurons.size(), countParam == null ? neurons.size() : (long) from + countParam);
        if (fromParam != null) {
            o.put("from", from);
        }
        java.util.Map<String, ArrayNode> cols = new java.util.LinkedHashMap<>();
        for (String f : fields) {
            cols.put(f, o.putArray(f));
        }
        long entries = 0;
        for (int uid = from; uid < to; uid++) {
            var n = neurons.get(uid);
            for (var e : cols.entrySet()) {
                ArrayNode c = e.getValue();
                switch (e.getKey()) {
                    case "hotkeys" -> c.add(n.hotkey().toSs58());
                    case "coldkeys" -> {
                        AccountId owner = s.owner(n.hotkey());
                        if (owner == null) {
                            c.addNull();
                        } else {
                            c.add(owner.toSs58());
                        }
                    }
                    case "names" -> {
                        // chain.md §12: the owner coldkey's identity name, null when none
                        AccountId owner = s.owner(n.hotkey());
                        var id = owner == null ? null : s.identity(owner);
                        if (id == null) {
                            c.addNull();
                        } else {
                            c.add(id.name());
                        }
                    }
                    case "stake" -> c.add(s.totalHotkeyStake(n.hotkey()));
                    case "consensus" -> c.add(n.consensus());
                    case "incentive" -> c.add(n.incentive());
                    case "dividends" -> c.add(n.dividends());
                    case "validatorTrust" -> c.add(n.validatorTrust());
                    case "emission" -> c.add(n.emission());
                    case "validatorPermit" -> c.add(n.validatorPermit());
                    case "active" -> c.add(n.active());
                    case "lastUpdate" -> c.add(n.lastUpdate());
                    case "registeredAt" -> c.add(n.registeredAt());
                    case "axons" -> {
                        if (n.axon() == null) {
                            c.addNull();
                        } else {
                            c.add(DomainJson.axon(n.axon()));
                        }
                    }
                    case "weights", "bonds" -> {
                        var row = e.getKey().equals("weights") ? s.weights(netuid, uid) : s.bonds(netuid, uid);
                        entries += row.size();
                        if (entries > MAX_ROW_ENTRIES) {
                            throw RpcException.invalidParams(
                                    "the weights and bonds of subnet " + netuid + " from uid "
                                            + from + " hold more than " + MAX_ROW_ENTRIES
                                            + " entries, more than one response"
                                            + " carries: read them in uid ranges ('from', 'count') or leave them out ('fields')");
                        }
                        c.add(DomainJson.row(row));
                    }
                    default -> throw new IllegalStateException(e.getKey());
                }
            }
        }
        return o;
    }

    static java.util.LinkedHashSet<String> fields(JsonNode n) throws RpcException {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        if (n == null) {
            out.addAll(FIELDS);
            return out;
        }
        java.util.List<String> asked = new java.util.ArrayList<>();
        if (n.isTextual()) {
            for (String f : n.asText().split(",")) {
                if (!f.isBlank()) {
                    asked.add(f.trim());
                }
            }
        } else if (n.isArray()) {
            for (JsonNode f : n) {
                if (!f.isTextual()) {
                    throw RpcException.invalidParams(
                            "invalid params: 'fields' (param 2) must list field names as strings");
                }
                asked.add(f.asText());
            }
        } else {
            throw RpcException.invalidParams("invalid params: 'fields' (param 2) must be a comma-separated string or an"
                    + " array of field names");
        }
        for (String f : asked) {
            if (!FIELDS.contains(f)) {
                throw RpcException.invalidParams(
                        "invalid params: unknown metagraph field '" + f + "'; fields: " + FIELDS);
            }
            out.add(f);
        }
        if (out.isEmpty()) {
            throw RpcException.invalidParams("invalid params: 'fields' is empty; fields: " + FIELDS);
        }
        return out;
    }
}
