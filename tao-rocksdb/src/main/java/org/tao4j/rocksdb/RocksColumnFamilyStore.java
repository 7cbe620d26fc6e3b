package org.tao4j.rocksdb;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.WriteBatch;

/** One column family of a {@link RocksDatabase} as a {@link KeyValueStore}. */
final class RocksColumnFamilyStore implements RangeStore {

    private final RocksDatabase database;
    private final String name;
    private final ColumnFamilyHandle handle;

    RocksColumnFamilyStore(RocksDatabase database, String name, ColumnFamilyHandle handle) {
        this.database = database;
        this.name = name;
        this.handle = handle;
    }

    @Override
    public byte[] get(byte[] key) {
        Objects.requireNonNull(key, "key");
        return database.run("read from column family '" + name + "'", db -> db.get(handle, key));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        database.run("write to column family '" + name + "'", db -> {
            db.put(handle, database.writeOptions(), key, value);
            return null;
        });
    }

    @Override
    public void delete(byte[] key) {
        Objects.requireNonNull(key, "key");
        database.run("delete from column family '" + name + "'", db -> {
            db.delete(handle, database.writeOptions(), key);
            return null;
        });
    }

    /**
     * Seeks to the prefix and walks forward. An upper bound (the prefix's successor) lets RocksDB stop
     * at the end of the range instead of stepping over deleted entries beyond it. The iterator reads
     * an implicit snapshot taken when it is created, which gives the interface's snapshot semantics.
     */
    @Override
    public void forEachWithPrefix(byte[] prefix, BiConsumer<byte[], byte[]> consumer) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(consumer, "consumer");
        byte[] upper = successor(prefix);
        database.run("iterate column family '" + name + "'", db -> {
            try (Slice bound = upper == null ? null : new Slice(upper);
                    ReadOptions options = new ReadOptions();
                    RocksIterator it = newIterator(db, options, bound)) {
                for (it.seek(prefix); it.isValid(); it.next()) {
                    byte[] key = it.key();
                    if (!startsWith(key, prefix)) {
                        break;
                    }
                    consumer.accept(key, it.value());
                }
                it.status();
            }
            return null;
        });
    }

    @Override
    public void scan(byte[] from, byte[] toExclusive, Visitor visitor) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(visitor, "visitor");
        database.run("iterate column family '" + name + "'", db -> {
            try (Slice bound = toExclusive == null ? null : new Slice(toExclusive);
                    ReadOptions options = new ReadOptions();
                    RocksIterator it = newIterator(db, options, bound)) {
                for (it.seek(from); it.isValid(); it.next()) {
                    if (!visitor.visit(it.key(), it.value())) {
                        break;
                    }
                }
                it.status();
            }
            return null;
        });
    }

    ColumnFamilyHandle handle() {
        return handle;
    }

    private RocksIterator newIterator(org.rocksdb.RocksDB db, ReadOptions options, Slice bound) {
        if (bound != null) {
            options.setIterateUpperBound(bound);
        }
        return db.newIterator(handle, options);
    }

    @Override
    public void write(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        database.run("write batch to column family '" + name + "'", db -> {
            try (org.rocksdb.WriteBatch rocksBatch = new org.rocksdb.WriteBatch()) {
                addTo(rocksBatch, batch);
                db.write(database.writeOptions(), rocksBatch);
            }
            return null;
        });
    }

    void addTo(org.rocksdb.WriteBatch rocksBatch, WriteBatch batch) throws RocksDBException {
        for (WriteBatch.Op op : batch.ops()) {
            switch (op) {
                case WriteBatch.Put p -> rocksBatch.put(handle, p.key(), p.value());
                case WriteBatch.Delete d -> rocksBatch.delete(handle, d.key());
            }
        }
    }

    /** The smallest key greater than every key starting with {@code prefix}, or null if none. */
    static byte[] successor(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xff) {
                byte[] next = Arrays.copyOf(prefix, i + 1);
                next[i]++;
                return next;
            }
        }
        return null; // empty or all 0xff: the range runs to the end of the keyspace
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Override
    public String toString() {
        return "RocksColumnFamilyStore[" + database.directory() + " / " + name + "]";
    }
}
