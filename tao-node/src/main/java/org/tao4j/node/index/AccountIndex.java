package org.tao4j.node.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.WriteBatch;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.node.blockstore.ChainStore;
import org.tao4j.node.blockstore.PreparedState;
import org.tao4j.node.chain.EventCodec;
import org.tao4j.node.index.Itemizer.Change;
import org.tao4j.node.index.Itemizer.StakeKey;
import org.tao4j.node.production.ChainListener;
import org.tao4j.node.production.ImportedBlock;
import org.tao4j.rocksdb.RocksConfig;
import org.tao4j.rocksdb.RocksDatabase;

/**
 * The account index (docs/explorer.md "Account history"): for every account, what changed its free
 * balance or its stake, block by block, newest first. Kept in its own RocksDB database
 * ({@code <base-path>/index/accounts}) so that it can be deleted and rebuilt without touching the
 * chain, and written as each block becomes the head ({@link ChainListener}, on the chain's writer
 * thread, after the block is durable).
 *
 * <p>The chain's writer only hands each new block to the index's own thread (a queue of {@value
 * #QUEUE_BLOCKS} blocks; {@link #onBlock} never waits), so import is not slowed by the index's
 * writes beyond the CPU they take. If the queue is full, the block is dropped and the index thread
 * reads the blocks it missed back from the chain (their stored state changes) once it has caught up.
 *
 * <p>Keys: {@code account(32) || u64be(MAX - block) || u32be(MAX - seq)}, so that one account's
 * entries are adjacent and newest first; values: {@link HistoryEntry#encode()}. One write batch per
 * block holds its entries and the next block to index, so the index is always a prefix of the chain.
 *
 * <p>It starts where the chain's state is known: at genesis on a new node or an archive node
 * (rebuilt from block 0 when the index directory is deleted), otherwise at the earliest state the node
 * keeps, with one {@link HistoryEntry.Kind#OPENING} entry per account and stake position, so that an
 * account's entries always sum to its balance. After a restart it catches up from the blocks' stored
 * state changes. If the blocks it lacks have been pruned, it starts again at the earliest kept state.
 */
public final class AccountIndex implements ChainListener, AutoCloseable {

    /** Most entries one {@link #history} call returns. */
    public static final int MAX_LIMIT = 100;

    public static final int DEFAULT_LIMIT = 25;

    /** Block cache of the index database (it is read by account, a few pages at a time). */
    static final long BLOCK_CACHE_BYTES = 16L << 20;

    static final String ENTRIES = "entries";
    static final String META = "meta";
    /** Governance entries (proposals, votes, decisions) of every block, newest first. */
    static final String GOVERNANCE = "governance";

    private static final byte[] GENESIS = "genesis".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEXT = "next".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FROM = "from".getBytes(StandardCharsets.UTF_8);

    private static final Logger LOG = LoggerFactory.getLogger(AccountIndex.class);

    /** Blocks waiting for the index thread. */
    static final int QUEUE_BLOCKS = 64;

    private final Path dir;
    private final ChainStore store;
    private volatile RocksDatabase db;
    private final java.util.concurrent.ArrayBlockingQueue<ImportedBlock> queue =
            new java.util.concurrent.ArrayBlockingQueue<>(QUEUE_BLOCKS);
    /** A block was dropped (queue full): the index thread catches up from the chain. */
    private volatile boolean behind;
    /** Why the index thread stopped, or null while it runs. */
    private volatile String failure;

    private volatile boolean closing;
    private Thread worker;
    private long errors;
    /** The next block to index; the index holds blocks {@link #from} .. next - 1. */
    private volatile long next;

    private volatile long from;

    private AccountIndex(Path dir, ChainStore store) {
        this.dir = dir;
        this.store = store;
    }

    /** Opens (creating or rebuilding as needed) the index in {@code dir} and brings it up to the head. */
    public static AccountIndex open(Path dir, ChainStore store) {
        AccountIndex ix = new AccountIndex(dir, store);
        ix.db = openDb(dir);
        try {
            ix.load();
            ix.catchUp();
            ix.worker = Thread.ofPlatform().name("account-index").daemon().start(ix::work);
            return ix;
        } catch (RuntimeException e) {
            ix.db.close();
            throw e;
        }
    }

    private static RocksDatabase openDb(Path dir) {
        return RocksDatabase.open(
                dir,
                List.of(ENTRIES, META, GOVERNANCE),
                RocksConfig.defaults().withSyncWrites(false).withBlockCacheBytes(BLOCK_CACHE_BYTES));
    }

