package org.tao4j.rocksdb;

/**
 * How a RocksDB store is opened.
 *
 * @param syncWrites fsync the write-ahead log on every write, so that a write that returned
 *     survives a machine crash (not only a process crash). A node wants this for blocks; tests and
 *     bulk imports may turn it off for speed.
 * @param blockCacheBytes size of the block cache shared by all column families. State-tree nodes
 *     are read at random (their keys are hashes), so on a large state this cache, together with the
 *     OS page cache, decides how many node reads touch the disk.
 */
public record RocksConfig(boolean syncWrites, long blockCacheBytes) {

    public RocksConfig {
        if (blockCacheBytes < 0) {
            throw new IllegalArgumentException("blockCacheBytes must be >= 0, got " + blockCacheBytes);
        }
    }

    /** Durable defaults: synchronous writes, a 256 MiB block cache. */
    public static RocksConfig defaults() {
        return new RocksConfig(true, 256L << 20);
    }

    public RocksConfig withSyncWrites(boolean sync) {
        return new RocksConfig(sync, blockCacheBytes);
    }

    public RocksConfig withBlockCacheBytes(long bytes) {
        return new RocksConfig(syncWrites, bytes);
    }
}
