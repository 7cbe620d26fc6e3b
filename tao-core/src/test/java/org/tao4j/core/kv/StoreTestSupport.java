package org.tao4j.core.kv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

final class StoreTestSupport {
    private StoreTestSupport() {}

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** "key=value" strings of a prefix iteration, in visiting order. */
    static List<String> scan(KeyValueStore store, byte[] prefix) {
        List<String> out = new ArrayList<>();
        store.forEachWithPrefix(prefix, (k, v) -> out.add(s(k) + "=" + s(v)));
        return out;
    }
}
