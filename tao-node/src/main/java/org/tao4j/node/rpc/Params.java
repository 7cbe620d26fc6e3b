package org.tao4j.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;

/**
 * A method's parameters, by position (JSON array, Substrate style) or by name (JSON object). Each
 * getter names the parameter in its error, so a caller learns exactly what was wrong:
 * {@code "invalid params: 'address' (param 1) must be an SS58 address: bad checksum"}.
 */
public final class Params {

    private final JsonNode params;

    Params(JsonNode params) {
        this.params = params;
    }

    /** The raw parameter at {@code index} / {@code name}, or null if absent or JSON null. */
    public JsonNode get(int index, String name) {
        JsonNode n = null;
        if (params == null || params.isNull() || params.isMissingNode()) {
            return null;
        }
        if (params.isArray()) {
            n = index < params.size() ? params.get(index) : null;
        } else if (params.isObject()) {
            n = params.get(name);
        }
        return n == null || n.isNull() ? null : n;
    }

    /** Rejects parameters beyond the method's {@code names}. */
    public Params expect(String... names) throws RpcException {
        List<String> known = List.of(names);
        if (params != null && params.isArray() && params.size() > names.length) {
            throw RpcException.invalidParams(
                    "invalid params: expected at most " + names.length + " params " + known + ", got " + params.size());
        }
        if (params != null && params.isObject()) {
            for (var it = params.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!known.contains(f)) {
                    throw RpcException.invalidParams(
                            "invalid params: unknown param '" + f + "'; this method takes " + known);
                }
            }
        }
        return this;
    }

    private static RpcException bad(int index, String name, String what) {
        return RpcException.invalidParams("invalid params: '" + name + "' (param " + (index + 1) + ") " + what);
    }

    private JsonNode required(int index, String name) throws RpcException {
        JsonNode n = get(index, name);
        if (n == null) {
            throw bad(index, name, "is required");
        }
        return n;
    }

    public String string(int index, String name) throws RpcException {
        JsonNode n = required(index, name);
        if (!n.isTextual()) {
            throw bad(index, name, "must be a string, got " + kind(n));
        }
        return n.asText();
    }

    public AccountId account(int index, String name) throws RpcException {
        String s = string(index, name);
        try {
            if (s.startsWith("0x") && s.length() == 66) {
                return AccountId.fromHex(s);
            }
            return AccountId.fromSs58(s);
        } catch (IllegalArgumentException e) {
            throw bad(index, name, "must be an SS58 address (or 0x + 64 hex digits): " + e.getMessage());
        }
    }

    public H256 hash(int index, String name) throws RpcException {
        String s = string(index, name);
        try {
            return new H256(Hex.fromHex(prefixed(s), 32));
        } catch (IllegalArgumentException e) {
            throw bad(index, name, "must be a 32-byte hash as 0x-hex: " + e.getMessage());
        }
    }

    public H256 optionalHash(int index, String name) throws RpcException {
        return get(index, name) == null ? null : hash(index, name);
    }

    public byte[] hexBytes(int index, String name) throws RpcException {
        String s = string(index, name);
        try {
            return Hex.fromHex(prefixed(s));
        } catch (IllegalArgumentException e) {
            throw bad(index, name, "must be 0x-prefixed hex: " + e.getMessage());
        }
    }

    /** {@code s} if it starts with {@code 0x} (or {@code 0X}); the RPC never guesses that bare digits are hex. */
    private static String prefixed(String s) {
        if (!s.startsWith("0x") && !s.startsWith("0X")) {
            throw new IllegalArgumentException("the 0x prefix is missing");
        }
        return s;
    }

    /** A non-negative integer no larger than {@code max}; a JSON number or a 0x-hex / decimal string. */
    public long uint(int index, String name, long max) throws RpcException {
        JsonNode n = required(index, name);
        long v;
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            v = n.asLong();
        } else if (n.isTextual()) {
            String s = n.asText();
            try {
                v = s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw bad(index, name, "must be a non-negative integer, got \"" + clip(s) + "\"");
            }
        } else {
            throw bad(index, name, "must be a non-negative integer, got " + kind(n));
        }
        if (v < 0 || v > max) {
            throw bad(index, name, "must be between 0 and " + max + ", got " + v);
        }
        return v;
    }

    public Long optionalUint(int index, String name, long max) throws RpcException {
        return get(index, name) == null ? null : uint(index, name, max);
    }

    public int netuid(int index, String name) throws RpcException {
        return (int) uint(index, name, 65_535);
    }

    public boolean bool(int index, String name, boolean dflt) throws RpcException {
        JsonNode n = get(index, name);
        if (n == null) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw bad(index, name, "must be true or false, got " + kind(n));
        }
        return n.asBoolean();
    }

    static String kind(JsonNode n) {
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number (" + clip(n.asText()) + ")";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isObject()) {
            return "an object";
        }
        return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
