package org.tao4j.rocksdb;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.StorageException;
import org.tao4j.core.kv.WriteBatch;

/**
 * A RocksDB database used as one {@link KeyValueStore} (its default column family).
 *
 * <p>The simple case: a node that keeps everything in one keyspace and separates state, tree nodes
 * and blocks by key prefix ({@link org.tao4j.core.kv.PrefixedKeyValueStore}), which makes every
 * block commit a single batch on this store. Use {@link RocksDatabase} for column families.
 */
public final class RocksKeyValueStore implements KeyValueStore, AutoCloseable {

    private final RocksDatabase database;
    private final KeyValueStore store;

    private RocksKeyValueStore(RocksDatabase database) {
        this.database = database;
        this.store = database.columnFamily(RocksDatabase.DEFAULT_COLUMN_FAMILY);
    }

    /**
     * Opens (creating if needed) the database at {@code directory} with synchronous writes.
     *
     * @throws StorageException if it cannot be opened, e.g. another process holds its lock
     */
    public static RocksKeyValueStore open(Path directory) {
        return open(directory, RocksConfig.defaults());
    }

    public static RocksKeyValueStore open(Path directory, RocksConfig config) {
        return new RocksKeyValueStore(RocksDatabase.open(directory, List.of(), config));
    }

    public Path directory() {
        return database.directory();
    }

    @Override
    public byte[] get(byte[] key) {
        return store.get(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        store.put(key, value);
    }

    @Override
    public void delete(byte[] key) {
        store.delete(key);
    }

    @Override
    public void forEachWithPrefix(byte[] prefix, BiConsumer<byte[], byte[]> consumer) {
        store.forEachWithPrefix(prefix, consumer);
    }

    /** Applies the batch as one RocksDB write batch: all or nothing, durable as one unit. */
    @Override
    public void write(WriteBatch batch) {
        store.write(batch);
    }

    /** Closes the database and releases its lock. Idempotent. */
    @Override
    public void close() {
        database.close();
    }
}
