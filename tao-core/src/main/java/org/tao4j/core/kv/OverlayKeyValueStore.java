package org.tao4j.core.kv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A write buffer over another store: writes go to the buffer, reads see the buffer first and then
 * the base, {@link #commit()} applies the buffer to the base as one {@link WriteBatch}, {@link
 * #rollback()} drops it.
 *
 * <p>The runtime stacks these: one overlay per block over the database, and one per transaction
 * over the block's overlay. A failed transaction rolls back its own overlay only; a finished block
 * commits once, so the database sees the whole block (state, tree nodes, block data) in one atomic
 * write. Overlays over overlays work because the base is just another {@link KeyValueStore}.
 *
 * <p>Not thread-safe: an overlay belongs to the thread executing the block. The base must not be
 * changed by anyone else while the overlay is live, or reads may mix two versions.
 */
public final class OverlayKeyValueStore implements KeyValueStore {

    private final KeyValueStore base;

    /**
     * A buffered delete (hiding the base entry), told apart by identity: stored values are copies, so
     * no value is ever this array. (A sentinel rather than null lets a read of an unbuffered key cost
     * one map lookup instead of two.)
     */
    private static final byte[] TOMBSTONE = new byte[0];

    /** Buffered changes: a value, or {@link #TOMBSTONE} for a delete. */
    private final TreeMap<byte[], byte[]> buffer = new TreeMap<>(KEY_ORDER);

    public OverlayKeyValueStore(KeyValueStore base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    public KeyValueStore base() {
        return base;
    }

    @Override
    public byte[] get(byte[] key) {
        Objects.requireNonNull(key, "key");
        byte[] buffered = buffer.get(key);
        if (buffered == null) {
            return base.get(key);
        }
        return buffered == TOMBSTONE ? null : buffered.clone();
    }

    @Override
    public void put(byte[] key, byte[] value) {
        buffer.put(
                Objects.requireNonNull(key, "key").clone(),
                Objects.requireNonNull(value, "value").clone());
    }

    @Override
    public void delete(byte[] key) {
        // Always buffer a tombstone, even if the base lacks the key: checking the base would cost a
        // read per delete, and the resulting no-op delete in the commit batch is harmless.
        buffer.put(Objects.requireNonNull(key, "key").clone(), TOMBSTONE);
    }

    @Override
    public void write(WriteBatch batch) {
        for (WriteBatch.Op op : batch.ops()) {
            switch (op) {
                case WriteBatch.Put p -> buffer.put(p.key(), p.value());
                case WriteBatch.Delete d -> buffer.put(d.key(), TOMBSTONE);
            }
        }
    }

    /**
     * Merges the buffered range with the base's range in key order: buffered values shadow base
     * values, buffered deletes hide base entries. The buffered range is copied first so the consumer
     * may write to this overlay while iterating.
     */
    @Override
    public void forEachWithPrefix(byte[] prefix, BiConsumer<byte[], byte[]> consumer) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(consumer, "consumer");
        List<Map.Entry<byte[], byte[]>> buffered = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : buffer.tailMap(prefix, true).entrySet()) {
            if (!Keys.startsWith(e.getKey(), prefix)) {
                break;
            }
            buffered.add(Map.entry(e.getKey(), e.getValue()));
        }
        int[] next = {0};
        base.forEachWithPrefix(prefix, (key, value) -> {
            while (next[0] < buffered.size()
                    && KEY_ORDER.compare(buffered.get(next[0]).getKey(), key) < 0) {
                emit(buffered.get(next[0]++), consumer);
            }
            if (next[0] < buffered.size()
                    && KEY_ORDER.compare(buffered.get(next[0]).getKey(), key) == 0) {
                emit(buffered.get(next[0]++), consumer);
            } else {
                consumer.accept(key, value);
            }
        });
        while (next[0] < buffered.size()) {
            emit(buffered.get(next[0]++), consumer);
        }
    }

    private static void emit(Map.Entry<byte[], byte[]> e, BiConsumer<byte[], byte[]> consumer) {
        if (e.getValue() != TOMBSTONE) {
            consumer.accept(e.getKey().clone(), e.getValue().clone());
        }
    }

    /**
     * The buffered changes in key order, as an independent read-only copy; a null value means the key
     * is deleted. This is exactly the shape {@code SparseMerkleTree.update} takes.
     */
    public SortedMap<byte[], byte[]> changes() {
        TreeMap<byte[], byte[]> copy = new TreeMap<>(KEY_ORDER);
        for (Map.Entry<byte[], byte[]> e : buffer.entrySet()) {
            copy.put(
                    e.getKey().clone(),
                    e.getValue() == TOMBSTONE ? null : e.getValue().clone());
        }
        return Collections.unmodifiableSortedMap(copy);
    }

    /** The buffered changes as the batch {@link #commit()} would write. */
    public WriteBatch toWriteBatch() {
        WriteBatch batch = new WriteBatch();
        for (Map.Entry<byte[], byte[]> e : buffer.entrySet()) {
            if (e.getValue() == TOMBSTONE) {
                batch.delete(e.getKey());
            } else {
                batch.put(e.getKey(), e.getValue());
            }
        }
        return batch;
    }

    /** Number of buffered changes (puts and deletes). */
    public int size() {
        return buffer.size();
    }

    public boolean isEmpty() {
        return buffer.isEmpty();
    }

    /**
     * Writes the buffered changes to the base as one batch, in key order, then empties the buffer. If
     * the base's write fails the buffer is kept, so the caller can retry or roll back.
     */
    public void commit() {
        if (buffer.isEmpty()) {
            return;
        }
        base.write(toWriteBatch());
        buffer.clear();
    }

    /** Drops every buffered change; the base is untouched. */
    public void rollback() {
        buffer.clear();
    }
}