    private void load() {
        KeyValueStore meta = db.columnFamily(META);
        byte[] g = meta.get(GENESIS);
        byte[] n = meta.get(NEXT);
        if (g != null && !Arrays.equals(g, store.genesisHash().bytes())) {
            LOG.warn("the account index in {} belongs to another chain; rebuilding it", dir);
            reset();
            return;
        }
        next = n == null ? 0 : new ScaleReader(n).readU64();
        byte[] f = meta.get(FROM);
        from = f == null ? 0 : new ScaleReader(f).readU64();
        if (next > store.head().number() + 1) {
            LOG.warn(
                    "the account index in {} is ahead of the chain (#{} > head #{}): the chain was restored from an"
                            + " older copy; rebuilding it",
                    dir,
                    next - 1,
                    store.head().number());
            reset();
        }
    }

    /** Deletes the index and opens an empty one. */
    private void reset() {
        db.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete the account index in " + dir + ": " + e.getMessage(), e);
        }
        db = openDb(dir);
        next = 0;
        from = 0;
    }

    /** The first block the index covers (0 = from genesis). */
    public long indexedFrom() {
        return from;
    }

    /** The last block indexed (-1 before genesis is indexed). */
    public long indexedTo() {
        return next - 1;
    }

    /** Hands a new head to the index thread; never waits (see the class comment). */
    @Override
    public void onBlock(ImportedBlock b) {
        if (!queue.offer(b)) {
            behind = true;
        }
    }

    /** The index thread: indexes queued blocks in order, catching up from the chain after a gap. */
    private void work() {
        try {
            while (!closing) {
                ImportedBlock b = queue.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                try {
                    if (b != null && b.number() >= next) {
                        index(b);
                    }
                    if (behind && queue.isEmpty()) {
                        behind = false;
                        catchUp();
                    }
                } catch (RuntimeException e) {
                    if (closing) {
                        return;
                    }
                    // e.g. a full disk: the next block finds the gap and reads the missed ones back
                    if (errors++ % 100 == 0) {
                        LOG.error(
                                "the account index could not index block #{}: {}",
                                b == null ? next : b.number(),
                                e.toString());
                    }
                    behind = true;
                }
            }
        } catch (InterruptedException e) {
            // closing
        } catch (Error e) {
            failure = "the account index stopped at #" + (next - 1) + ": " + e;
            LOG.error("{}", failure, e);
            throw e;
        }
    }

    /** Why the index stopped following the chain, or null while it follows it. */
    public String failure() {
        return failure;
    }

    /** Waits (at most {@code timeout}) until block {@code number} is indexed; true if it is. */
    public boolean awaitIndexed(long number, java.time.Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (next <= number) {
            if (System.nanoTime() > end || failure != null) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** CPU time the index thread has used (for the benchmarks), or -1 where not measurable. */
    public long threadCpuNanos() {
        Thread w = worker;
        return w == null
                ? -1
                : java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(w.threadId());
    }

    private synchronized void index(ImportedBlock b) {
        PreparedState ps = b.state();
        if (b.number() != next || ps == null) {
            catchUp(); // a block was missed: read the missing ones back from the chain
            return;
        }
        Map<AccountId, Change> free = new java.util.HashMap<>();
        Map<StakeKey, Change> stake = new java.util.HashMap<>();
        for (Map.Entry<byte[], byte[]> e : ps.changes().entrySet()) {
            collect(e.getKey(), ps.previous().get(e.getKey()), e.getValue(), free, stake);
        }
        write(
                b.number(),
                Itemizer.itemize(b.number(), b.events(), free, stake),
                GovernanceEntry.of(b.number(), b.events()),
                b.number());
    }

    /** Indexes every block from {@link #next} to the chain's head, reading them back from the chain. */
    synchronized void catchUp() {
        try (ChainStore.View v = store.view()) {
            long head = v.head().number();
            if (next > head) {
                return;
            }
            long earliest = v.earliestState();
            if (next == 0 || next <= earliest) {
                // genesis, or the blocks after the index's end are no longer known: open at the earliest state
                if (next != 0) {
                    LOG.warn(
                            "the account index ends at #{} but this node keeps state only from #{}; starting it again"
                                    + " there (run an archive node to index from genesis)",
                            next - 1,
                            earliest);
                    reset();
                }
                opening(v, earliest);
            }
            long t0 = System.nanoTime();
            long start = next;
            for (long n = next; n <= head; n++) {
                List<byte[]> keys = v.changedKeys(n);
                H256 hash = v.hashOf(n);
                byte[] ev = hash == null ? null : v.events(hash);
                if (keys == null || ev == null) {
                    throw new IllegalStateException(
                            "the account index cannot read block #" + n + " back from the chain");
                }
                KeyValueStore before = v.stateAt(n - 1);
                KeyValueStore after = v.stateAt(n);
                Map<AccountId, Change> free = new TreeMap<>();
                Map<StakeKey, Change> stake = new TreeMap<>();
                for (byte[] k : keys) {
                    if (isAccountKey(k) || isStakeKey(k)) {
                        collect(k, before.get(k), after.get(k), free, stake);
                    }
                }
                List<org.tao4j.runtime.event.Event> events = EventCodec.decode(ev);
                write(n, Itemizer.itemize(n, events, free, stake), GovernanceEntry.of(n, events), n);
                if ((n - start) % 10_000 == 9_999) {
                    LOG.info("account index: #{} of #{}", n, head);
                }
            }
            if (head - start >= 100) {
                LOG.info(
                        "account index: indexed blocks #{}..#{} in {} s",
                        start,
                        head,
                        String.format("%.1f", (System.nanoTime() - t0) / 1e9));
            }
        }
    }

    /** One OPENING entry per account balance and stake position in the state after block {@code at}. */
    private void opening(ChainStore.View v, long at) {
        KeyValueStore s = v.stateAt(at);
        Map<AccountId, Change> free = new TreeMap<>();
        Map<StakeKey, Change> stake = new TreeMap<>();
        s.forEachWithPrefix(new byte[] {ACCOUNTS, 1}, (k, val) -> collect(k, null, val, free, stake));
        s.forEachWithPrefix(new byte[] {STAKE, 2}, (k, val) -> collect(k, null, val, free, stake));
        List<Itemizer.Item> items = new ArrayList<>();
        free.forEach((a, c) -> items.add(new Itemizer.Item(
                a,
                new HistoryEntry(at, items.size(), HistoryEntry.Kind.OPENING, c.after(), 0, 0, -1, null, null, -1))));
        stake.forEach((k, c) -> items.add(new Itemizer.Item(
                k.coldkey(),
                new HistoryEntry(
                        at, items.size(), HistoryEntry.Kind.OPENING, 0, 0, c.after(), -1, null, k.hotkey(), -1))));
        from = at;
        write(at, items, List.of(), at);
        LOG.info("account index: opened at #{} with {} balances and stake positions", at, items.size());
    }

    private static final byte ACCOUNTS = 1, STAKE = 4;

    static boolean isAccountKey(byte[] k) {
        return k.length == 2 + AccountId.LENGTH && k[0] == ACCOUNTS && k[1] == 1;
    }

    static boolean isStakeKey(byte[] k) {
        return k.length == 2 + 2 * AccountId.LENGTH && k[0] == STAKE && k[1] == 2;
    }

    /** Adds a changed state key to the free or stake changes if it is an account or a stake position. */
    static void collect(
            byte[] k, byte[] before, byte[] after, Map<AccountId, Change> free, Map<StakeKey, Change> stake) {
        if (isAccountKey(k)) {
            long b = u64(before), a = u64(after); // the account value is free (u64) then nonce (u64)
            if (a != b) {
                free.put(new AccountId(Arrays.copyOfRange(k, 2, 34)), new Change(b, a));
            }
        } else if (isStakeKey(k)) {
            long b = u64(before), a = u64(after);
            if (a != b) {
                AccountId hot = new AccountId(Arrays.copyOfRange(k, 2, 34));
                AccountId cold = new AccountId(Arrays.copyOfRange(k, 34, 66));
                stake.put(new StakeKey(cold, hot), new Change(b, a));
            }
        }
    }

    private static long u64(byte[] v) {
        return v == null ? 0 : new ScaleReader(v).readU64();
    }

    private void write(long block, List<Itemizer.Item> items, List<GovernanceEntry> gov, long indexed) {
        WriteBatch e = new WriteBatch();
        for (Itemizer.Item it : items) {
            e.put(key(it.account(), block, it.entry().seq()), it.entry().encode());
        }
        WriteBatch g = new WriteBatch();
        for (GovernanceEntry x : gov) {
            g.put(govKey(block, x.seq()), x.encode());
        }
        WriteBatch m = new WriteBatch();
        m.put(GENESIS, store.genesisHash().bytes());
        m.put(NEXT, le64(indexed + 1));
        m.put(FROM, le64(from));
        Map<String, WriteBatch> batches = new TreeMap<>();
        batches.put(ENTRIES, e);
        batches.put(META, m);
        batches.put(GOVERNANCE, g);
        db.write(batches);
        next = indexed + 1;
    }

    static byte[] key(AccountId a, long block, int seq) {
        return ByteBuffer.allocate(AccountId.LENGTH + 12)
                .put(a.bytes())
                .putLong(Long.MAX_VALUE - block)
                .putInt(Integer.MAX_VALUE - seq)
                .array();
    }

    static byte[] govKey(long block, int seq) {
        return ByteBuffer.allocate(12)
                .putLong(Long.MAX_VALUE - block)
                .putInt(Integer.MAX_VALUE - seq)
                .array();
    }

    /**
     * One page of governance entries (every proposal, vote and decision), newest first.
     *
     * @param next where the next (older) page starts, or null at the end
     */
    public record GovernancePage(List<GovernanceEntry> entries, Cursor next) {}

    /** Governance entries, newest first, from {@code cursor} (null = the newest), at most {@code limit}. */
    public GovernancePage governance(Cursor cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
        byte[] start = cursor == null ? new byte[0] : govKey(cursor.block(), cursor.seq());
        byte[] end = new byte[13];
        Arrays.fill(end, (byte) 0xFF);
        List<GovernanceEntry> out = new ArrayList<>();
        Cursor[] more = {null};
        db.columnFamily(GOVERNANCE).scan(start, end, (k, v) -> {
            ByteBuffer bb = ByteBuffer.wrap(k);
            long block = Long.MAX_VALUE - bb.getLong();
            int seq = Integer.MAX_VALUE - bb.getInt();
            if (out.size() == limit) {
                more[0] = new Cursor(block, seq);
                return false;
            }
            out.add(GovernanceEntry.decode(block, seq, v));
            return true;
        });
        return new GovernancePage(out, more[0]);
    }

    private static byte[] le64(long v) {
        return org.tao4j.core.scale.ScaleWriter.encode(w -> w.u64(v));
    }

    /** A position in an account's history: the entry to start at (newest first). */
    public record Cursor(long block, int seq) {
        /** Parses {@code BLOCK:SEQ} as {@link Page#next} gives it; null if malformed. */
        public static Cursor parse(String s) {
            int i = s.indexOf(':');
            if (i <= 0 || i == s.length() - 1 || s.length() > 32) {
                return null;
            }
            try {
                long b = Long.parseLong(s.substring(0, i));
                int q = Integer.parseInt(s.substring(i + 1));
                return b < 0 || q < 0 ? null : new Cursor(b, q);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return block + ":" + seq;
        }
    }

    /**
     * One page of history.
     *
     * @param next where the next (older) page starts, or null at the end
     */
    public record Page(List<HistoryEntry> entries, Cursor next) {}

    /** An account's entries, newest first, from {@code cursor} (null = the newest), at most {@code limit}. */
    public Page history(AccountId account, Cursor cursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
        byte[] start = cursor == null ? account.bytes() : key(account, cursor.block(), cursor.seq());
        byte[] end = Arrays.copyOf(account.bytes(), AccountId.LENGTH + 13);
        Arrays.fill(end, AccountId.LENGTH, end.length, (byte) 0xFF);
        List<HistoryEntry> out = new ArrayList<>();
        Cursor[] more = {null};
        db.columnFamily(ENTRIES).scan(start, end, (k, v) -> {
            ByteBuffer bb = ByteBuffer.wrap(k, AccountId.LENGTH, 12);
            long block = Long.MAX_VALUE - bb.getLong();
            int seq = Integer.MAX_VALUE - bb.getInt();
            if (out.size() == limit) {
                more[0] = new Cursor(block, seq);
                return false;
            }
            out.add(HistoryEntry.decode(block, seq, v));
            return true;
        });
        return new Page(out, more[0]);
    }

    @Override
    public void close() {
        closing = true;
        Thread w = worker;
        if (w != null) {
            w.interrupt();
            try {
                w.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            db.close();
        }
    }
}
