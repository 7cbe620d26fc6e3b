package org.tao4j.node.production;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.blockstore.ChainStore;
import org.tao4j.node.blockstore.PreparedState;
import org.tao4j.node.chain.Block;
import org.tao4j.node.chain.BlockHeader;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.chain.EventCodec;
import org.tao4j.node.chain.ExtrinsicsRoot;
import org.tao4j.node.chain.GenesisBlock;
import org.tao4j.node.chain.Justification;
import org.tao4j.node.pool.TransactionPool;
import org.tao4j.runtime.ApplyResult;
import org.tao4j.runtime.BlockExecution;
import org.tao4j.runtime.BlockLimits;
import org.tao4j.runtime.Runtime;
import org.tao4j.runtime.coinbase.Coinbase;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.SubnetInfo;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * The chain: its spec, runtime and database, and the only writer of its head. Blocks reach the
 * head in two ways, both under one lock:
 *
 * <ul>
 *   <li>{@link #build} + {@link #commit} (or {@link #produce}): an authority builds a block from
 *       the pool, runs it, seals it, and commits what it computed;
 *   <li>{@link #importBlock}: a block sealed elsewhere is checked (parent, author, signature,
 *       extrinsics root, every transaction valid, state root) by running it, then committed.
 * </ul>
 * Listeners hear each new head after it is durable.
 */
public final class Chain implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Chain.class);

    private final ChainSpec spec;
    private final ChainStore store;
    private final Runtime runtime;
    private final ReentrantLock writer = new ReentrantLock();
    private final List<ChainListener> listeners = new CopyOnWriteArrayList<>();
    private final org.tao4j.node.health.RepeatedErrors listenerErrors = new org.tao4j.node.health.RepeatedErrors(LOG);

    private Chain(ChainSpec spec, ChainStore store, Runtime runtime) {
        this.spec = spec;
        this.store = store;
        this.runtime = runtime;
    }

    /**
     * Opens the chain in {@code dir}, writing its genesis on first use. Refuses a database that holds
     * another chain.
     */
    public static Chain open(ChainSpec spec, Path dir, boolean syncWrites, int pruning) {
        GenesisBlock genesis = GenesisBlock.of(spec);
        ChainStore store = ChainStore.open(dir, syncWrites, pruning);
        try {
            if (store.isEmpty()) {
                store.initGenesis(spec.id(), genesis.block(), genesis.state(), genesis.nodes());
                LOG.info("initialised chain '{}' genesis={} in {}", spec.name(), genesis.hash(), dir);
            } else if (!genesis.hash().equals(store.genesisHash())) {
                throw new IllegalStateException("the database in " + dir + " holds chain '" + store.chainId()
                        + "' with genesis " + store.genesisHash() + ", but chain spec '" + spec.name()
                        + "' has genesis " + genesis.hash() + "; use another --base-path");
            }
            return new Chain(spec, store, new Runtime(genesis.hash().bytes()));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public ChainSpec spec() {
        return spec;
    }

    public Runtime runtime() {
        return runtime;
    }

    public ChainStore store() {
        return store;
    }

    public H256 genesisHash() {
        return new H256(runtime.genesisHash());
    }

    public ChainStore.Head head() {
        return store.head();
    }

    /** The live head state: for the pool's admission checks (single reads). */
    public ChainState headState() {
        return new ChainState(store.state());
    }

    public void addListener(ChainListener l) {
        listeners.add(l);
    }

    // ---------------------------------------------------------------- production

    /** Builds, seals and commits one block from the pool; returns it. */
    public ImportedBlock produce(Ed25519.KeyPair author, TransactionPool pool, long nowMs, int maxExtrinsics) {
        writer.lock();
        try {
            return commit(build(author, pool, nowMs, maxExtrinsics));
        } finally {
            writer.unlock();
        }
    }

    /**
     * Builds and seals a block on the current head from the pool's best transactions, up to
     * {@code maxExtrinsics} and {@link BlockLimits#MAX_BLOCK_BYTES}; nothing is written. Transactions the runtime rejects are reported in
     * {@link SealedBlock#invalid()} for the pool to evict.
     */
    public SealedBlock build(Ed25519.KeyPair author, TransactionPool pool, long nowMs, int maxExtrinsics) {
        writer.lock();
        try {
            long t0 = System.nanoTime();
            ChainStore.Head parent = head();
            BlockExecution exec = runtime.begin(store.state(), parent.number() + 1);
            TransactionPool.Candidates cands = pool.candidates(exec.state());
            Map<H256, String> invalid = new LinkedHashMap<>();
            List<H256> hashes = new ArrayList<>();
            int count = 0;
            long body = 0; // the transactions' bytes with their length prefixes
            TransactionPool.PoolTx c;
            while (count < maxExtrinsics && (c = cands.next()) != null) {
                int len = c.extrinsic().encodedLength();
                long size = BlockHeader.ENCODED_LENGTH
                        + Ed25519.SIGNATURE_LENGTH
                        + BlockLimits.compactLength(count + 1)
                        + body
                        + BlockLimits.compactLength(len)
                        + len;
                if (size > BlockLimits.MAX_BLOCK_BYTES) {
                    continue; // does not fit: it (and its account's later nonces) wait for the next block
                }
                ApplyResult r = PreverifiedApply.apply(exec, c.extrinsic());
                switch (r) {
                    case ApplyResult.Included inc -> {
                        count++;
                        body += BlockLimits.compactLength(len) + len;
                        hashes.add(c.hash());
                        cands.accept();
                    }
                    case ApplyResult.Rejected rej ->
                        invalid.put(c.hash(), "invalid: " + rej.why().reason());
                    case ApplyResult.NotYet ny -> {
                        // its account's earlier nonce is missing: it waits in the pool
                    }
                }
            }
            List<Integer> due = dueEpochs(exec.state(), parent.number() + 1);
            long f0 = System.nanoTime();
            BlockExecution.Outcome out = exec.finish();
            double finishSeconds = (System.nanoTime() - f0) / 1e9;
            PreparedState ps = store.prepare(out.changes());
            long ts = Math.max(nowMs, parent.header().timestamp());
            List<byte[]> raw = new ArrayList<>(hashes.size());
            hashes.forEach(x -> raw.add(x.bytes()));
            BlockHeader h = new BlockHeader(
                    parent.hash(),
                    out.number(),
                    ps.root(),
                    ExtrinsicsRoot.ofHashes(raw),
                    ts,
                    org.tao4j.core.account.AccountId.of(author.publicKey()));
            Block block = Block.seal(h, author, out.extrinsics());
            return new SealedBlock(
                    block,
                    List.copyOf(hashes),
                    ps,
                    out.events(),
                    invalid,
                    (System.nanoTime() - t0) / 1e9,
                    finishSeconds,
                    due);
        } finally {
            writer.unlock();
        }
    }

    /** Commits a block built by {@link #build} on the current head. */
    public ImportedBlock commit(SealedBlock sealed) {
        writer.lock();
        try {
            long t0 = System.nanoTime();
            store.commit(sealed.block(), sealed.state(), EventCodec.encode(sealed.events()));
            ImportedBlock ib = new ImportedBlock(
                    sealed.block(),
                    sealed.block().hash(),
                    sealed.extrinsicHashes(),
                    sealed.events(),
                    sealed.invalid(),
                    sealed.buildSeconds() + (System.nanoTime() - t0) / 1e9,
                    sealed.finishSeconds(),
                    sealed.epochNetuids());
            notifyListeners(ib);
            return ib;
        } finally {
            writer.unlock();
        }
    }

    // ---------------------------------------------------------------- import

    /**
     * Checks a block sealed elsewhere by running it on the head, and commits it if it is valid:
     * it is within the size limit (checked first, {@link BlockImportException.Reason#TOO_LARGE}), it extends the head, its author is an authority of the spec, the signature is the author's,
     * the extrinsics root and state root are what running it gives, and every transaction in it is
     * valid in order.
     */
    public ImportedBlock importBlock(Block block) throws BlockImportException {
        writer.lock();
        try {
            long t0 = System.nanoTime();
            ChainStore.Head parent = head();
            BlockHeader h = block.header();
            String where = "block #" + h.number() + " " + block.hash();
            long size = block.encodedLength();
            if (size > BlockLimits.MAX_BLOCK_BYTES) {
                throw new BlockImportException(
                        BlockImportException.Reason.TOO_LARGE,
                        where + " is " + size + " bytes, over the " + BlockLimits.MAX_BLOCK_BYTES
                                + "-byte block limit");
            }
            if (!h.parentHash().equals(parent.hash()) || h.number() != parent.number() + 1) {
                throw new BlockImportException(
                        where + " does not extend the head #" + parent.number() + " " + parent.hash());
            }
            if (!spec.isAuthority(h.author())) {
                throw new BlockImportException(
                        where + ": author " + h.author() + " is not an authority of chain '" + spec.name() + "'");
            }
            if (!block.signatureValid()) {
                throw new BlockImportException(where + ": the signature is not the author's");
            }
            if (h.timestamp() < parent.header().timestamp()) {
                throw new BlockImportException(where + ": timestamp " + h.timestamp() + " is before the parent's "
                        + parent.header().timestamp());
            }
            List<H256> hashes = new ArrayList<>(block.extrinsics().size());
            List<byte[]> raw = new ArrayList<>(block.extrinsics().size());
            for (Extrinsic x : block.extrinsics()) {
                byte[] xh = x.hash();
                raw.add(xh);
                hashes.add(new H256(xh));
            }
            H256 xroot = ExtrinsicsRoot.ofHashes(raw);
            if (!xroot.equals(h.extrinsicsRoot())) {
                throw new BlockImportException(
                        where + ": extrinsics root " + h.extrinsicsRoot() + " but the extrinsics give " + xroot);
            }
            BlockExecution exec = runtime.begin(store.state(), h.number());
            List<ApplyResult> results = exec.applyAll(block.extrinsics());
            for (int i = 0; i < results.size(); i++) {
                ApplyResult r = results.get(i);
                if (r instanceof ApplyResult.Rejected rej) {
                    throw new BlockImportException(where + ": extrinsic " + i + " is invalid: "
                            + rej.why().reason());
                }
                if (r instanceof ApplyResult.NotYet ny) {
                    throw new BlockImportException(where + ": extrinsic " + i + " has a future nonce "
                            + ny.why().nonce() + " (expected " + ny.why().expectedNonce() + ")");
                }
            }
            List<Integer> due = dueEpochs(exec.state(), h.number());
            long f0 = System.nanoTime();
            BlockExecution.Outcome out = exec.finish();
            double finishSeconds = (System.nanoTime() - f0) / 1e9;
            PreparedState ps = store.prepare(out.changes());
            if (!ps.root().equals(h.stateRoot())) {
                throw new BlockImportException(
                        where + ": state root " + h.stateRoot() + " but running it gives " + ps.root());
            }
            store.commit(block, ps, EventCodec.encode(out.events()));
            ImportedBlock ib = new ImportedBlock(
                    block,
                    block.hash(),
                    List.copyOf(hashes),
                    out.events(),
                    Map.of(),
                    (System.nanoTime() - t0) / 1e9,
                    finishSeconds,
                    due);
            notifyListeners(ib);
            return ib;
        } finally {
            writer.unlock();
        }
    }

    // ---------------------------------------------------------------- finality

    /**
     * Checks a justification against the authority set in force at its block (the set in the state of
     * the block's parent, {@link ChainState#authorities()}), stores it, and advances the finalized head
     * if the block is above it; listeners hear {@link ChainListener#onFinalized} when it moves.
     *
     * @return true when the finalized head moved
     * @throws Justification.Invalid (one line) when the block is not in this chain, its parent's state
     *     is pruned, or the votes do not prove finality
     */
    public boolean addJustification(Justification j) throws Justification.Invalid {
        writer.lock();
        try {
            String where = "block #" + j.number() + " " + j.blockHash();
            if (j.number() == 0) {
                throw new Justification.Invalid(
                        where + ": the genesis is final by definition and takes no justification");
            }
            List<AccountId> authorities;
            try (ChainStore.View v = store.view()) {
                H256 stored = v.hashOf(j.number());
                if (stored == null || !stored.equals(j.blockHash())) {
                    throw new Justification.Invalid(where + ": no such block in this chain (head #"
                            + v.head().number() + (stored == null ? "" : ", #" + j.number() + " is " + stored) + ")");
                }
                try {
                    authorities = new ChainState(v.stateAt(j.number() - 1)).authorities();
                } catch (ChainStore.StateUnavailable e) {
                    throw new Justification.Invalid(where
                            + ": cannot check it, the authority set at its parent is unknown here: " + e.getMessage());
                }
            }
            j.check(genesisHash(), authorities);
            return storeJustification(j);
        } finally {
            writer.unlock();
        }
    }

    /**
     * Imports a block that arrives with its justification (a full node's sync): the justification must
     * be over this block and be signed by a majority of the authority set in the head's state (the block's
     * parent), checked before the block is run; then the block is imported ({@link #importBlock}: parent,
     * author, seal, extrinsics, state root) and the justification stored.
     *
     * @throws Justification.Invalid when the justification does not prove this block final
     * @throws BlockImportException when the block itself is bad
     */
    public ImportedBlock importJustified(Block block, Justification j)
            throws Justification.Invalid, BlockImportException {
        writer.lock();
        try {
            H256 hash = block.hash();
            if (!j.blockHash().equals(hash) || j.number() != block.number()) {
                throw new Justification.Invalid("block #" + block.number() + " " + hash
                        + ": the justification is over another block (#" + j.number() + " " + j.blockHash() + ")");
            }
            ChainStore.Head parent = head();
            if (!block.header().parentHash().equals(parent.hash()) || block.number() != parent.number() + 1) {
                throw new BlockImportException("block #" + block.number() + " " + hash + " does not extend the head #"
                        + parent.number() + " " + parent.hash());
            }
            j.check(genesisHash(), headState().authorities());
            ImportedBlock ib = importBlock(block);
            storeJustification(j);
            return ib;
        } finally {
            writer.unlock();
        }
    }

    /**
     * Starts this chain (holding only its genesis) at a later block whose whole state a warp sync
     * downloaded and checked (docs/network.md): see {@link ChainStore#warpTo}.
     */
    public void warpTo(
            Block block,
            java.util.SortedMap<byte[], byte[]> state,
            java.util.SortedMap<byte[], byte[]> nodes,
            Justification j) {
        writer.lock();
        try {
            store.warpTo(block, state, nodes, j);
        } finally {
            writer.unlock();
        }
    }

    /** Stores a checked justification and tells listeners if the finalized head moved (writer lock held). */
    private boolean storeJustification(Justification j) {
        boolean advanced = store.putJustification(j);
        if (advanced) {
            ChainStore.Finalized f = store.finalized();
            for (ChainListener l : listeners) {
                try {
                    l.onFinalized(f, j);
                } catch (RuntimeException e) {
                    listenerErrors.error(
                            "a finality listener failed (" + l.getClass().getName() + ")", e);
                }
            }
        }
        return advanced;
    }

    private void notifyListeners(ImportedBlock ib) {
        for (ChainListener l : listeners) {
            try {
                l.onBlock(ib);
            } catch (RuntimeException e) {
                // an Error is not caught: it reaches the producing thread, which ends the process
                listenerErrors.error("a block listener failed (" + l.getClass().getName() + ")", e);
            }
        }
    }

    /** The subnets (root = 0) whose epoch runs in block {@code number} (docs/spec/chain.md §3 schedule). */
    static List<Integer> dueEpochs(ChainState s, long number) {
        List<Integer> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (SubnetInfo sn : s.subnets()) {
            var hp = sn.netuid() == 0 ? null : s.hyperparams(sn.netuid());
            if (sn.netuid() != 0 && hp == null) {
                continue;
            }
            int tempo = sn.netuid() == 0 ? s.params().rootTempo() : hp.tempo();
            if (Coinbase.epochDue(number, sn.netuid(), tempo) && seen.add(sn.netuid())) {
                out.add(sn.netuid());
            }
        }
        return out;
    }

    /** How long {@link #close()} waits for a block being built or committed. */
    static final long CLOSE_WAIT_MS = 5_000;

    /**
     * Waits (at most {@link #CLOSE_WAIT_MS}) for a block being built or committed, then closes the
     * database. A block still in progress after that is abandoned: the database refuses its writes
     * once closed, and a block is committed whole or not at all.
     */
    @Override
    public void close() {
        boolean locked = false;
        try {
            locked = writer.tryLock(CLOSE_WAIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!locked) {
            LOG.warn(
                    "a block is still being built or committed after {} s; closing the database without it",
                    CLOSE_WAIT_MS / 1000);
        }
        try {
            store.close();
        } finally {
            if (locked) {
                writer.unlock();
            }
        }
    }
}
