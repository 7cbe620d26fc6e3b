package org.tao4j.core.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.core.kv.StoreTestSupport.b;
import static org.tao4j.core.kv.StoreTestSupport.scan;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryKeyValueStoreTest {

    @Test
    void putGetDelete() {
        MemoryKeyValueStore store = new MemoryKeyValueStore();
        assertThat(store.get(b("a"))).isNull();
        store.put(b("a"), b("1"));
        assertThat(store.get(b("a"))).isEqualTo(b("1"));
        store.put(b("a"), new byte[0]);
        assertThat(store.get(b("a"))).isEmpty();
        store.delete(b("a"));
        assertThat(store.get(b("a"))).isNull();
        store.delete(b("never-there"));
        assertThat(store.size()).isZero();
    }

    @Test
    void copiesInAndOut() {
        MemoryKeyValueStore store = new MemoryKeyValueStore();
        byte[] key = b("k");
        byte[] value = b("v");
        store.put(key, value);
        key[0] = 'x';
        value[0] = 'x';
        byte[] read = store.get(b("k"));
        assertThat(read).isEqualTo(b("v"));
        read[0] = 'y';
        assertThat(store.get(b("k"))).isEqualTo(b("v"));
    }

    @Test
    void prefixIterationIsUnsignedLexicographic() {
        MemoryKeyValueStore store = new MemoryKeyValueStore();
        byte[][] keys = {
            {1, (byte) 0xff}, {1, 0x00}, {1}, {1, 0x7f}, {1, (byte) 0x80}, {2}, {0, (byte) 0xff}, {1, 0x00, 0x00}
        };
        for (byte[] k : keys) {
            store.put(k, k);
        }
        List<byte[]> seen = new ArrayList<>();
        store.forEachWithPrefix(new byte[] {1}, (k, v) -> seen.add(k));
        assertThat(seen)
                .containsExactly(
                        new byte[] {1},
                        new byte[] {1, 0x00},
                        new byte[] {1, 0x00, 0x00},
                        new byte[] {1, 0x7f},
                        new byte[] {1, (byte) 0x80},
                        new byte[] {1, (byte) 0xff});
        List<byte[]> all = new ArrayList<>();
        store.forEachWithPrefix(new byte[0], (k, v) -> all.add(k));
        assertThat(all).hasSize(keys.length).isSortedAccordingTo(KeyValueStore.KEY_ORDER);
    }

    @Test
    void prefixOfAllOnesIsNotConfusedWithItsSuccessor() {
        MemoryKeyValueStore store = new MemoryKeyValueStore();
        store.put(new byte[] {(byte) 0xff}, b("a"));
        store.put(new byte[] {(byte) 0xff, 0}, b("b"));
        store.put(new byte[] {(byte) 0xfe, (byte) 0xff}, b("c"));
        assertThat(scan(store, new byte[] {(byte) 0xff})).containsExactly("\uFFFD=a", "\uFFFD\0=b");
    }

    @Test
    void consumerMayWriteWhileIterating() {
        MemoryKeyValueStore store = new MemoryKeyValueStore();
        store.put(b("p1"), b("x"));
        store.put(b("p2"), b("y"));
        List<String> seen = new ArrayList<>();
        store.forEachWithPrefix(b("p"), (k, v) -> {
            seen.add(StoreTestSupport.s(k));
            store.put(b("p3"), b("z"));
            store.delete(b("p2"));
        });
        assertThat(seen).containsExactly("p1", "p2"); // snapshot at the start of the call
        assertThat(scan(store, b("p"))).containsExactly("p1=x", "p3=z");
    }

    @Test
    void writeBatchAppliesInOrder() {
        MemoryKeyValueStore store = new MemoryKeyValueStore();
        store.put(b("gone"), b("1"));
        store.write(new WriteBatch()
                .put(b("a"), b("1"))
                .put(b("a"), b("2"))
                .delete(b("gone"))
                .put(b("b"), b("3"))
                .delete(b("b")));
        assertThat(scan(store, new byte[0])).containsExactly("a=2");
    }
}
