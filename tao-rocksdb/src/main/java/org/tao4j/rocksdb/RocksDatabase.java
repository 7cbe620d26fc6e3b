package org.tao4j.rocksdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.StorageException;
import org.tao4j.core.kv.WriteBatch;

/**
 * A RocksDB database with one or more named column families, each exposed as a {@link
 * KeyValueStore}.
 *
 * <p>Column families are separate keyspaces with their own tuning and compaction, which suits data
 * with different access patterns (state, state-tree nodes, blocks). {@link #write(Map)} writes to
 * several of them in one atomic RocksDB batch, so a block and the state it produces land together.
 *
 * <p>Thread-safe. Operations and {@link #close()} are separated by a read-write lock, because using
 * a RocksDB handle after it is closed crashes the JVM rather than throwing.
 */
public final class RocksDatabase implements AutoCloseable {

  /** RocksDB's always-present column family. */
  public static final String DEFAULT_COLUMN_FAMILY = "default";

  /** An operation on the open database that may fail inside RocksDB. */
  @FunctionalInterface
  interface RocksOp<T> {
    T run(RocksDB db) throws RocksDBException;
  }

  private final Path directory;
  private final RocksDB db;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final LRUCache blockCache;
  private final BloomFilter bloomFilter;
  private final WriteOptions writeOptions;
  private final List<ColumnFamilyHandle> handles;
  private final SortedMap<String, RocksColumnFamilyStore> stores;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed; // guarded by lock
  // RocksDB refuses to close with unreleased snapshots, so the database releases forgotten ones
  private final java.util.Set<RocksSnapshot> openSnapshots =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  private RocksDatabase(
      Path directory,
      RocksDB db,
      DBOptions dbOptions,
      ColumnFamilyOptions cfOptions,
      LRUCache blockCache,
      BloomFilter bloomFilter,
      WriteOptions writeOptions,
      List<String> names,
      List<ColumnFamilyHandle> handles) {
    this.directory = directory;
    this.db = db;
    this.dbOptions = dbOptions;
    this.cfOptions = cfOptions;
    this.blockCache = blockCache;
    this.bloomFilter = bloomFilter;
    this.writeOptions = writeOptions;
    this.handles = handles;
    TreeMap<String, RocksColumnFamilyStore> byName = new TreeMap<>();
    for (int i = 0; i < names.size(); i++) {
      byName.put(names.get(i), new RocksColumnFamilyStore(this, names.get(i), handles.get(i)));
    }
    this.stores = Collections.unmodifiableSortedMap(byName);
  }

  /** Opens (creating if needed) the database at {@code directory} with durable defaults. */
  public static RocksDatabase open(Path directory, List<String> columnFamilies) {
    return open(directory, columnFamilies, RocksConfig.defaults());
  }

