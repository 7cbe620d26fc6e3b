package org.tao4j.storage;

/**
 * How a RocksDB store is opened.
 *
 * @param syncWrites fsync the write-ahead log on every write, so that a write that returned
 *     survives a machine crash (not only a process crash). A node wants this for blocks; tests and
 *     bulk imports may turn it off for speed.
 */
public record RocksConfig(boolean syncWrites) {

  /** Durable defaults: synchronous writes. */
  public static RocksConfig defaults() {
    return new RocksConfig(true);
  }

  public RocksConfig withSyncWrites(boolean sync) {
    return new RocksConfig(sync);
  }
}
