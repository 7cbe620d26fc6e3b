package org.tao4j.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collection;
import org.tao4j.client.model.ChainEvent;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;
import org.tao4j.runtime.tx.Extrinsic;

/** JSON: the request form of parameters and the typed reading of results. */
final class Codec {

    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // results can be large (a full metagraph); numbers never are
        MAPPER.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(256 * 1024 * 1024)
                        .maxNumberLength(100)
                        .build());
        MAPPER.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        SimpleModule m = new SimpleModule("tao");
        m.addDeserializer(AccountId.class, new JsonDeserializer<>() {
            @Override
            public AccountId deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                String s = p.getValueAsString();
                try {
                    return s.startsWith("0x") ? AccountId.fromHex(s) : AccountId.fromSs58(s);
                } catch (RuntimeException e) {
                    return (AccountId)
                            ctx.handleWeirdStringValue(AccountId.class, s, "not an account: %s", e.getMessage());
                }
            }
        });
        m.addDeserializer(H256.class, new JsonDeserializer<>() {
            @Override
            public H256 deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                String s = p.getValueAsString();
                try {
                    return H256.fromHex(s);
                } catch (RuntimeException e) {
                    return (H256) ctx.handleWeirdStringValue(H256.class, s, "not a 32-byte hash: %s", e.getMessage());
                }
            }
        });
        m.addDeserializer(ChainEvent.class, new JsonDeserializer<>() {
            @Override
            public ChainEvent deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                JsonNode n = p.readValueAsTree();
                try {
                    return ChainEvent.of(n);
                } catch (RuntimeException e) {
                    return (ChainEvent) ctx.handleUnexpectedToken(ChainEvent.class, p);
                }
            }
        });
        MAPPER.registerModule(m);
    }

    private Codec() {}

    static <T> T read(JsonNode n, Class<T> cls, String method) {
        try {
            return MAPPER.treeToValue(n, cls);
        } catch (IOException | IllegalArgumentException e) {
            throw unexpected(method, cls.getSimpleName(), n, e);
        }
    }

    static <T> T read(JsonNode n, TypeReference<T> type, String method) {
        try {
            return MAPPER.treeToValue(n, MAPPER.getTypeFactory().constructType(type));
        } catch (IOException | IllegalArgumentException e) {
            throw unexpected(method, type.getType().getTypeName(), n, e);
        }
    }

    static UnexpectedResponseException unexpected(String method, String what, JsonNode n, Exception e) {
        String text = String.valueOf(n);
        if (text.length() > 200) {
            text = text.substring(0, 200) + "…";
        }
        return new UnexpectedResponseException(
                "cannot read the result of '" + method + "' as " + what + ": "
                        + e.getMessage().lines().findFirst().orElse("") + " (got " + text + ")",
                e);
    }

    static JsonNode parse(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    static String write(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Positional params; trailing nulls (omitted optionals) are dropped. */
    static ArrayNode params(Object... ps) {
        int end = ps.length;
        while (end > 0 && ps[end - 1] == null) {
            end--;
        }
        ArrayNode a = F.arrayNode();
        for (int i = 0; i < end; i++) {
            a.add(value(ps[i]));
        }
        return a;
    }

    static JsonNode value(Object o) {
        return switch (o) {
            case null -> F.nullNode();
            case JsonNode j -> j;
            case AccountId a -> F.textNode(a.toSs58());
            case H256 h -> F.textNode(h.toHex());
            case byte[] b -> F.textNode(Hex.toHex(b));
            case Extrinsic x -> F.textNode(Hex.toHex(x.encode()));
            case String s -> F.textNode(s);
            case Integer i -> F.numberNode(i);
            case Long l -> F.numberNode(l);
            case Boolean b -> F.booleanNode(b);
            case Collection<?> c -> {
                ArrayNode a = F.arrayNode();
                c.forEach(x -> a.add(value(x)));
                yield a;
            }
            default -> MAPPER.valueToTree(o);
        };
    }

    static ObjectNode request(long id, String method, ArrayNode params) {
        ObjectNode o = F.objectNode();
        o.put("jsonrpc", "2.0");
        o.put("id", id);
        o.put("method", method);
        o.set("params", params);
        return o;
    }

    /** The RpcException of a JSON-RPC error object. */
    static RpcException error(JsonNode err) {
        int code = err.path("code").asInt(RpcException.INTERNAL_ERROR);
        String message = err.path("message").asText("(no message)");
        JsonNode d = err.get("data");
        String data = d == null || d.isNull() ? null : d.isTextual() ? d.asText() : d.toString();
        return new RpcException(code, message, data);
    }
}
