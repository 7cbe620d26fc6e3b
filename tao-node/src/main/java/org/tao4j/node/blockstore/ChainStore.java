package org.tao4j.node.blockstore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.StorageException;
import org.tao4j.core.kv.WriteBatch;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.core.scale.ScaleWriter;
import org.tao4j.node.chain.Block;
import org.tao4j.node.chain.BlockHeader;
import org.tao4j.rocksdb.RangeStore;
import org.tao4j.rocksdb.RocksConfig;
import org.tao4j.rocksdb.RocksDatabase;
import org.tao4j.rocksdb.RocksSnapshot;
import org.tao4j.runtime.trie.SparseMerkleTree;

/**
 * The node's database (RocksDB, one column family per kind of data; docs/node.md "data layout"):
 *
 * <ul>
 *   <li>{@code state}: the head state, key to value, exactly as the runtime sees it;
 *   <li>{@code smt}: the head's state-tree nodes, hash to encoding (older trees' nodes are deleted
 *       as blocks make them unreachable, see {@link PreparedState});
 *   <li>{@code history}: each block's previous values of the keys it changed (see {@link History});
 *   <li>{@code diffs}: block number to the list of keys it changed, to prune the history by block;
 *   <li>{@code blocks}: block hash to SCALE block; {@code numbers}: u64be number to hash;
 *   <li>{@code events}: block hash to the block's events (SCALE, {@link org.tao4j.node.chain.EventCodec});
 *   <li>{@code meta}: head hash, genesis hash, chain id, earliest block with queryable state.
 * </ul>
 *
 * Every block is committed by {@link #commit} as one atomic, synchronous RocksDB write batch across
 * all of these, so after a crash the database holds exactly the blocks committed before it.
 *
 * <p>One writer (the chain) calls {@link #commit}; any thread may read through {@link #view()}.
 */
public final class ChainStore implements AutoCloseable {

    /** {@code --state-pruning archive}: keep the state of every block. */
    public static final int ARCHIVE = -1;

    static final String STATE = "state";
    static final String SMT = "smt";
    /** Tree nodes kept in memory per generation of the node cache (two generations, ~200 bytes each). */
    static final int NODE_CACHE_ENTRIES = 1 << 17;
    /** Head-state values kept in memory per generation of the state cache (two generations). */
    static final int STATE_CACHE_ENTRIES = 1 << 17;

    static final int RECENT_BLOCKS = 32;
    static final String HISTORY = "history";
    static final String DIFFS = "diffs";
    static final String BLOCKS = "blocks";
    static final String NUMBERS = "numbers";
    static final String EVENTS = "events";
    static final String META = "meta";
    static final List<String> COLUMN_FAMILIES = List.of(STATE, SMT, HISTORY, DIFFS, BLOCKS, NUMBERS, EVENTS, META);

    private static final byte[] HEAD = bytes("head");
    private static final byte[] GENESIS = bytes("genesis");
    private static final byte[] CHAIN_ID = bytes("chain_id");
    private static final byte[] EARLIEST_STATE = bytes("earliest_state");
    private static final byte[] FINALIZED = bytes("finalized");
    /** A warp-synced database: the number of the first block it holds after genesis (u64). */
    private static final byte[] WARP_BASE = bytes("warp_base");
    /** Prefix of a block's justification in the meta column: "j" + block hash. */
    private static final byte[] JUSTIFICATION_PREFIX = bytes("j");

    private static final Logger LOG = LoggerFactory.getLogger(ChainStore.class);

