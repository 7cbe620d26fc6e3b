package org.tao4j.node.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.List;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;
import org.tao4j.runtime.event.Event;

/**
 * Events as JSON objects, {@code {"type": "Transfer", "from": "5F…", "to": "5G…", "amount": 1000}}: the
 * form the node stores them in (per block) and serves over RPC. Generic over the event records
 * (their component names become the fields), so events the runtime adds need no change here:
 * accounts print as SS58, byte arrays as 0x-hex, numbers as numbers, strings as strings.
 */
public final class EventJson {

    private EventJson() {}

    public static ArrayNode toJson(List<Event> events) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Event e : events) {
            out.add(toJson(e));
        }
        return out;
    }

    public static ObjectNode toJson(Event e) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", e.getClass().getSimpleName());
        RecordComponent[] comps = e.getClass().getRecordComponents();
        EventCodec.Shape shape = EventCodec.Shape.OF.get(e.getClass());
        for (int i = 0; i < comps.length; i++) {
            o.set(comps[i].getName(), value(EventCodec.get(shape.getters()[i], e)));
        }
        return o;
    }

    static JsonNode value(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (v) {
            case null -> f.nullNode();
            case AccountId a -> f.textNode(a.toSs58());
            case H256 h -> f.textNode(h.toHex());
            case byte[] b -> f.textNode(Hex.toHex(b));
            case Integer i -> f.numberNode(i);
            case Long l -> f.numberNode(l);
            case Short s -> f.numberNode(s);
            case Byte b -> f.numberNode(b);
            case Boolean b -> f.booleanNode(b);
            case String s -> f.textNode(s);
            case Enum<?> en -> f.textNode(en.name());
            case int[] xs -> {
                ArrayNode a = f.arrayNode();
                for (int x : xs) {
                    a.add(x);
                }
                yield a;
            }
            case long[] xs -> {
                ArrayNode a = f.arrayNode();
                for (long x : xs) {
                    a.add(x);
                }
                yield a;
            }
            case List<?> list -> {
                ArrayNode a = f.arrayNode();
                list.forEach(x -> a.add(value(x)));
                yield a;
            }
            default -> f.textNode(String.valueOf(v));
        };
    }
}
