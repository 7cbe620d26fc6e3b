package org.tao4j.node.blockstore;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.tao4j.core.kv.WriteBatch;
import org.tao4j.rocksdb.RangeStore;

/**
 * A read-through cache of the head state's point reads, in front of the {@code state} column family.
 *
 * <p>Every transaction is read several times before and while it is included: the pool's admission
 * check reads its sender's account and the chain parameters, each block re-checks what stays in the
 * pool, the block reads the accounts it changes, and the state root reads their previous values. A
 * RocksDB point read costs about a microsecond through JNI; a hit here a tenth of that.
 *
 * <p><b>Consistency.</b> The cache always agrees with the column family, except between a block's
 * database write and {@link #applyCommitted}, when a reader may still see the parent's value (as a
 * reader that came a moment earlier would). {@link ChainStore#commit} writes the block, then calls
 * {@link #applyCommitted} with the block's changes, which bumps a version and stores each new value
 * (absent keys as a marker). A reader that missed fills the cache with what it read from the
 * database only if no commit happened since it started: a value read before a commit can never be
 * left in the cache after it.
 *
 * <p>Range scans and writes go straight to the database; only {@link ChainStore} writes the state,
 * through its block batches. Bounded: when it holds {@code maxEntries}, the older of two
 * generations is dropped. Values are copied out, so callers may modify what they get.
 */
final class HeadStateCache implements RangeStore {

    private static final byte[] ABSENT = new byte[0];

    private final RangeStore db;
    private final int maxEntries;
    private final Object lock = new Object();
    private volatile long version;
    private volatile Map<BytesKey, byte[]> current = new ConcurrentHashMap<>();
    private volatile Map<BytesKey, byte[]> previous = new ConcurrentHashMap<>();

    HeadStateCache(RangeStore db, int maxEntries) {
        this.db = db;
        this.maxEntries = maxEntries;
    }

    @Override
    public byte[] get(byte[] key) {
        BytesKey k = new BytesKey(key);
        byte[] v = current.get(k);
        if (v == null) {
            v = previous.get(k);
        }
        if (v != null) {
            return v == ABSENT ? null : v.clone();
        }
        long seen = version;
        byte[] read = db.get(key);
        synchronized (lock) {
            if (version == seen) { // no commit since the read: it is the head's value
                put(new BytesKey(key.clone()), read == null ? ABSENT : read.clone());
            }
        }
        return read;
    }

    /** Records a committed block's changes (key to new value, null = deleted); call after the write. */
    void applyCommitted(Map<byte[], byte[]> changes) {
        synchronized (lock) {
            version++;
            for (Map.Entry<byte[], byte[]> e : changes.entrySet()) {
                BytesKey k = new BytesKey(e.getKey().clone());
                previous.remove(k);
                put(k, e.getValue() == null ? ABSENT : e.getValue().clone());
            }
        }
    }

    /** Forgets everything (after writes that bypass {@link #applyCommitted}). */
    void invalidateAll() {
        synchronized (lock) {
            version++;
            current = new ConcurrentHashMap<>();
            previous = new ConcurrentHashMap<>();
        }
    }

    private void put(BytesKey k, byte[] v) { // under lock
        if (current.size() >= maxEntries) {
            previous = current;
            current = new ConcurrentHashMap<>();
        }
        current.put(k, v);
    }

    int size() {
        return current.size() + previous.size();
    }

    @Override
    public void scan(byte[] from, byte[] toExclusive, Visitor visitor) {
        db.scan(from, toExclusive, visitor);
    }

    @Override
    public void forEachWithPrefix(byte[] prefix, BiConsumer<byte[], byte[]> consumer) {
        db.forEachWithPrefix(prefix, consumer);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        db.put(key, value);
        invalidateAll();
    }

    @Override
    public void delete(byte[] key) {
        db.delete(key);
        invalidateAll();
    }

    @Override
    public void write(WriteBatch batch) {
        db.write(batch);
        invalidateAll();
    }
}