  /**
   * Opens (creating if needed) the database at {@code directory} with the given column families,
   * creating missing ones. The default column family is always opened, and so is every column
   * family already in the database (RocksDB refuses to open a database without all of them).
   *
   * @throws StorageException if the database cannot be opened, e.g. because another process holds
   *     its lock
   */
  public static RocksDatabase open(Path directory, List<String> columnFamilies, RocksConfig config) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(config, "config");
    RocksDB.loadLibrary();
    Path dir = directory.toAbsolutePath();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StorageException("cannot open database at " + dir + ": cannot create directory: " + e, e);
    }
    // Sorted so the handle order (and anything derived from it) does not depend on input order.
    TreeSet<String> names = new TreeSet<>(columnFamilies);
    names.add(DEFAULT_COLUMN_FAMILY);
    names.addAll(existingColumnFamilies(dir));

    DBOptions dbOptions =
        new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
    // Point lookups dominate (state reads, tree nodes by hash): a Bloom filter lets a read of an
    // absent key skip most files, and the block cache keeps hot blocks decompressed in memory.
    LRUCache blockCache = new LRUCache(config.blockCacheBytes());
    BloomFilter bloomFilter = new BloomFilter(10);
    ColumnFamilyOptions cfOptions =
        new ColumnFamilyOptions()
            .setTableFormatConfig(
                new BlockBasedTableConfig().setBlockCache(blockCache).setFilterPolicy(bloomFilter));
    WriteOptions writeOptions = new WriteOptions().setSync(config.syncWrites());
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    List<String> ordered = new ArrayList<>(names);
    for (String name : ordered) {
      descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cfOptions));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    boolean opened = false;
    try {
      RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
      opened = true;
      return new RocksDatabase(
          dir, db, dbOptions, cfOptions, blockCache, bloomFilter, writeOptions, ordered, handles);
    } catch (RocksDBException e) {
      throw openFailure(dir, e);
    } finally {
      if (!opened) { // the database owns these from here on; before that, we do
        handles.forEach(ColumnFamilyHandle::close);
        writeOptions.close();
        cfOptions.close();
        bloomFilter.close();
        blockCache.close();
        dbOptions.close();
      }
    }
  }

  private static List<String> existingColumnFamilies(Path dir) {
    if (!Files.exists(dir.resolve("CURRENT"))) {
      return List.of(); // a new database
    }
    try (Options options = new Options()) {
      List<String> names = new ArrayList<>();
      for (byte[] name : RocksDB.listColumnFamilies(options, dir.toString())) {
        names.add(new String(name, StandardCharsets.UTF_8));
      }
      return names;
    } catch (RocksDBException e) {
      throw openFailure(dir, e);
    }
  }

  private static StorageException openFailure(Path dir, RocksDBException e) {
    String detail = describe(e);
    String lower = detail.toLowerCase(Locale.ROOT);
    // RocksDB reports a held LOCK file as an IOError: "While lock file: DIR/LOCK: Resource
    // temporarily unavailable" from another process, "lock hold by current process" from this one.
    if (lower.contains("lock hold by current process")) {
      return new StorageException(
          "cannot open database at " + dir + ": lock held by this process — it is already open"
              + " (close the other handle first)", e);
    }
    if (lower.contains("lock file") || lower.contains("/lock:")) {
      return new StorageException(
          "cannot open database at " + dir + ": lock held by another process — is another node"
              + " running? (" + detail + ")", e);
    }
    return new StorageException("cannot open database at " + dir + ": " + detail, e);
  }

  static String describe(RocksDBException e) {
    String message = e.getMessage();
    if (message == null && e.getStatus() != null) {
      message = e.getStatus().getCodeString() + ": " + e.getStatus().getState();
    }
    return message == null ? e.toString() : message;
  }

  public Path directory() {
    return directory;
  }

  /** Names of the open column families, sorted. */
  public List<String> columnFamilies() {
    return List.copyOf(stores.keySet());
  }

  /**
   * The store for one column family. It stays usable until this database is closed; closing the
   * database, not the store, releases it.
   *
   * @throws IllegalArgumentException if the column family was not opened
   */
  public RangeStore columnFamily(String name) {
    RocksColumnFamilyStore store = stores.get(name);
    if (store == null) {
      throw new IllegalArgumentException(
          "column family '" + name + "' is not open in " + directory + "; open ones: " + stores.keySet());
    }
    return store;
  }

  /**
   * A consistent read-only view of every column family as of now (see {@link RocksSnapshot}); the
   * caller closes it.
   */
  public RocksSnapshot snapshot() {
    TreeMap<String, ColumnFamilyHandle> byName = new TreeMap<>();
    stores.forEach((name, store) -> byName.put(name, store.handle()));
    return run("take a snapshot", db -> {
      RocksSnapshot snap = new RocksSnapshot(this, db.getSnapshot(), byName);
      synchronized (openSnapshots) {
        openSnapshots.add(snap);
      }
      return snap;
    });
  }

  /** Called by a snapshot when it is closed: releases it unless the database already did. */
  void release(RocksSnapshot snap, org.rocksdb.Snapshot snapshot) {
    lock.readLock().lock();
    try {
      synchronized (openSnapshots) {
        if (!openSnapshots.remove(snap) || closed) {
          return;
        }
      }
      db.releaseSnapshot(snapshot);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Applies the batches, keyed by column family name, as one atomic RocksDB write. Order between
   * column families does not matter (they are disjoint keyspaces); within a batch it does.
   */
  public void write(Map<String, WriteBatch> batchesByColumnFamily) {
    // Resolve every name before touching RocksDB, so a typo cannot leave a half-built batch.
    TreeMap<String, WriteBatch> sorted = new TreeMap<>(batchesByColumnFamily);
    List<RocksColumnFamilyStore> targets = new ArrayList<>();
    for (String name : sorted.keySet()) {
      targets.add((RocksColumnFamilyStore) columnFamily(name));
    }
    run(
        "write batch",
        db -> {
          try (org.rocksdb.WriteBatch rocksBatch = new org.rocksdb.WriteBatch()) {
            int i = 0;
            for (WriteBatch batch : sorted.values()) {
              targets.get(i++).addTo(rocksBatch, batch);
            }
            db.write(writeOptions, rocksBatch);
          }
          return null;
        });
  }

  /** Runs {@code op} on the open database, translating failures; package-private for the stores. */
  <T> T run(String action, RocksOp<T> op) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new StorageException("cannot " + action + ": database at " + directory + " is closed");
      }
      return op.run(db);
    } catch (RocksDBException e) {
      throw new StorageException(
          "cannot " + action + " in database at " + directory + ": " + describe(e), e);
    } finally {
      lock.readLock().unlock();
    }
  }

  WriteOptions writeOptions() {
    return writeOptions;
  }

  /**
   * Flushes and closes the database and releases its lock. Idempotent. Must not be called from
   * inside a prefix iteration of this database.
   */
  @Override
  public void close() {
    if (lock.getReadHoldCount() > 0) {
      // Upgrading a read lock to a write lock would deadlock.
      throw new IllegalStateException("cannot close " + directory + " from inside an operation on it");
    }
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      synchronized (openSnapshots) {
        for (RocksSnapshot snap : openSnapshots) {
          db.releaseSnapshot(snap.rocksSnapshot());
        }
        openSnapshots.clear();
      }
      handles.forEach(ColumnFamilyHandle::close);
      try {
        db.closeE();
      } catch (RocksDBException e) {
        throw new StorageException("cannot close database at " + directory + ": " + describe(e), e);
      } finally {
        writeOptions.close();
        cfOptions.close();
        bloomFilter.close();
        blockCache.close();
        dbOptions.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
