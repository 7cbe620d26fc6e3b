package org.tao4j.node.pool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.scale.ScaleException;
import org.tao4j.runtime.Runtime;
import org.tao4j.runtime.Validity;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * The transaction pool: signed transactions waiting for a block.
 *
 * <ul>
 *   <li><b>Admission</b> runs {@link Runtime#validate} against the head state: signature, era,
 *       nonce and fee. A transaction whose nonce is ahead of its account's is queued as
 *       <em>future</em> (up to {@link #MAX_NONCE_GAP} ahead).
 *   <li><b>Order</b>: a block takes, among the accounts' next transactions, the highest tip first,
 *       then the earliest arrival; an account's transactions always go in nonce order.
 *   <li><b>After each block</b> included transactions leave (watchers hear inBlock and finalized),
 *       and the rest are re-checked without their signatures (checked once on admission): a stale
 *       nonce, an expired era or a fee the account can no longer pay evicts a transaction.
 *   <li><b>Bounded</b>: at {@code limit} transactions a new one is refused with {@code PoolFull}.
 * </ul>
 *
 * Thread-safe: admission's expensive part (decoding, signature) runs outside the pool's lock.
 */
public final class TransactionPool {

    /** How far ahead of an account's next nonce a transaction may be queued. */
    public static final long MAX_NONCE_GAP = 1_024;

    /** The default bound (--pool-limit). */
    public static final int DEFAULT_LIMIT = 8_192;

    private final Runtime runtime;
    private final Supplier<Head> head;
    private final int limit;

    // written under the lock; a ConcurrentHashMap so admission's duplicate pre-check can read it without the lock
    private final Map<H256, PoolTx> byHash = new ConcurrentHashMap<>();
    private final Map<AccountId, TreeMap<Long, PoolTx>> byAccount = new HashMap<>();
    private long arrivals;
    private int ready; // transactions with reportedReady set

    /** The head the pool validates against: its state and number. */
    public record Head(ChainState state, long number) {
    }

    /** A pooled transaction. */
    public static final class PoolTx {
        final Extrinsic extrinsic;
        final H256 hash;
        final long arrival;
        final TxWatcher watcher;
        boolean reportedReady;

        PoolTx(Extrinsic extrinsic, H256 hash, long arrival, TxWatcher watcher) {
            this.extrinsic = extrinsic;
            this.hash = hash;
            this.arrival = arrival;
            this.watcher = watcher;
        }

        public Extrinsic extrinsic() {
            return extrinsic;
        }

        public H256 hash() {
            return hash;
        }

        public long arrival() {
            return arrival;
        }
    }

    private record Notice(TxWatcher watcher, TxStatus status) {
    }

    public TransactionPool(Runtime runtime, Supplier<Head> head, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the pool limit must be at least 1, got " + limit);
        }
        this.runtime = runtime;
        this.head = head;
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    // ---------------------------------------------------------------- admission

    /** Decodes, validates and admits a transaction; returns its hash. */
    public H256 submit(byte[] encoded, TxWatcher watcher) throws PoolRejection {
        Extrinsic x;
        try {
            x = Extrinsic.decode(encoded);
        } catch (ScaleException | IllegalArgumentException e) {
            throw new PoolRejection(PoolRejection.Reason.MALFORMED, "cannot decode the extrinsic: " + e.getMessage());
        }
        return submit(x, watcher);
    }

    public H256 submit(Extrinsic x, TxWatcher watcher) throws PoolRejection {
        H256 hash = new H256(x.hash());
        if (byHash.containsKey(hash)) { // before the costly checks; made again under the lock below
            throw new PoolRejection(PoolRejection.Reason.ALREADY_IMPORTED,
                    "transaction " + hash + " is already in the pool");
        }
        Head h = head.get();
        Validity v = runtime.validate(h.state(), x, h.number() + 1);
        if (v instanceof Validity.Invalid inv) {
            throw new PoolRejection(PoolRejection.Reason.INVALID, inv.kind(), "invalid transaction: " + inv.reason());
        }
        if (v instanceof Validity.Future f && f.nonce() - f.expectedNonce() > MAX_NONCE_GAP) {
            throw new PoolRejection(PoolRejection.Reason.TOO_FAR_IN_FUTURE, "nonce " + f.nonce()
                    + " is too far ahead of the account's next nonce " + f.expectedNonce() + " (at most "
                    + MAX_NONCE_GAP + " ahead)");
        }
        long stateNonce = v instanceof Validity.Future f ? f.expectedNonce() : x.nonce();
        List<Notice> notices = new ArrayList<>();
        synchronized (this) {
            if (byHash.containsKey(hash)) {
                throw new PoolRejection(PoolRejection.Reason.ALREADY_IMPORTED,
                        "transaction " + hash + " is already in the pool");
            }
            TreeMap<Long, PoolTx> queue = byAccount.get(x.signer());
            PoolTx existing = queue == null ? null : queue.get(x.nonce());
            if (existing != null) {
                if (Long.compareUnsigned(x.tip(), existing.extrinsic.tip()) <= 0) {
                    throw new PoolRejection(PoolRejection.Reason.PRIORITY_TOO_LOW, "the pool already holds a transaction of "
                            + x.signer() + " with nonce " + x.nonce() + " and tip " + existing.extrinsic.tip()
                            + "; a replacement needs a higher tip");
                }
                remove(existing);
                notices.add(new Notice(existing.watcher, new TxStatus.Dropped("replaced by " + hash
                        + ", which pays a higher tip")));
            } else if (byHash.size() >= limit) {
                throw new PoolRejection(PoolRejection.Reason.POOL_FULL, "PoolFull: the transaction pool is full ("
                        + limit + " transactions); try again after the next block");
            }
            PoolTx tx = new PoolTx(x, hash, arrivals++, watcher);
            byHash.put(hash, tx);
            byAccount.computeIfAbsent(x.signer(), a -> new TreeMap<>()).put(x.nonce(), tx);
            markReady(byAccount.get(x.signer()), stateNonce, notices);
            if (!tx.reportedReady) {
                notices.add(new Notice(watcher, new TxStatus.Future()));
            }
        }
        fire(notices);
        return hash;
    }

    /** Reports Ready for the consecutive run of nonces starting at the account's next nonce. */
    private void markReady(TreeMap<Long, PoolTx> queue, long stateNonce, List<Notice> notices) {
        long expect = stateNonce;
        for (Map.Entry<Long, PoolTx> e : queue.tailMap(stateNonce, true).entrySet()) {
            if (e.getKey() != expect) {
                break;
            }
            PoolTx tx = e.getValue();
            if (!tx.reportedReady) {
                tx.reportedReady = true;
                ready++;
                notices.add(new Notice(tx.watcher, new TxStatus.Ready()));
            }
            expect++;
        }
    }

    private void remove(PoolTx tx) {
        if (byHash.remove(tx.hash) != null && tx.reportedReady) {
            ready--;
        }
        TreeMap<Long, PoolTx> q = byAccount.get(tx.extrinsic.signer());
        if (q != null) {
            q.remove(tx.extrinsic.nonce());
            if (q.isEmpty()) {
                byAccount.remove(tx.extrinsic.signer());
            }
        }
    }

    private static void fire(List<Notice> notices) {
        for (Notice n : notices) {
            if (n.watcher() != null) {
                n.watcher().onStatus(n.status());
            }
        }
    }

    // ---------------------------------------------------------------- queries

    public synchronized int size() {
        return byHash.size();
    }

    public synchronized boolean contains(H256 hash) {
        return byHash.containsKey(hash);
    }

    /** Every pooled transaction, by account then nonce. */
    public synchronized List<Extrinsic> pending() {
        List<Extrinsic> out = new ArrayList<>(byHash.size());
        byAccount.values().forEach(q -> q.values().forEach(t -> out.add(t.extrinsic)));
        return out;
    }

    /** The nonce an account's next transaction should use: its state nonce plus its ready run in the pool. */
    public synchronized long nextNonce(AccountId who, long stateNonce) {
        TreeMap<Long, PoolTx> q = byAccount.get(who);
        long n = stateNonce;
        while (q != null && q.containsKey(n)) {
            n++;
        }
        return n;
    }

    /** The number of transactions ready now (the rest wait for earlier nonces). */
    public synchronized int readyCount() {
        return ready;
    }

    // ---------------------------------------------------------------- block building

    /**
     * The transactions a block on {@code state} may take, best first: among the accounts whose
     * next nonce is in the pool, the highest tip, then the earliest arrival; after an account's
     * transaction is included, its next nonce competes.
     */
    public Candidates candidates(ChainState state) {
        List<List<PoolTx>> runs = new ArrayList<>();
        List<Map.Entry<AccountId, List<PoolTx>>> copies = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<AccountId, TreeMap<Long, PoolTx>> e : byAccount.entrySet()) {
                copies.add(Map.entry(e.getKey(), new ArrayList<>(e.getValue().values())));
            }
        }
        for (Map.Entry<AccountId, List<PoolTx>> e : copies) {
            long expect = state.account(e.getKey()).nonce();
            List<PoolTx> run = new ArrayList<>();
            for (PoolTx t : e.getValue()) {
                if (t.extrinsic.nonce() < expect) {
                    continue;
                }
                if (t.extrinsic.nonce() != expect) {
                    break;
                }
                run.add(t);
                expect++;
            }
            if (!run.isEmpty()) {
                runs.add(run);
            }
        }
        return new Candidates(runs);
    }

    /** Hands out block candidates in priority order; see {@link #candidates}. */
    public static final class Candidates {
        /** Highest tip first (signed comparison, as before), then earliest arrival. */
        private static final Comparator<Cursor> ORDER = (a, b) -> {
            int c = Long.compare(b.tip, a.tip);
            return c != 0 ? c : Long.compare(a.arrival, b.arrival);
        };
        private final PriorityQueue<Cursor> heads = new PriorityQueue<>(ORDER);
        private Cursor last;

        private static final class Cursor {
            final List<PoolTx> run;
            int pos;
            long tip; // of run[pos]: the queue compares these often
            long arrival;

            Cursor(List<PoolTx> run) {
                this.run = run;
                load();
            }

            PoolTx current() {
                return run.get(pos);
            }

            void load() {
                PoolTx t = run.get(pos);
                tip = t.extrinsic.tip();
                arrival = t.arrival;
            }
        }

        Candidates(List<List<PoolTx>> runs) {
            for (List<PoolTx> r : runs) {
                heads.add(new Cursor(r));
            }
        }

        /** The best remaining candidate, or null. Call {@link #accept()} if it went into the block. */
        public PoolTx next() {
            last = heads.poll();
            return last == null ? null : last.current();
        }

        /** The last candidate was included: its account's next nonce becomes a candidate. */
        public void accept() {
            if (last != null && ++last.pos < last.run.size()) {
                last.load();
                heads.add(last);
            }
            last = null;
        }
    }

    // ---------------------------------------------------------------- after a block

    /**
     * Updates the pool for a new head: removes the block's transactions (InBlock, then Finalized:
     * one authority means instant finality), evicts the ones the builder found invalid, and
     * re-checks every other transaction against {@code state} (without re-verifying signatures).
     *
     * @param included hashes of the block's extrinsics, in block order
     * @param invalid transactions the builder rejected, with the reason
     */
    public void onBlock(H256 block, long number, List<H256> included, Map<H256, String> invalid, ChainState state) {
        List<Notice> notices = new ArrayList<>();
        List<Map.Entry<AccountId, List<PoolTx>>> rest = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < included.size(); i++) {
                PoolTx tx = byHash.get(included.get(i));
                if (tx != null) {
                    remove(tx);
                    if (tx.watcher != null) { // most submissions are not watched
                        notices.add(new Notice(tx.watcher, new TxStatus.InBlock(block, number, i)));
                        notices.add(new Notice(tx.watcher, new TxStatus.Finalized(block, number)));
                    }
                }
            }
            for (Map.Entry<H256, String> e : invalid.entrySet()) {
                PoolTx tx = byHash.get(e.getKey());
                if (tx != null) {
                    remove(tx);
                    notices.add(new Notice(tx.watcher, new TxStatus.Dropped(e.getValue())));
                }
            }
            for (Map.Entry<AccountId, TreeMap<Long, PoolTx>> e : byAccount.entrySet()) {
                rest.add(Map.entry(e.getKey(), new ArrayList<>(e.getValue().values())));
            }
        }
        revalidate(number + 1, state, rest, notices);
        fire(notices);
    }

    /**
     * Re-checks the transactions that stayed in the pool against the new head's state. The checks
     * (state reads) run outside the pool's lock, so admission goes on meanwhile; the evictions and
     * Ready reports are then applied under it, to the transactions still pooled. (A transaction
     * admitted meanwhile was checked on admission, against this head or the one before it, as one
     * admitted just after this method would be.)
     */
    private void revalidate(long nextBlock, ChainState state, List<Map.Entry<AccountId, List<PoolTx>>> rest,
                            List<Notice> notices) {
        if (rest.isEmpty()) {
            return;
        }
        long[] nonces = new long[rest.size()];
        List<PoolTx> drop = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            Map.Entry<AccountId, List<PoolTx>> e = rest.get(i);
            nonces[i] = state.account(e.getKey()).nonce();
            for (PoolTx tx : e.getValue()) {
                // the runtime's own rules, without verifying the signature again (checked on admission)
                if (runtime.validate(state, tx.extrinsic, nextBlock, true) instanceof Validity.Invalid inv) {
                    drop.add(tx);
                    why.add((inv.kind() == Validity.Kind.STALE_NONCE ? "stale: " : "invalid: ") + inv.reason());
                }
            }
        }
        synchronized (this) {
            for (int i = 0; i < drop.size(); i++) {
                PoolTx tx = drop.get(i);
                if (byHash.get(tx.hash) == tx) {
                    remove(tx);
                    notices.add(new Notice(tx.watcher, new TxStatus.Dropped(why.get(i))));
                }
            }
            for (int i = 0; i < rest.size(); i++) {
                TreeMap<Long, PoolTx> q = byAccount.get(rest.get(i).getKey());
                if (q != null) {
                    markReady(q, nonces[i], notices);
                }
            }
        }
    }

    /** Drops everything (shutdown); watchers hear why. */
    public void clear(String reason) {
        List<Notice> notices = new ArrayList<>();
        synchronized (this) {
            for (PoolTx tx : byHash.values()) {
                notices.add(new Notice(tx.watcher, new TxStatus.Dropped(reason)));
            }
            byHash.clear();
            byAccount.clear();
            ready = 0;
        }
        fire(notices);
    }

    /** Test support. */
    synchronized Set<H256> hashes() {
        return Set.copyOf(byHash.keySet());
    }
}
