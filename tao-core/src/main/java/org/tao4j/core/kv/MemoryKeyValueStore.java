package org.tao4j.core.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A {@link KeyValueStore} held in a {@link TreeMap}, for tests and in-memory chains.
 *
 * <p>Thread-safe: every operation holds the store's monitor, so a {@link #write} is atomic with
 * respect to concurrent readers. {@link #forEachWithPrefix} copies the matching range under the
 * monitor and calls the consumer outside it, which gives the snapshot semantics the interface
 * promises and lets the consumer write to the store without a ConcurrentModificationException.
 */
public final class MemoryKeyValueStore implements KeyValueStore {

    private final TreeMap<byte[], byte[]> map = new TreeMap<>(KEY_ORDER);

    @Override
    public synchronized byte[] get(byte[] key) {
        return Keys.copy(map.get(Objects.requireNonNull(key, "key")));
    }

    @Override
    public synchronized void put(byte[] key, byte[] value) {
        map.put(
                Objects.requireNonNull(key, "key").clone(),
                Objects.requireNonNull(value, "value").clone());
    }

    @Override
    public synchronized void delete(byte[] key) {
        map.remove(Objects.requireNonNull(key, "key"));
    }

    @Override
    public void forEachWithPrefix(byte[] prefix, BiConsumer<byte[], byte[]> consumer) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(consumer, "consumer");
        List<Map.Entry<byte[], byte[]>> range = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<byte[], byte[]> e : map.tailMap(prefix, true).entrySet()) {
                if (!Keys.startsWith(e.getKey(), prefix)) {
                    break;
                }
                // The stored arrays are never mutated (put replaces them), so sharing them until the copy
                // below is safe.
                range.add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        for (Map.Entry<byte[], byte[]> e : range) {
            consumer.accept(e.getKey().clone(), e.getValue().clone());
        }
    }

    @Override
    public synchronized void write(WriteBatch batch) {
        // Put/Delete copy on access and the map owns what it stores, so taking the copies is enough.
        for (WriteBatch.Op op : batch.ops()) {
            switch (op) {
                case WriteBatch.Put p -> map.put(p.key(), p.value());
                case WriteBatch.Delete d -> map.remove(d.key());
            }
        }
    }

    /** Number of entries; for tests and diagnostics. */
    public synchronized int size() {
        return map.size();
    }
}