    private final RocksDatabase db;
    private final int pruning;
    private final HeadStateCache state;
    private final RangeStore smt;
    /** Recently used tree nodes, for {@link #prepare} (only the chain's writer uses it). */
    private final NodeCache nodeCache = new NodeCache(NODE_CACHE_ENTRIES);
    /**
     * The last {@link #RECENT_BLOCKS} committed blocks, decoded: clients (explorers, wallets waiting for
     * inclusion, every request's view of the head) mostly ask for the newest blocks, and reading a
     * block of thousands of transactions back and decoding it costs more than the request itself.
     * Blocks are immutable and keyed by hash, so a cached block is always right.
     */
    private final Map<H256, Block> recentBlocks =
            Collections.synchronizedMap(new LinkedHashMap<>(RECENT_BLOCKS * 2, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<H256, Block> eldest) {
                    return size() > RECENT_BLOCKS;
                }
            });

    private volatile Head head;
    private volatile long earliestState;
    /** The last committed block, recorded outside RocksDB's log (see {@link HeadRecord}). */
    private final HeadRecord headRecord;
    /** The first corruption found in a stored block after start-up, or failure to record the head, or null. */
    private volatile String corruption;

    /** Blocks below the head whose hash, links, extrinsics root and signature are checked at start-up. */
    static final int VERIFIED_AT_START = 256;
    /** Most keys changed by the head block whose value is checked against the head's state root at start-up. */
    static final int STATE_KEYS_VERIFIED_AT_START = 64;

    /** The last committed block. */
    public record Head(H256 hash, BlockHeader header) {
        public long number() {
            return header.number();
        }

        public H256 stateRoot() {
            return header.stateRoot();
        }
    }

    private ChainStore(RocksDatabase db, int pruning, HeadRecord headRecord) {
        this.db = db;
        this.pruning = pruning;
        this.headRecord = headRecord;
        this.state = new HeadStateCache(db.columnFamily(STATE), STATE_CACHE_ENTRIES);
        this.smt = db.columnFamily(SMT);
        byte[] h = db.columnFamily(META).get(HEAD);
        if (h != null) {
            if (h.length != 32) {
                throw corrupt(db.directory(), "the head hash is " + h.length + " bytes");
            }
            H256 hash = new H256(h);
            BlockHeader header;
            try {
                header = readHeader(db.columnFamily(BLOCKS), hash);
            } catch (RuntimeException e) {
                throw corrupt(db.directory(), "the head block " + hash + " cannot be read: " + e.getMessage());
            }
            this.head = new Head(hash, header);
            byte[] e = db.columnFamily(META).get(EARLIEST_STATE);
            this.earliestState = e == null ? 0 : History.u64(e, 0);
            byte[] f = db.columnFamily(META).get(FINALIZED);
            if (f != null) {
                if (f.length != 40) {
                    throw corrupt(db.directory(), "the finalized-head record is " + f.length + " bytes");
                }
                this.finalized = new Finalized(History.u64(f, 0), new H256(java.util.Arrays.copyOfRange(f, 8, 40)));
            }
        }
    }

    /** The highest block known to be final (genesis until a justification is stored). */
    public record Finalized(long number, H256 hash) {}

    private volatile Finalized finalized;

    /**
     * The highest block with a stored justification, or genesis (which is final by definition). Never
     * above the head.
     */
    public Finalized finalized() {
        Finalized f = finalized;
        if (f != null) {
            return f;
        }
        H256 g = genesisHash();
        if (g == null) {
            throw new IllegalStateException("the database at " + db.directory() + " holds no chain yet");
        }
        return new Finalized(0, g);
    }

    /**
     * Stores a block's justification (already checked by the caller against the authority set in
     * force at that block), and advances the finalized head if the block is above it. The block must
     * be stored under that number and hash. Atomic and synchronous, like {@link #commit}.
     *
     * @return true when the finalized head moved
     * @throws IllegalArgumentException if this chain holds no such block
     */
    public synchronized boolean putJustification(org.tao4j.node.chain.Justification j) {
        byte[] stored = db.columnFamily(NUMBERS).get(History.u64(j.number()));
        if (stored == null || !java.util.Arrays.equals(stored, j.blockHash().bytes())) {
            throw new IllegalArgumentException("no block #" + j.number() + " " + j.blockHash() + " in this chain");
        }
        Map<String, WriteBatch> b = batches();
        b.get(META).put(justificationKey(j.blockHash()), j.encode());
        Finalized current = finalized();
        boolean advanced = j.number() > current.number();
        if (advanced) {
            byte[] rec = new byte[40];
            System.arraycopy(History.u64(j.number()), 0, rec, 0, 8);
            System.arraycopy(j.blockHash().bytes(), 0, rec, 8, 32);
            b.get(META).put(FINALIZED, rec);
        }
        db.write(b);
        if (advanced) {
            finalized = new Finalized(j.number(), j.blockHash());
        }
        return advanced;
    }

    /** The stored justification of a block, if any. */
    public java.util.Optional<org.tao4j.node.chain.Justification> justification(H256 blockHash) {
        byte[] v = db.columnFamily(META).get(justificationKey(blockHash));
        if (v == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(org.tao4j.node.chain.Justification.decode(v));
        } catch (IllegalArgumentException e) {
            throw corrupt(
                    db.directory(), "the justification of block " + blockHash + " cannot be read: " + e.getMessage());
        }
    }

    private static byte[] justificationKey(H256 hash) {
        byte[] k = new byte[JUSTIFICATION_PREFIX.length + 32];
        System.arraycopy(JUSTIFICATION_PREFIX, 0, k, 0, JUSTIFICATION_PREFIX.length);
        System.arraycopy(hash.bytes(), 0, k, JUSTIFICATION_PREFIX.length, 32);
        return k;
    }

    /** A one-line refusal: what is wrong and what the operator does next. */
    static StorageException corrupt(Path dir, String what) {
        return new StorageException("the database at " + dir + " is corrupt: " + what + "; the node refuses to start"
                + " rather than serve a damaged or rolled-back chain — restore the data directory from a backup (see"
                + " docs/node.md, \"Failure handling\")");
    }

    /**
     * Opens (creating if needed) the database in {@code dir}.
     *
     * @param pruning how many recent states to keep queryable, or {@link #ARCHIVE}
     */
    public static ChainStore open(Path dir, boolean syncWrites, int pruning) {
        if (pruning != ARCHIVE && pruning < 1) {
            throw new IllegalArgumentException("state pruning keeps at least 1 state, got " + pruning);
        }
        RocksDatabase db =
                RocksDatabase.open(dir, COLUMN_FAMILIES, RocksConfig.defaults().withSyncWrites(syncWrites));
        HeadRecord record = null;
        try {
            record = HeadRecord.open(db.directory(), syncWrites);
            ChainStore store = new ChainStore(db, pruning, record);
            store.verifyAtStart();
            store.catchUpPruning();
            return store;
        } catch (RuntimeException e) {
            if (record != null) {
                record.close();
            }
            db.close();
            throw e;
        }
    }

    /**
     * What is cheap to check at start-up (docs/node.md "Failure handling"): the head is not behind
     * the last block recorded as committed (a damaged or truncated write-ahead log replays only part
     * of the chain); the last {@value #VERIFIED_AT_START} blocks are stored under their number, hash to
     * their key, link to their parent, match their extrinsics root and carry their author's
     * signature; the values of (up to {@value #STATE_KEYS_VERIFIED_AT_START}) keys the head block
     * changed are proved against the head's state root. Older blocks and the rest of the state are
     * checked by RocksDB's block checksums when read.
     */
    private void verifyAtStart() {
        Path dir = db.directory();
        long t0 = System.nanoTime();
        HeadRecord.Entry recorded = headRecord.read();
        if (head == null) {
            if (recorded != null) {
                throw corrupt(
                        dir,
                        "it holds no chain, but block #" + recorded.number() + " " + recorded.hash()
                                + " had been committed (" + headRecord.path() + ")");
            }
            return;
        }
        long n = head.number();
        if (recorded != null) {
            if (recorded.number() > n) {
                throw corrupt(
                        dir,
                        "its head is block #" + n + ", but block #" + recorded.number() + " "
                                + recorded.hash() + " had been committed: " + (recorded.number() - n)
                                + " committed block(s) are"
                                + " missing (a damaged or truncated write-ahead log)");
            }
            byte[] at = db.columnFamily(NUMBERS).get(History.u64(recorded.number()));
            if (at == null || !recorded.hash().equals(new H256(at))) {
                throw corrupt(
                        dir,
                        "block #" + recorded.number() + " had been committed as " + recorded.hash()
                                + ", but the database holds " + (at == null ? "no block" : new H256(at)) + " there");
            }
        }
        H256 expected = head.hash();
        long lowest = Math.max(warpBase(), n - VERIFIED_AT_START + 1);
        RangeStore blocks = db.columnFamily(BLOCKS);
        RangeStore numbers = db.columnFamily(NUMBERS);
        for (long k = n; k >= lowest; k--) {
            byte[] h = numbers.get(History.u64(k));
            if (h == null || !expected.equals(new H256(h))) {
                throw corrupt(
                        dir,
                        "block #" + k + " should be " + expected + " but the number index holds "
                                + (h == null ? "nothing" : new H256(h)));
            }
            byte[] enc = blocks.get(expected.bytes());
            if (enc == null) {
                throw corrupt(dir, "block #" + k + " " + expected + " is missing");
            }
            Block b;
            try {
                b = Block.decode(enc);
            } catch (RuntimeException e) {
                throw corrupt(dir, "block #" + k + " " + expected + " cannot be decoded: " + e.getMessage());
            }
            String problem = blockProblem(b, expected, k);
            if (problem != null) {
                throw corrupt(dir, problem);
            }
            expected = b.header().parentHash();
        }
        verifyHeadState(dir);
        if (recorded == null || recorded.number() != n) {
            headRecord.write(n, head.hash());
        }
        LOG.info(
                "verified the stored chain at start-up: head #{} {}, blocks #{}..#{} in {} ms",
                n,
                head.hash(),
                lowest,
                n,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** Why a stored block is not the block {@code hash} at {@code number}, or null if it is. */
    private static String blockProblem(Block b, H256 hash, long number) {
        String where = "block #" + number + " " + hash;
        if (!b.hash().equals(hash)) {
            return where + " is stored with content that hashes to " + b.hash();
        }
        if (b.number() != number) {
            return where + " says it is #" + b.number();
        }
        List<byte[]> xs = new ArrayList<>(b.extrinsics().size());
        b.extrinsics().forEach(x -> xs.add(x.hash()));
        if (!org.tao4j.node.chain.ExtrinsicsRoot.ofHashes(xs).equals(b.header().extrinsicsRoot())) {
            return where + ": its extrinsics do not match its extrinsics root";
        }
        if (number > 0 && !b.signatureValid()) {
            return where + ": its signature is not its author's";
        }
        return null;
    }

    /** Proves keys the head block changed (their stored values) against the head's state root. */
    private void verifyHeadState(Path dir) {
        byte[] root = head.stateRoot().bytes();
        SparseMerkleTree tree = new SparseMerkleTree(smt);
        byte[] diff = db.columnFamily(DIFFS).get(History.u64(head.number()));
        List<byte[]> keys = new ArrayList<>();
        if (diff != null) {
            try {
                keys.addAll(new ScaleReader(diff).readVec(ScaleReader::readBytes));
            } catch (RuntimeException e) {
                throw corrupt(dir, "the list of keys block #" + head.number() + " changed cannot be decoded");
            }
        }
        if (keys.isEmpty() && java.util.Arrays.equals(root, SparseMerkleTree.emptyRoot())) {
            return;
        }
        if (keys.isEmpty() && smt.get(root) == null) {
            throw corrupt(
                    dir,
                    "the state tree's root node " + head.stateRoot() + " of block #" + head.number() + " is missing");
        }
        for (byte[] k : keys.subList(0, Math.min(keys.size(), STATE_KEYS_VERIFIED_AT_START))) {
            byte[] value = db.columnFamily(STATE).get(k);
            boolean ok;
            try {
                ok = tree.prove(root, k).verify(root, k, value);
            } catch (RuntimeException e) {
                throw corrupt(
                        dir, "the head state of block #" + head.number() + " cannot be proved: " + e.getMessage());
            }
            if (!ok) {
                throw corrupt(
                        dir,
                        "a stored value of the head state does not match block #" + head.number() + "'s state root "
                                + head.stateRoot());
            }
        }
    }

    /**
     * The first storage fault met since start-up (an I/O error such as a full disk, or corruption found
     * when reading), as one line, or null while storage is sound.
     */
    public String fault() {
        String c = corruption;
        return c != null ? c : db.fault();
    }

    public Path directory() {
        return db.directory();
    }

    public int pruning() {
        return pruning;
    }

    /** True until a genesis has been written. */
    public boolean isEmpty() {
        return head == null;
    }

    public Head head() {
        Head h = head;
        if (h == null) {
            throw new IllegalStateException("the database at " + db.directory() + " holds no chain yet");
        }
        return h;
    }

    public H256 genesisHash() {
        byte[] g = db.columnFamily(META).get(GENESIS);
        return g == null ? null : new H256(g);
    }

    public String chainId() {
        byte[] c = db.columnFamily(META).get(CHAIN_ID);
        return c == null ? null : new String(c, StandardCharsets.UTF_8);
    }

    /** The earliest block whose state can still be queried. */
    public long earliestState() {
        return earliestState;
    }

    /** The live head state. Only the chain's writer should rely on it not changing under it. */
    public RangeStore state() {
        return state;
    }

    /** The live state-tree node store (the head's tree). */
    public KeyValueStore nodes() {
        return smt;
    }

    /** Computes a child of the head's state; reads only. */
    public PreparedState prepare(SortedMap<byte[], byte[]> changes) {
        return PreparedState.compute(state, nodeCache.over(smt), head().stateRoot(), changes);
    }

    /**
     * Writes the genesis: its whole state, tree, block 0 and head, in one batch.
     *
     * @param genesisState every key of the genesis state
     * @param nodes every node of its tree
     */
    public synchronized void initGenesis(
            String chainId, Block genesis, SortedMap<byte[], byte[]> genesisState, SortedMap<byte[], byte[]> nodes) {
        if (head != null) {
            throw new IllegalStateException("the database already holds a chain");
        }
        Map<String, WriteBatch> b = batches();
        genesisState.forEach(b.get(STATE)::put);
        nodes.forEach(b.get(SMT)::put);
        H256 hash = genesis.hash();
        b.get(BLOCKS).put(hash.bytes(), genesis.encode());
        b.get(NUMBERS).put(History.u64(0), hash.bytes());
        b.get(EVENTS).put(hash.bytes(), org.tao4j.node.chain.EventCodec.encode(List.of()));
        b.get(META)
                .put(HEAD, hash.bytes())
                .put(GENESIS, hash.bytes())
                .put(CHAIN_ID, bytes(chainId))
                .put(EARLIEST_STATE, History.u64(0));
        db.write(b);
        headRecord.write(0, hash);
        state.invalidateAll();
        head = new Head(hash, genesis.header());
        earliestState = 0;
    }

    /**
     * The first block this database holds after genesis: 1, or the block a warp sync started from (the
     * blocks between genesis and it were never downloaded).
     */
    public long warpBase() {
        byte[] w = db.columnFamily(META).get(WARP_BASE);
        return w == null ? 0 : History.u64(w, 0);
    }

    /**
     * Replaces a database holding only its genesis with the state of a later block, downloaded and
     * checked by a warp sync (the caller recomputed its root and checked the justification): the genesis
     * state and tree go, the block's whole state, tree, the block itself, its justification and the new
     * head and finalized head are written in one batch. Blocks between genesis and it are not held.
     */
    public synchronized void warpTo(
            Block block,
            SortedMap<byte[], byte[]> wholeState,
            SortedMap<byte[], byte[]> nodes,
            org.tao4j.node.chain.Justification j) {
        if (head == null || head.number() != 0) {
            throw new IllegalStateException("a warp sync needs a database that holds only its genesis; this one is at #"
                    + (head == null ? "-" : head.number()) + " (use an empty --base-path)");
        }
        H256 hash = block.hash();
        if (!j.blockHash().equals(hash) || !block.header().stateRoot().equals(new H256(warpRootCheck(nodes, block)))) {
            throw new IllegalArgumentException(
                    "the warp block, its justification and its state do not belong together");
        }
        long n = block.number();
        Map<String, WriteBatch> b = batches();
        db.columnFamily(STATE).forEachWithPrefix(new byte[0], (k, v) -> {
            if (!wholeState.containsKey(k)) {
                b.get(STATE).delete(k);
            }
        });
        smt.forEachWithPrefix(new byte[0], (k, v) -> b.get(SMT).delete(k));
        wholeState.forEach(b.get(STATE)::put);
        nodes.forEach(b.get(SMT)::put);
        b.get(BLOCKS).put(hash.bytes(), block.encode());
        b.get(NUMBERS).put(History.u64(n), hash.bytes());
        b.get(EVENTS).put(hash.bytes(), org.tao4j.node.chain.EventCodec.encode(List.of()));
        byte[] rec = new byte[40];
        System.arraycopy(History.u64(n), 0, rec, 0, 8);
        System.arraycopy(hash.bytes(), 0, rec, 8, 32);
        b.get(META)
                .put(HEAD, hash.bytes())
                .put(EARLIEST_STATE, History.u64(n))
                .put(WARP_BASE, History.u64(n))
                .put(FINALIZED, rec)
                .put(justificationKey(hash), j.encode());
        db.write(b);
        headRecord.write(n, hash);
        state.invalidateAll();
        recentBlocks.put(hash, block);
        head = new Head(hash, block.header());
        earliestState = n;
        finalized = new Finalized(n, hash);
    }

    /** The root node of the given tree must be among the nodes (or the state is empty). */
    private static byte[] warpRootCheck(SortedMap<byte[], byte[]> nodes, Block block) {
        byte[] root = block.header().stateRoot().bytes();
        if (!nodes.containsKey(root) && !java.util.Arrays.equals(root, SparseMerkleTree.emptyRoot())) {
            throw new IllegalArgumentException("the warp state's tree has no node for the block's state root");
        }
        return root;
    }

    /**
     * Commits a block on top of the head: its state changes, history, tree nodes, the block, its
     * events and the new head, and the pruning of the state that falls out of the window, in one
     * atomic synchronous write.
     */
    public synchronized void commit(Block block, PreparedState ps, byte[] events) {
        Head parent = head();
        BlockHeader h = block.header();
        if (!h.parentHash().equals(parent.hash()) || h.number() != parent.number() + 1) {
            throw new IllegalArgumentException("block #" + h.number() + " " + block.hash()
                    + " does not extend the head #" + parent.number() + " " + parent.hash());
        }
        if (!ps.parentRoot().equals(parent.stateRoot()) || !ps.root().equals(h.stateRoot())) {
            throw new IllegalArgumentException("block #" + h.number() + ": prepared state does not match the header");
        }
        long n = h.number();
        Map<String, WriteBatch> b = batches();
        WriteBatch st = b.get(STATE);
        WriteBatch hist = b.get(HISTORY);
        List<byte[]> keys = new ArrayList<>(ps.changes().size());
        for (Map.Entry<byte[], byte[]> e : ps.changes().entrySet()) {
            if (e.getValue() == null) {
                st.delete(e.getKey());
            } else {
                st.put(e.getKey(), e.getValue());
            }
            hist.put(
                    History.key(e.getKey(), n),
                    History.encodeValue(ps.previous().get(e.getKey())));
            keys.add(e.getKey());
        }
        b.get(DIFFS).put(History.u64(n), ScaleWriter.encode(w -> w.vec(keys, ScaleWriter::bytes)));
        // each column family's operations go in key order: RocksDB's memtable inserts a key next to the
        // previous one cheaply, and at random places at about twice the cost (node hashes are random)
        // (PreparedState gives the nodes in hash order)
        ps.writtenNodes().forEach(node -> b.get(SMT).put(node.hash(), node.encoded()));
        ps.obsoleteNodes().forEach(b.get(SMT)::delete);
        H256 hash = block.hash();
        b.get(BLOCKS).put(hash.bytes(), block.encode());
        b.get(NUMBERS).put(History.u64(n), hash.bytes());
        b.get(EVENTS).put(hash.bytes(), events);
        b.get(META).put(HEAD, hash.bytes());
        long earliest = earliestState;
        if (pruning != ARCHIVE && n - pruning > earliest) {
            // state at n - pruning stays queryable: it needs the history of blocks n - pruning + 1 .. n
            for (long p = earliest + 1; p <= n - pruning; p++) {
                pruneBlock(p, b);
            }
            earliest = n - pruning;
            b.get(META).put(EARLIEST_STATE, History.u64(earliest));
        }
        db.write(b);
        state.applyCommitted(ps.changes());
        recentBlocks.put(hash, block);
        head = new Head(hash, h);
        earliestState = earliest;
        try {
            headRecord.write(n, hash);
        } catch (StorageException e) {
            if (corruption == null) {
                corruption = e.getMessage();
            }
            throw e;
        }
        // the next block reads the paths this one wrote (obsolete nodes may linger in the cache until
        // they age out: the head's tree never refers to them, and a node's hash fixes its content).
        // No rotation per block: the top of the tree, read by every block, stays in the current
        // generation instead of being copied into a new one each block.
        nodeCache.putAll(ps.writtenNodes());
    }

    /** Adds the deletion of block {@code p}'s history (and diff) to the batches. */
    private void pruneBlock(long p, Map<String, WriteBatch> b) {
        byte[] diff = db.columnFamily(DIFFS).get(History.u64(p));
        if (diff == null) {
            return;
        }
        for (byte[] k : new ScaleReader(diff).readVec(ScaleReader::readBytes)) {
            b.get(HISTORY).delete(History.key(k, p));
        }
        b.get(DIFFS).delete(History.u64(p));
    }

    /** After a restart with a smaller window (or from archive), prunes everything now outside it. */
    private void catchUpPruning() {
        if (head == null || pruning == ARCHIVE) {
            return;
        }
        long target = head.number() - pruning;
        if (target <= earliestState) {
            return;
        }
        long from = earliestState;
        for (long p = from + 1; p <= target; p += 256) {
            Map<String, WriteBatch> b = batches();
            long to = Math.min(target, p + 255);
            for (long q = p; q <= to; q++) {
                pruneBlock(q, b);
            }
            b.get(META).put(EARLIEST_STATE, History.u64(to));
            db.write(b);
            earliestState = to;
        }
        LOG.info("pruned the state history of blocks {}..{} (keeping the last {} states)", from + 1, target, pruning);
    }

    private static Map<String, WriteBatch> batches() {
        Map<String, WriteBatch> m = new TreeMap<>();
        for (String cf : COLUMN_FAMILIES) {
            m.put(cf, new WriteBatch());
        }
        return m;
    }

    /** A consistent read-only view of the chain; close it when done. */
    public View view() {
        return new View(db.snapshot());
    }

    @Override
    public void close() {
        headRecord.close();
        db.close();
    }

    static BlockHeader readHeader(KeyValueStore blocks, H256 hash) {
        byte[] enc = blocks.get(hash.bytes());
        if (enc == null) {
            throw new StorageException("block " + hash + " is missing from the database");
        }
        return Block.decodeHeader(enc);
    }

    private StorageException corruptBlock(H256 hash, String what) {
        String line = "stored block " + hash + " is corrupt: " + what + "; restore the data directory from a backup";
        if (corruption == null) {
            corruption = line;
            LOG.error("{}", line);
        }
        return new StorageException(line);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Why the state of a block cannot be read. */
    public static final class StateUnavailable extends RuntimeException {
        public StateUnavailable(String message) {
            super(message);
        }
    }

    /** A snapshot of the chain: head, blocks, events and the state at any kept block. */
    public final class View implements AutoCloseable {
        private final RocksSnapshot snap;
        private final Head viewHead;
        private final long earliest;

        View(RocksSnapshot snap) {
            this.snap = snap;
            RangeStore meta = snap.columnFamily(META);
            byte[] h = meta.get(HEAD);
            if (h == null) {
                snap.close();
                throw new IllegalStateException("the database holds no chain yet");
            }
            H256 hash = new H256(h);
            Block cached = recentBlocks.get(hash);
            this.viewHead =
                    new Head(hash, cached != null ? cached.header() : readHeader(snap.columnFamily(BLOCKS), hash));
            byte[] e = meta.get(EARLIEST_STATE);
            this.earliest = e == null ? 0 : History.u64(e, 0);
        }

        public Head head() {
            return viewHead;
        }

        public long earliestState() {
            return earliest;
        }

        public H256 hashOf(long number) {
            if (number < 0 || number > viewHead.number()) {
                return null;
            }
            byte[] h = snap.columnFamily(NUMBERS).get(History.u64(number));
            return h == null ? null : new H256(h);
        }

        public Block block(H256 hash) {
            Block b = recent(hash);
            if (b != null) {
                return b;
            }
            byte[] enc = snap.columnFamily(BLOCKS).get(hash.bytes());
            return enc == null ? null : checked(hash, enc);
        }

        /** Decodes a stored block and checks it hashes to its key; a mismatch is a storage fault. */
        private Block checked(H256 hash, byte[] enc) {
            Block b;
            try {
                b = Block.decode(enc);
            } catch (RuntimeException e) {
                throw corruptBlock(hash, "it cannot be decoded (" + e.getMessage() + ")");
            }
            if (!b.hash().equals(hash)) {
                throw corruptBlock(hash, "its content hashes to " + b.hash());
            }
            return b;
        }

        /** A recently committed block, if this view includes it. */
        private Block recent(H256 hash) {
            Block b = recentBlocks.get(hash);
            return b != null && b.number() <= viewHead.number() ? b : null;
        }

        public byte[] encodedBlock(H256 hash) {
            return snap.columnFamily(BLOCKS).get(hash.bytes());
        }

        public BlockHeader header(H256 hash) {
            Block b = recent(hash);
            if (b != null) {
                return b.header();
            }
            byte[] enc = snap.columnFamily(BLOCKS).get(hash.bytes());
            if (enc == null) {
                return null;
            }
            BlockHeader h;
            try {
                h = Block.decodeHeader(enc);
            } catch (RuntimeException e) {
                throw corruptBlock(hash, "its header cannot be decoded (" + e.getMessage() + ")");
            }
            if (!h.hash().equals(hash)) {
                throw corruptBlock(hash, "its header hashes to " + h.hash());
            }
            return h;
        }

        /** The block's events as stored ({@link org.tao4j.node.chain.EventCodec}), or null for an unknown block. */
        public byte[] events(H256 hash) {
            return snap.columnFamily(EVENTS).get(hash.bytes());
        }

        public KeyValueStore headState() {
            return snap.columnFamily(STATE);
        }

        /** The head state with range scans (a warp sync's state chunks are read in key order). */
        public RangeStore headStateRange() {
            return snap.columnFamily(STATE);
        }

        /** The state after block {@code hash}. */
        public KeyValueStore stateAt(H256 hash) {
            BlockHeader h = header(hash);
            if (h == null) {
                throw new StateUnavailable("unknown block " + hash);
            }
            return stateAt(h.number());
        }

        public KeyValueStore stateAt(long number) {
            if (number == viewHead.number()) {
                return headState();
            }
            if (number > viewHead.number() || number < 0) {
                throw new StateUnavailable(
                        "block #" + number + " is not in the chain (head #" + viewHead.number() + ")");
            }
            if (number < earliest) {
                throw new StateUnavailable("the state of block #" + number
                        + " has been pruned: this node keeps the last "
                        + pruning + " states (from #" + earliest + "); run an archive node (--state-pruning archive)"
                        + " for older state");
            }
            return new HistoricalState(snap.columnFamily(STATE), snap.columnFamily(HISTORY), number);
        }

        @Override
        public void close() {
            snap.close();
        }
    }

    /** Test support: the number of stored tree nodes (pruning must keep only the head's tree). */
    long nodeCount() {
        long[] n = {0};
        smt.forEachWithPrefix(new byte[0], (k, v) -> n[0]++);
        return n[0];
    }

    /** Test support: the number of history entries. */
    long historyCount() {
        long[] n = {0};
        db.columnFamily(HISTORY).forEachWithPrefix(new byte[0], (k, v) -> n[0]++);
        return n[0];
    }
}
