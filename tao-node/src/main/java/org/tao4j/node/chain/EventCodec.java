package org.tao4j.node.chain;

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

    /** Per event class: its components' types and accessors, and its canonical constructor (reflection is slow to set up). */
    record Shape(Class<?>[] types, java.lang.invoke.MethodHandle[] getters, java.lang.invoke.MethodHandle ctor) {
        static final ClassValue<Shape> OF = new ClassValue<>() {
            @Override
            protected Shape computeValue(Class<?> c) {
                RecordComponent[] comps = c.getRecordComponents();
                Class<?>[] types = new Class<?>[comps.length];
                java.lang.invoke.MethodHandle[] getters = new java.lang.invoke.MethodHandle[comps.length];
                java.lang.invoke.MethodHandles.Lookup l = java.lang.invoke.MethodHandles.publicLookup();
                try {
                    for (int i = 0; i < comps.length; i++) {
                        types[i] = comps[i].getType();
                        getters[i] = l.unreflect(comps[i].getAccessor())
                                .asType(java.lang.invoke.MethodType.methodType(Object.class, Object.class));
                    }
                    java.lang.invoke.MethodHandle ctor = l.unreflectConstructor(c.getDeclaredConstructor(types))
                            .asSpreader(Object[].class, types.length)
                            .asType(java.lang.invoke.MethodType.methodType(Object.class, Object[].class));
                    return new Shape(types, getters, ctor);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("event " + c.getName() + " is not a public record", e);
                }
            }
        };
    }

    static {
        for (Class<?> c : Event.class.getPermittedSubclasses()) {
            TYPES.put(c.getSimpleName(), c);
        }
    }

    private EventCodec() {}

    public static byte[] encode(List<Event> events) {
        ScaleWriter w = new ScaleWriter();
        w.compact(events.size());
        for (Event e : events) {
            w.string(e.getClass().getSimpleName());
            Shape shape = Shape.OF.get(e.getClass());
            for (int i = 0; i < shape.types().length; i++) {
                write(w, shape.types()[i], get(shape.getters()[i], e));
            }
        }
        return w.toByteArray();
    }

    static Object get(java.lang.invoke.MethodHandle getter, Object record) {
        try {
            return getter.invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
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
            Shape shape = Shape.OF.get(c);
            Object[] args = new Object[shape.types().length];
            for (int k = 0; k < args.length; k++) {
                args[k] = read(r, shape.types()[k]);
            }
            try {
                Object event = shape.ctor().invokeExact(args);
                out.add((Event) event);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("cannot rebuild event " + name, t);
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
