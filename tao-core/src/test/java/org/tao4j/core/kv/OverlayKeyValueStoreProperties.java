package org.tao4j.core.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Model check: a stack of overlays over a memory store behaves exactly like a plain sorted map that
 * receives the committed operations, for point reads and for prefix iteration.
 */
class OverlayKeyValueStoreProperties {

    /** kind: 0 put, 1 delete, 2 commit the innermost overlay, 3 roll it back, 4 push a new overlay. */
    record Op(int kind, byte[] key, byte[] value) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        // Tiny alphabet and short keys so that keys collide and share prefixes often.
        Arbitrary<byte[]> keys = Arbitraries.bytes()
                .between((byte) 0, (byte) 3)
                .array(byte[].class)
                .ofMinSize(0)
                .ofMaxSize(3);
        Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofMaxSize(2);
        Arbitrary<Integer> kinds =
                Arbitraries.frequency(Tuple.of(8, 0), Tuple.of(4, 1), Tuple.of(1, 2), Tuple.of(1, 3), Tuple.of(1, 4));
        return Combinators.combine(kinds, keys, values).as(Op::new).list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void overlayStackMatchesModel(@ForAll("ops") List<Op> ops) {
        MemoryKeyValueStore db = new MemoryKeyValueStore();
        // models.get(i) is what layer i (0 = db) should contain.
        List<TreeMap<byte[], byte[]>> models = new ArrayList<>();
        models.add(new TreeMap<>(KeyValueStore.KEY_ORDER));
        List<KeyValueStore> layers = new ArrayList<>();
        layers.add(db);

        for (Op op : ops) {
            int top = layers.size() - 1;
            switch (op.kind()) {
                case 0 -> {
                    layers.get(top).put(op.key(), op.value());
                    models.get(top).put(op.key(), op.value());
                }
                case 1 -> {
                    layers.get(top).delete(op.key());
                    models.get(top).remove(op.key());
                }
                case 2, 3 -> {
                    if (top > 0) {
                        OverlayKeyValueStore overlay = (OverlayKeyValueStore) layers.remove(top);
                        TreeMap<byte[], byte[]> model = models.remove(top);
                        if (op.kind() == 2) {
                            overlay.commit();
                            models.set(top - 1, model);
                        } else {
                            overlay.rollback();
                        }
                    }
                }
                default -> {
                    layers.add(new OverlayKeyValueStore(layers.get(top)));
                    models.add(new TreeMap<>(models.get(top)));
                }
            }
            for (int i = 0; i < layers.size(); i++) {
                assertSame(layers.get(i), models.get(i), op.key());
            }
        }
    }

    private static void assertSame(KeyValueStore store, TreeMap<byte[], byte[]> model, byte[] probe) {
        assertThat(store.get(probe)).isEqualTo(model.get(probe));
        for (byte[] prefix : List.of(new byte[0], probe, probe.length > 0 ? new byte[] {probe[0]} : new byte[0])) {
            List<Map.Entry<String, String>> actual = new ArrayList<>();
            store.forEachWithPrefix(prefix, (k, v) -> actual.add(Map.entry(hex(k), hex(v))));
            List<Map.Entry<String, String>> expected = new ArrayList<>();
            for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
                if (Keys.startsWith(e.getKey(), prefix)) {
                    expected.add(Map.entry(hex(e.getKey()), hex(e.getValue())));
                }
            }
            assertThat(actual).isEqualTo(expected);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
