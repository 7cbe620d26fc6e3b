package org.tao4j.node.chain;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.scale.ScaleException;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.core.scale.ScaleWriter;
import org.tao4j.runtime.event.Event;

/**
 * The stored form of a block's events: SCALE {@code vec<(string type, fields…)>}, each field in
 * record-component order by its Java type (account = 32 bytes, long = u64, int = u32, boolean,
 * string, byte[] = bytes). Generic over the runtime's {@link Event} records, found by their simple
 * name, so new events need no change here. Cheap to write on the block path; the JSON (with SS58
 * addresses, costly to compute) is made only when someone asks ({@link EventJson}).
 */
public final class EventCodec {

    private static final Map<String, Class<?>> TYPES = new HashMap<>();

    static {
        for (Class<?> c : Event.class.getPermittedSubclasses()) {
            TYPES.put(c.getSimpleName(), c);
        }
    }

    private EventCodec() {
    }

    public static byte[] encode(List<Event> events) {
        ScaleWriter w = new ScaleWriter();
        w.compact(events.size());
        for (Event e : events) {
            w.string(e.getClass().getSimpleName());
            for (RecordComponent c : e.getClass().getRecordComponents()) {
                Object v;
                try {
                    v = c.getAccessor().invoke(e);
                } catch (ReflectiveOperationException ex) {
                    throw new IllegalStateException("cannot read event field " + c.getName(), ex);
                }
                write(w, c.getType(), v);
            }
        }
        return w.toByteArray();
    }

    private static void write(ScaleWriter w, Class<?> type, Object v) {
        if (type == AccountId.class) {
            w.fixedBytes(((AccountId) v).bytes());
        } else if (type == long.class) {
            w.u64((Long) v);
        } else if (type == int.class) {
            w.u32(((Integer) v) & 0xFFFFFFFFL);
        } else if (type == boolean.class) {
            w.bool((Boolean) v);
        } else if (type == String.class) {
            w.bool(v != null);
            if (v != null) {
                w.string((String) v);
            }
        } else if (type == byte[].class) {
            w.bytes((byte[]) v);
        } else {
            throw new IllegalStateException("events with fields of type " + type.getName() + " are not storable yet");
        }
    }

    public static List<Event> decode(byte[] stored) {
        ScaleReader r = new ScaleReader(stored);
        int n = r.readLength();
        List<Event> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = r.readString();
            Class<?> c = TYPES.get(name);
            if (c == null) {
                throw new ScaleException(r.position(), "unknown event type " + name);
            }
            RecordComponent[] comps = c.getRecordComponents();
            Object[] args = new Object[comps.length];
            Class<?>[] types = new Class<?>[comps.length];
            for (int k = 0; k < comps.length; k++) {
                types[k] = comps[k].getType();
                args[k] = read(r, types[k]);
            }
            try {
                Constructor<?> ctor = c.getDeclaredConstructor(types);
                out.add((Event) ctor.newInstance(args));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot rebuild event " + name, e);
            }
        }
        r.expectEnd();
        return out;
    }

    private static Object read(ScaleReader r, Class<?> type) {
        if (type == AccountId.class) {
            return new AccountId(r.readFixedBytes(32));
        } else if (type == long.class) {
            return r.readU64();
        } else if (type == int.class) {
            return (int) r.readU32();
        } else if (type == boolean.class) {
            return r.readBool();
        } else if (type == String.class) {
            return r.readBool() ? r.readString() : null;
        } else if (type == byte[].class) {
            return r.readBytes();
        }
        throw new IllegalStateException("events with fields of type " + type.getName() + " are not storable yet");
    }
}
