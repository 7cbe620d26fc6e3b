package org.tao4j.core.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.core.kv.StoreTestSupport.b;
import static org.tao4j.core.kv.StoreTestSupport.s;
import static org.tao4j.core.kv.StoreTestSupport.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class OverlayKeyValueStoreTest {

    /** Counts calls so tests can check that a commit is one batch and nothing else. */
    static final class CountingStore implements KeyValueStore {
        final KeyValueStore inner = new MemoryKeyValueStore();
        final List<WriteBatch> batches = new ArrayList<>();
        int singleWrites;

        @Override
        public byte[] get(byte[] key) {
            return inner.get(key);
        }

        @Override
        public void put(byte[] key, byte[] value) {
            singleWrites++;
            inner.put(key, value);
        }

        @Override
        public void delete(byte[] key) {
            singleWrites++;
            inner.delete(key);
        }

        @Override
        public void forEachWithPrefix(byte[] prefix, BiConsumer<byte[], byte[]> consumer) {
            inner.forEachWithPrefix(prefix, consumer);
        }

        @Override
        public void write(WriteBatch batch) {
            batches.add(batch);
            inner.write(batch);
        }
    }

    @Test
    void readsSeeBufferThenBase() {
        MemoryKeyValueStore base = new MemoryKeyValueStore();
        base.put(b("a"), b("base-a"));
        base.put(b("b"), b("base-b"));
        OverlayKeyValueStore overlay = new OverlayKeyValueStore(base);
        overlay.put(b("a"), b("new-a"));
        overlay.delete(b("b"));
        overlay.put(b("c"), b("new-c"));
        assertThat(overlay.get(b("a"))).isEqualTo(b("new-a"));
        assertThat(overlay.get(b("b"))).isNull();
        assertThat(overlay.get(b("c"))).isEqualTo(b("new-c"));
        assertThat(base.get(b("a"))).isEqualTo(b("base-a"));
        assertThat(base.get(b("c"))).isNull();
    }

    @Test
    void commitIsOneBatchAndRollbackDiscards() {
        CountingStore base = new CountingStore();
        base.inner.put(b("keep"), b("1"));
        base.inner.put(b("drop"), b("2"));
        OverlayKeyValueStore overlay = new OverlayKeyValueStore(base);
        overlay.put(b("x"), b("9"));
        overlay.rollback();
        assertThat(overlay.isEmpty()).isTrue();
        assertThat(base.get(b("x"))).isNull();

        overlay.put(b("new"), b("3"));
        overlay.delete(b("drop"));
        overlay.put(b("keep"), b("4"));
        overlay.commit();
        assertThat(base.singleWrites).isZero();
        assertThat(base.batches).hasSize(1);
        assertThat(base.batches.get(0).ops())
                .containsExactly(
                        new WriteBatch.Delete(b("drop")),
                        new WriteBatch.Put(b("keep"), b("4")),
                        new WriteBatch.Put(b("new"), b("3")));
        assertThat(scan(base, new byte[0])).containsExactly("keep=4", "new=3");
        assertThat(overlay.isEmpty()).isTrue();
        overlay.commit(); // nothing buffered: no empty batch
        assertThat(base.batches).hasSize(1);
    }

    @Test
    void changesAreSortedWithNullForDeletes() {
        OverlayKeyValueStore overlay = new OverlayKeyValueStore(new MemoryKeyValueStore());
        overlay.put(new byte[] {(byte) 0x80}, b("hi"));
        overlay.delete(new byte[] {0x01});
        overlay.put(new byte[] {0x7f}, b("lo"));
        SortedMap<byte[], byte[]> changes = overlay.changes();
        assertThat(changes.keySet()).containsExactly(new byte[] {0x01}, new byte[] {0x7f}, new byte[] {(byte) 0x80});
        assertThat(changes.get(new byte[] {0x01})).isNull();
        assertThat(changes.containsKey(new byte[] {0x01})).isTrue();
        assertThat(changes.get(new byte[] {0x7f})).isEqualTo(b("lo"));
        overlay.rollback();
        assertThat(changes).hasSize(3); // an independent copy
    }

    @Test
    void prefixIterationMergesBufferAndBaseIncludingDeletes() {
        MemoryKeyValueStore base = new MemoryKeyValueStore();
        for (String k : List.of("p1", "p3", "p5", "p7", "q1", "o9")) {
            base.put(b(k), b("base"));
        }
        OverlayKeyValueStore overlay = new OverlayKeyValueStore(base);
        overlay.put(b("p0"), b("new")); // before every base entry
        overlay.put(b("p3"), b("new")); // shadows
        overlay.delete(b("p5")); // hides
        overlay.put(b("p6"), b("new")); // between
        overlay.put(b("p9"), b("new")); // after every base entry
        overlay.delete(b("p8")); // delete of a key the base lacks
        overlay.put(b("q0"), b("new")); // outside the prefix
        assertThat(scan(overlay, b("p"))).containsExactly("p0=new", "p1=base", "p3=new", "p6=new", "p7=base", "p9=new");
        assertThat(scan(overlay, new byte[0]))
                .containsExactly(
                        "o9=base", "p0=new", "p1=base", "p3=new", "p6=new", "p7=base", "p9=new", "q0=new", "q1=base");
    }

    @Test
    void nestedOverlaysCommitAndRollBackLayerByLayer() {
        MemoryKeyValueStore db = new MemoryKeyValueStore();
        db.put(b("balance/alice"), b("100"));
        db.put(b("balance/bob"), b("5"));
        OverlayKeyValueStore block = new OverlayKeyValueStore(db);

        OverlayKeyValueStore tx1 = new OverlayKeyValueStore(block);
        tx1.put(b("balance/alice"), b("90"));
        tx1.put(b("balance/carol"), b("10"));
        tx1.commit();

        OverlayKeyValueStore tx2 = new OverlayKeyValueStore(block);
        tx2.delete(b("balance/bob"));
        tx2.put(b("balance/alice"), b("0"));
        assertThat(scan(tx2, b("balance/"))).containsExactly("balance/alice=0", "balance/carol=10");
        tx2.rollback(); // failed transaction

        assertThat(scan(block, b("balance/"))).containsExactly("balance/alice=90", "balance/bob=5", "balance/carol=10");
        assertThat(scan(db, b("balance/"))).containsExactly("balance/alice=100", "balance/bob=5");

        block.commit();
        assertThat(scan(db, b("balance/"))).containsExactly("balance/alice=90", "balance/bob=5", "balance/carol=10");
    }

    @Test
    void deleteInInnerOverlayHidesValueBufferedInOuter() {
        OverlayKeyValueStore outer = new OverlayKeyValueStore(new MemoryKeyValueStore());
        outer.put(b("k"), b("v"));
        OverlayKeyValueStore inner = new OverlayKeyValueStore(outer);
        inner.delete(b("k"));
        assertThat(inner.get(b("k"))).isNull();
        assertThat(scan(inner, new byte[0])).isEmpty();
        inner.commit();
        assertThat(outer.get(b("k"))).isNull();
        assertThat(outer.changes().containsKey(b("k"))).isTrue();
    }

    @Test
    void consumerMayWriteToOverlayWhileIterating() {
        MemoryKeyValueStore base = new MemoryKeyValueStore();
        base.put(b("a1"), b("x"));
        OverlayKeyValueStore overlay = new OverlayKeyValueStore(base);
        overlay.put(b("a2"), b("y"));
        List<String> seen = new ArrayList<>();
        overlay.forEachWithPrefix(b("a"), (k, v) -> {
            seen.add(s(k));
            overlay.put(b("a3"), b("z"));
            overlay.delete(b("a2"));
        });
        assertThat(seen).containsExactly("a1", "a2");
        assertThat(scan(overlay, b("a"))).containsExactly("a1=x", "a3=z");
    }

    @Test
    void prefixedViewsShareOneAtomicCommit() {
        CountingStore db = new CountingStore();
        OverlayKeyValueStore block = new OverlayKeyValueStore(db);
        KeyValueStore state = new PrefixedKeyValueStore(block, b("s:"));
        KeyValueStore nodes = new PrefixedKeyValueStore(block, b("n:"));
        state.put(b("x"), b("1"));
        nodes.write(new WriteBatch().put(b("h1"), b("node")));
        assertThat(scan(state, new byte[0])).containsExactly("x=1");
        assertThat(scan(nodes, b("h"))).containsExactly("h1=node");
        block.commit();
        assertThat(db.batches).hasSize(1);
        assertThat(scan(db, new byte[0])).containsExactly("n:h1=node", "s:x=1");
    }

    @Test
    void anEmptyValueIsAValueNotADelete() {
        MemoryKeyValueStore base = new MemoryKeyValueStore();
        base.put(b("gone"), b("1"));
        base.put(b("blank"), b("2"));
        OverlayKeyValueStore overlay = new OverlayKeyValueStore(base);
        overlay.put(b("blank"), new byte[0]);
        overlay.put(b("fresh"), new byte[0]);
        overlay.delete(b("gone"));
        overlay.delete(b("never")); // absent in the base too
        assertThat(overlay.get(b("blank"))).isEmpty();
        assertThat(overlay.get(b("fresh"))).isEmpty();
        assertThat(overlay.get(b("gone"))).isNull();
        assertThat(overlay.get(b("never"))).isNull();
        assertThat(scan(overlay, new byte[0])).containsExactly("blank=", "fresh=");
        SortedMap<byte[], byte[]> changes = overlay.changes();
        assertThat(changes.get(b("blank"))).isEmpty();
        assertThat(changes.get(b("gone"))).isNull();
        assertThat(changes.containsKey(b("gone"))).isTrue();
        assertThat(changes).hasSize(4);
        // a value handed out is a copy: changing it changes nothing buffered
        overlay.put(b("x"), b("abc"));
        overlay.get(b("x"))[0] = 'z';
        assertThat(s(overlay.get(b("x")))).isEqualTo("abc");
        overlay.commit();
        assertThat(base.get(b("blank"))).isEmpty();
        assertThat(base.get(b("fresh"))).isEmpty();
        assertThat(base.get(b("gone"))).isNull();
        assertThat(scan(base, new byte[0])).containsExactly("blank=", "fresh=", "x=abc");
    }
}
