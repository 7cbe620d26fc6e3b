package org.tao4j.rocksdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
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
 * <p>Thread-safe. Operations and {@link #close()} are separated by a count of operations in flight,
 * because using a RocksDB handle after it is closed crashes the JVM rather than throwing. The count
 * is a plain atomic integer, not a read-write lock: {@code ReentrantReadWriteLock} allocates a
 * per-thread hold counter <em>after</em> it has taken a read lock, so an {@link OutOfMemoryError}
 * there leaked the read lock and a later {@link #close()} waited for it forever (the SIGTERM hang
 * of issue 12). {@link #close()} waits for running operations for a bounded time.
 *
 * <p>Storage faults: the write-ahead log is replayed in {@link WALRecoveryMode#TolerateCorruptedTailRecords}
 * mode, so an incomplete last record (a write torn by a crash, never acknowledged) is dropped, and
 * any other damage (a checksum mismatch anywhere, a bad record in the middle) refuses the open with
 * a clear message instead of silently stopping the replay there, as RocksDB's default
 * point-in-time mode does. The first corruption, or I/O error on a write, is kept as {@link
 * #fault()}, for health checks.
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
    /** How long {@link #close()} waits for operations still running. */
    public static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** Operations running on the native handle; {@link #close()} waits for zero. */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** This thread's nesting depth of operations (to refuse a close from inside one). */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private volatile boolean closed;
    private volatile boolean nativeClosed;
    /** The first I/O error or corruption met, or null. */
    private volatile String fault;
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

        DBOptions dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                // a torn last record (crash mid-write, never acknowledged) is dropped; any other damage
                // refuses the open (the default, point-in-time, silently replays up to the damage)
                .setWalRecoveryMode(WALRecoveryMode.TolerateCorruptedTailRecords)
                // stop writing on any background I/O error and check files and checksums on open
                .setParanoidChecks(true);
        // Point lookups dominate (state reads, tree nodes by hash): a Bloom filter lets a read of an
        // absent key skip most files, and the block cache keeps hot blocks decompressed in memory.
        LRUCache blockCache = new LRUCache(config.blockCacheBytes());
        BloomFilter bloomFilter = new BloomFilter(10);
        ColumnFamilyOptions cfOptions = new ColumnFamilyOptions()
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
                            + " (close the other handle first)",
                    e);
        }
        if (lower.contains("lock file") || lower.contains("/lock:")) {
            return new StorageException(
                    "cannot open database at " + dir + ": lock held by another process — is another node"
                            + " running? (" + detail + ")",
                    e);
        }
        if (isCorruption(e)) {
            return new StorageException(
                    "cannot open database at " + dir + ": it is corrupt (" + oneLine(detail) + "); the node"
                            + " refuses to start rather than silently lose blocks — restore the data directory from"
                            + " a backup (see docs/node.md, \"Failure handling\")",
                    e);
        }
        if (isNoSpace(e)) {
            return new StorageException(
                    "cannot open database at " + dir + ": no space left on the device (" + oneLine(detail)
                            + "); free disk space and start again",
                    e);
        }
        return new StorageException("cannot open database at " + dir + ": " + oneLine(detail), e);
    }

    static boolean isCorruption(RocksDBException e) {
        Status s = e.getStatus();
        if (s != null && s.getCode() == Status.Code.Corruption) {
            return true;
        }
        String m = e.getMessage();
        return m != null && m.startsWith("Corruption");
    }

    static boolean isNoSpace(RocksDBException e) {
        Status s = e.getStatus();
        if (s != null && s.getSubCode() == Status.SubCode.NoSpace) {
            return true;
        }
        String m = e.getMessage();
        return m != null && m.contains("No space left on device");
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
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
        if (!enter()) {
            return; // closed: the database released it
        }
        try {
            synchronized (openSnapshots) {
                if (!openSnapshots.remove(snap)) {
                    return;
                }
            }
            db.releaseSnapshot(snapshot);
        } finally {
            exit();
        }
    }

    /**
     * Registers an operation; false if the database is closed. Nothing here allocates after the
     * count is raised, so an {@link OutOfMemoryError} cannot leave it raised.
     */
    private boolean enter() {
        int[] depth = DEPTH.get(); // may allocate (first use on a thread): before anything is counted
        inFlight.incrementAndGet();
        depth[0]++;
        if (closed) {
            depth[0]--;
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    private void exit() {
        DEPTH.get()[0]--;
        inFlight.decrementAndGet();
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
        run("write batch", db -> {
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
        if (!enter()) {
            throw new StorageException("cannot " + action + ": database at " + directory + " is closed");
        }
        try {
            return op.run(db);
        } catch (RocksDBException e) {
            String detail = oneLine(describe(e));
            Status s = e.getStatus();
            boolean corrupt = isCorruption(e);
            boolean io = s != null && s.getCode() == Status.Code.IOError;
            String what = corrupt ? "stored data is corrupt: " : isNoSpace(e) ? "no space left on the device: " : "";
            // corruption is a fault wherever it is met; an I/O error only on a write (after which RocksDB
            // refuses every write): a failed read (say, out of file descriptors) may pass
            boolean write = action.startsWith("write") || action.startsWith("delete");
            if ((corrupt || (io && write)) && fault == null) {
                fault = what + detail;
            }
            throw new StorageException("cannot " + action + " in database at " + directory + ": " + what + detail, e);
        } finally {
            exit();
        }
    }

    /**
     * The first corruption met by any operation, or I/O error met by a write, on this database, or
     * null. RocksDB stops writing after an I/O error on a write (it keeps a background error), so
     * this never clears: the process must be restarted once the cause (e.g. a full disk) is gone.
     */
    public String fault() {
        return fault;
    }

    WriteOptions writeOptions() {
        return writeOptions;
    }

    /**
     * Closes the database and releases its lock, waiting at most {@link #CLOSE_WAIT} for running
     * operations. Idempotent. Must not be called from inside a prefix iteration of this database.
     *
     * @throws StorageException if operations are still running after the wait; the native database
     *     is then left open (closing it under them would crash the JVM) and the process exit releases
     *     it. Every write that returned is in the write-ahead log, so nothing committed is lost.
     */
    @Override
    public void close() {
        close(CLOSE_WAIT);
    }

    /** {@link #close()} with a given bound on the wait for running operations. */
    public synchronized void close(Duration wait) {
        if (DEPTH.get()[0] > 0) {
            throw new IllegalStateException("cannot close " + directory + " from inside an operation on it");
        }
        if (nativeClosed) {
            return;
        }
        closed = true; // new operations are refused from here on
        long deadline = System.nanoTime() + wait.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new StorageException(
                        "cannot close database at " + directory + ": " + inFlight.get() + " operation(s) still"
                                + " running after " + wait.toMillis() + " ms; leaving it to the process exit (every"
                                + " committed write is in the write-ahead log)");
            }
            LockSupport.parkNanos(1_000_000L);
        }
        nativeClosed = true;
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
    }
}
