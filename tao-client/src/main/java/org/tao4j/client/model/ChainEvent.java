package org.tao4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;
import org.tao4j.runtime.event.Event;

/**
 * One event as {@code tao_getEvents} serves it: {@code {"type": "Transfer", "from": "5F…", …}}.
 *
 * @param type the event's type, the simple name of its runtime record ("Transfer", "ExtrinsicFailed")
 * @param fields every field but {@code type}, as the node sent them (accounts as SS58, bytes as hex)
 * @param event the runtime's own record ({@link Event}) when this client knows the type and its
 *     fields decode; null for a type the client does not know (a newer node)
 */
public record ChainEvent(String type, ObjectNode fields, Event event) {

    private static final Map<String, Class<?>> TYPES = new HashMap<>();

    static {
        for (Class<?> c : Event.class.getPermittedSubclasses()) {
            TYPES.put(c.getSimpleName(), c);
        }
    }

    public ChainEvent {
        Objects.requireNonNull(type, "type");
        fields = fields.deepCopy();
    }

    /** Reads an event object; the {@code event} is decoded when possible. */
    public static ChainEvent of(JsonNode json) {
        if (json == null || !json.isObject() || !json.path("type").isTextual()) {
            throw new IllegalArgumentException("an event is an object with a string 'type', got " + json);
        }
        ObjectNode fields = ((ObjectNode) json).deepCopy();
        String type = fields.remove("type").asText();
        return new ChainEvent(type, fields, decode(type, fields));
    }

    /** The runtime record of this event if it is a {@code cls}, else null. */
    public <E extends Event> E as(Class<E> cls) {
        return cls.isInstance(event) ? cls.cast(event) : null;
    }

    /** A field as a long (amounts, fees, numbers); fails when absent. */
    public long longField(String name) {
        return require(name).asLong();
    }

    public int intField(String name) {
        return require(name).asInt();
    }

    /** A field as text (or null when absent / null). */
    public String text(String name) {
        JsonNode n = fields.get(name);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** An account field (SS58 on the wire). */
    public AccountId account(String name) {
        String s = text(name);
        return s == null ? null : AccountId.fromSs58(s);
    }

    private JsonNode require(String name) {
        JsonNode n = fields.get(name);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("event " + type + " has no field '" + name + "'");
        }
        return n;
    }

    /** True for ExtrinsicSuccess and ExtrinsicFailed, the events that close a transaction's events. */
    public boolean isExtrinsicResult() {
        return type.equals("ExtrinsicSuccess") || type.equals("ExtrinsicFailed");
    }

    @Override
    public String toString() {
        return type + fields;
    }

    private static Event decode(String type, ObjectNode fields) {
        Class<?> c = TYPES.get(type);
        if (c == null || !c.isRecord()) {
            return null;
        }
        try {
            RecordComponent[] comps = c.getRecordComponents();
            Class<?>[] types = new Class<?>[comps.length];
            Object[] args = new Object[comps.length];
            for (int i = 0; i < comps.length; i++) {
                types[i] = comps[i].getType();
                args[i] = value(comps[i].getType(), fields.get(comps[i].getName()));
            }
            Constructor<?> ctor = c.getDeclaredConstructor(types);
            return (Event) ctor.newInstance(args);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object value(Class<?> t, JsonNode n) {
        boolean missing = n == null || n.isNull();
        if (t == int.class) {
            return requireNumber(n).intValue();
        } else if (t == long.class) {
            return requireNumber(n).longValue();
        } else if (t == short.class) {
            return requireNumber(n).shortValue();
        } else if (t == byte.class) {
            return (byte) requireNumber(n).intValue();
        } else if (t == boolean.class) {
            if (missing || !n.isBoolean()) {
                throw new IllegalArgumentException("not a boolean");
            }
            return n.booleanValue();
        } else if (missing) {
            return null;
        } else if (t == String.class) {
            return n.asText();
        } else if (t == AccountId.class) {
            return AccountId.fromSs58(n.asText());
        } else if (t == H256.class) {
            return H256.fromHex(n.asText());
        } else if (t == byte[].class) {
            return Hex.fromHex(n.asText());
        } else if (t.isEnum()) {
            return Enum.valueOf((Class) t, n.asText());
        } else if (t == int[].class) {
            int[] a = new int[n.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = requireNumber(n.get(i)).intValue();
            }
            return a;
        } else if (t == long[].class) {
            long[] a = new long[n.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = requireNumber(n.get(i)).longValue();
            }
            return a;
        }
        throw new IllegalArgumentException("unsupported event field type " + t);
    }

    private static JsonNode requireNumber(JsonNode n) {
        if (n == null || !n.isIntegralNumber()) {
            throw new IllegalArgumentException("not an integer");
        }
        return n;
    }
}
