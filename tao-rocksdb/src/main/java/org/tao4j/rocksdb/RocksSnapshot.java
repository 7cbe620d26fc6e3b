package org.tao4j.rocksdb;

import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;
import org.tao4j.core.kv.WriteBatch;

/**
 * A consistent, read-only view of every column family of a {@link RocksDatabase} as it was when
 * the snapshot was taken: readers that need several keys (a block and the state it produced, a
 * whole metagraph) see one version even while blocks are being committed.
 *
 * <p>Thread-safe. Close it promptly: an open snapshot keeps RocksDB from compacting away the
 * versions it pins.
 */
public final class RocksSnapshot implements AutoCloseable {

    private final RocksDatabase database;
    private final Snapshot snapshot;
    private final SortedMap<String, View> views = new TreeMap<>();
    private boolean closed; // guarded by this

    RocksSnapshot(RocksDatabase database, Snapshot snapshot, SortedMap<String, ColumnFamilyHandle> handles) {
        this.database = database;
        this.snapshot = snapshot;
        handles.forEach((name, handle) -> views.put(name, new View(name, handle)));
    }

    /** The column family {@code name} as of this snapshot; writes throw. */
    public RangeStore columnFamily(String name) {
        View v = views.get(name);
        if (v == null) {
            throw new IllegalArgumentException(
                    "column family '" + name + "' is not open; open ones: " + views.keySet());
        }
        return v;
    }

    /** Releases the snapshot. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        database.release(this, snapshot);
    }

    Snapshot rocksSnapshot() {
        return snapshot;
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("snapshot of " + database.directory() + " is closed");
        }
    }

    private final class View implements RangeStore {
        private final String name;
        private final ColumnFamilyHandle handle;

        View(String name, ColumnFamilyHandle handle) {
            this.name = name;
            this.handle = handle;
        }

        @Override
        public byte[] get(byte[] key) {
            Objects.requireNonNull(key, "key");
            ensureOpen();
            return database.run("read from column family '" + name + "'", db -> {
                try (ReadOptions options = new ReadOptions().setSnapshot(snapshot)) {
                    return db.get(handle, options, key);
                }
            });
        }

        @Override
        public void forEachWithPrefix(byte[] prefix, BiConsumer<byte[], byte[]> consumer) {
            Objects.requireNonNull(consumer, "consumer");
            scan(prefix, RocksColumnFamilyStore.successor(prefix), (k, v) -> {
                consumer.accept(k, v);
                return true;
            });
        }

        @Override
        public void scan(byte[] from, byte[] toExclusive, Visitor visitor) {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(visitor, "visitor");
            ensureOpen();
            database.run("iterate column family '" + name + "'", db -> {
                try (Slice bound = toExclusive == null ? null : new Slice(toExclusive);
                        ReadOptions options = new ReadOptions().setSnapshot(snapshot)) {
                    if (bound != null) {
                        options.setIterateUpperBound(bound);
                    }
                    try (RocksIterator it = db.newIterator(handle, options)) {
                        for (it.seek(from); it.isValid(); it.next()) {
                            if (!visitor.visit(it.key(), it.value())) {
                                break;
                            }
                        }
                        it.status();
                    }
                }
                return null;
            });
        }

        @Override
        public void put(byte[] key, byte[] value) {
            throw readOnly();
        }

        @Override
        public void delete(byte[] key) {
            throw readOnly();
        }

        @Override
        public void write(WriteBatch batch) {
            throw readOnly();
        }

        private UnsupportedOperationException readOnly() {
            return new UnsupportedOperationException("a snapshot of column family '" + name + "' is read-only");
        }

        @Override
        public String toString() {
            return "RocksSnapshot[" + database.directory() + " / " + name + "]";
        }
    }
}
