package org.tao4j.node.blockstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.WriteBatch;
import org.tao4j.rocksdb.RangeStore;

class HeadStateCacheTest {

    /** The database stand-in: a sorted map, counting reads; a hook may pause a read after it has read. */
    static final class MapStore implements RangeStore {
        final TreeMap<byte[], byte[]> map = new TreeMap<>(KeyValueStore.KEY_ORDER);
        final AtomicInteger reads = new AtomicInteger();
        volatile Runnable afterRead = () -> {};

        @Override
        public byte[] get(byte[] key) {
            byte[] out;
            Runnable hook;
            synchronized (this) {
                reads.incrementAndGet();
                byte[] v = map.get(key);
                out = v == null ? null : v.clone();
                hook = afterRead;
                afterRead = () -> {};
            }
            hook.run(); // outside the lock, so a commit can run meanwhile
            return out;
        }

        @Override
        public synchronized void put(byte[] key, byte[] value) {
            map.put(key.clone(), value.clone());
        }

        @Override
        public synchronized void delete(byte[] key) {
            map.remove(key);
        }

        @Override
        public void forEachWithPrefix(byte[] prefix, BiConsumer<byte[], byte[]> consumer) {
            map.forEach((k, v) -> {
                if (k.length >= prefix.length
                        && java.util.Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length)) {
                    consumer.accept(k, v);
                }
            });
        }

        @Override
        public void write(WriteBatch batch) {
            for (WriteBatch.Op op : batch.ops()) {
                switch (op) {
                    case WriteBatch.Put p -> put(p.key(), p.value());
                    case WriteBatch.Delete d -> delete(d.key());
                }
            }
        }

        @Override
        public void scan(byte[] from, byte[] toExclusive, Visitor visitor) {
            for (Map.Entry<byte[], byte[]> e : map.subMap(from, toExclusive).entrySet()) {
                if (!visitor.visit(e.getKey(), e.getValue())) {
                    return;
                }
            }
        }

        /** A block commit as ChainStore does it: the database first, then the cache. */
        void commit(HeadStateCache cache, Map<byte[], byte[]> changes) {
            changes.forEach((k, v) -> {
                if (v == null) {
                    delete(k);
                } else {
                    put(k, v);
                }
            });
            cache.applyCommitted(changes);
        }
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSecondReadIsServedFromMemoryAndCopiesOut() {
        MapStore db = new MapStore();
        db.put(b("alice"), b("10"));
        HeadStateCache cache = new HeadStateCache(db, 100);
        assertArrayEquals(b("10"), cache.get(b("alice")));
        byte[] v = cache.get(b("alice"));
        assertEquals(1, db.reads.get(), "the second read did not reach the database");
        v[0] = 'X'; // a caller modifying its copy does not change the cache
        assertArrayEquals(b("10"), cache.get(b("alice")));
    }

    @Test
    void absentKeysAreCachedAndACommitThatAddsOrDeletesIsSeen() {
        MapStore db = new MapStore();
        db.put(b("bob"), b("5"));
        HeadStateCache cache = new HeadStateCache(db, 100);
        assertNull(cache.get(b("carol")));
        assertNull(cache.get(b("carol")));
        assertEquals(1, db.reads.get());
        assertArrayEquals(b("5"), cache.get(b("bob")));
        Map<byte[], byte[]> changes = new HashMap<>();
        changes.put(b("carol"), b("7"));
        changes.put(b("bob"), null);
        db.commit(cache, changes);
        assertArrayEquals(b("7"), cache.get(b("carol")));
        assertNull(cache.get(b("bob")));
        assertEquals(2, db.reads.get(), "committed values come from the commit, not from new reads");
    }

    @Test
    void aValueReadBeforeACommitIsNeverLeftInTheCacheAfterIt() throws Exception {
        MapStore db = new MapStore();
        db.put(b("dave"), b("old"));
        HeadStateCache cache = new HeadStateCache(db, 100);
        CountDownLatch readDone = new CountDownLatch(1);
        CountDownLatch committed = new CountDownLatch(1);
        db.afterRead = () -> { // the reader has read "old" from the database; the block commits now
            readDone.countDown();
            try {
                assertTrue(committed.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        AtomicReference<byte[]> seen = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> seen.set(cache.get(b("dave"))));
        assertTrue(readDone.await(10, TimeUnit.SECONDS));
        db.commit(cache, Map.of(b("dave"), b("new")));
        committed.countDown();
        reader.join(10_000);
        assertArrayEquals(b("old"), seen.get(), "the racing reader saw the value from before the commit");
        assertArrayEquals(b("new"), cache.get(b("dave")), "and did not put it back in the cache");
    }

    @Test
    void boundedAndAlwaysRightUnderRandomCommitsAndReads() {
        MapStore db = new MapStore();
        HeadStateCache cache = new HeadStateCache(db, 16);
        Random rnd = new Random(42);
        Map<String, String> truth = new HashMap<>();
        for (int step = 0; step < 5_000; step++) {
            String k = "k" + rnd.nextInt(64);
            if (rnd.nextInt(4) == 0) {
                Map<byte[], byte[]> changes = new HashMap<>();
                for (int i = 0; i < 1 + rnd.nextInt(8); i++) {
                    String ck = "k" + rnd.nextInt(64);
                    String v = rnd.nextInt(5) == 0 ? null : Integer.toString(step * 10 + i);
                    changes.keySet().removeIf(x -> new String(x, StandardCharsets.UTF_8).equals(ck));
                    changes.put(b(ck), v == null ? null : b(v));
                    if (v == null) {
                        truth.remove(ck);
                    } else {
                        truth.put(ck, v);
                    }
                }
                db.commit(cache, changes);
            }
            byte[] got = cache.get(b(k));
            String want = truth.get(k);
            if (want == null) {
                assertNull(got, k + " at step " + step);
            } else {
                assertArrayEquals(b(want), got, k + " at step " + step);
            }
            assertTrue(cache.size() <= 32, "two generations of at most 16");
        }
    }

    @Test
    void writesThroughTheCacheReachTheDatabaseAndInvalidate() {
        MapStore db = new MapStore();
        db.put(b("erin"), b("1"));
        HeadStateCache cache = new HeadStateCache(db, 100);
        assertArrayEquals(b("1"), cache.get(b("erin")));
        cache.put(b("erin"), b("2"));
        assertArrayEquals(b("2"), cache.get(b("erin")));
        cache.write(new WriteBatch().delete(b("erin")));
        assertNull(cache.get(b("erin")));
        cache.delete(b("nobody"));
        assertNull(cache.get(b("nobody")));
    }
}
