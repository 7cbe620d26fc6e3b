package org.tao4j.node.pool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.scale.ScaleException;
import org.tao4j.runtime.BlockLimits;
import org.tao4j.runtime.Runtime;
import org.tao4j.runtime.Validity;
import org.tao4j.runtime.schema.Account;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * The transaction pool: signed transactions waiting for a block.
 *
 * <ul>
 *   <li><b>Admission</b> runs {@link Runtime#validate} against the head state: size, signature, era,
 *       nonce and fee. A transaction whose nonce is ahead of its account's is queued as
 *       <em>future</em> (up to {@link #MAX_NONCE_GAP} ahead, at most {@link #MAX_FUTURE_PER_ACCOUNT}
 *       per account).
 *   <li><b>Paid for</b> (Substrate's rule): a transaction is admitted only if its account exists and
 *       can pay the fees of all of its transactions in the pool, this one included, future ones too.
 *       The era plays no part: an immortal transaction buys nothing here.
 *   <li><b>Order</b>: a block takes, among the accounts' next transactions, the highest tip first,
 *       then the earliest arrival; an account's transactions always go in nonce order.
 *   <li><b>After each block</b> included transactions leave (watchers hear inBlock and finalized),
 *       and the rest are re-checked without their signatures (checked once on admission): a stale
 *       nonce, an expired era or a fee the account can no longer pay evicts a transaction (and, for
 *       the fees, the account's later ones).
 *   <li><b>Bounded</b> in count ({@code limit}) and in bytes ({@code maxBytes}). When full, a newcomer
 *       evicts lower-priority transactions if it can: future ones before ready ones, then the lowest
 *       fee per byte, the newest first. A ready transaction is never refused while the pool holds a
 *       future one. Only the last transaction of an account is ever evicted, so no account is left
 *       with a gap. Otherwise the newcomer is refused with {@code PoolFull}.
 * </ul>
 *
 * Thread-safe: admission's expensive part (decoding, signature) runs outside the pool's lock.
 */
public final class TransactionPool {

    /** How far ahead of an account's next nonce a transaction may be queued. */
    public static final long MAX_NONCE_GAP = 1_024;

    /** The most future transactions (waiting for an earlier nonce) one account may have in the pool. */
    public static final int MAX_FUTURE_PER_ACCOUNT = 16;

    /** The default bound in transactions (--pool-limit). */
    public static final int DEFAULT_LIMIT = 8_192;

    /** The default bound in bytes of encoded transactions. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private final Runtime runtime;
    private final Supplier<Head> head;
    private final int limit;
    private final long maxBytes;

    // Written under the lock; a ConcurrentHashMap so admission's duplicate pre-check can read it without the
    // lock. Bounded: it holds exactly the pooled transactions (at most limit).
    private final Map<H256, PoolTx> byHash = new ConcurrentHashMap<>();
    private final Map<AccountId, AccountQueue> byAccount = new HashMap<>(); // at most limit entries
    /** The last transaction of every account, in eviction order (first = evicted first). */
    private final TreeSet<PoolTx> tails = new TreeSet<>(TransactionPool::evictionOrder);

    private long arrivals;
    private int ready; // transactions with reportedReady set
    private long bytes; // encoded bytes of the pooled transactions

    /** The head the pool validates against: its state and number. */
    public record Head(ChainState state, long number) {}

    /** One account's pooled transactions, by nonce, with their total fees. */
    private static final class AccountQueue {
        final TreeMap<Long, PoolTx> txs = new TreeMap<>();
        long fees;
        int future; // transactions not (yet) reported ready
    }

    /** A pooled transaction. */
    public static final class PoolTx {
        final Extrinsic extrinsic;
        final H256 hash;
        final long arrival;
        final TxWatcher watcher;
        final long fee; // at admission: base + per byte + tip
        final int length;
        boolean reportedReady;

        PoolTx(Extrinsic extrinsic, H256 hash, long arrival, TxWatcher watcher, long fee) {
            this.extrinsic = extrinsic;
            this.hash = hash;
            this.arrival = arrival;
            this.watcher = watcher;
            this.fee = fee;
            this.length = extrinsic.encodedLength();
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

    private record Notice(TxWatcher watcher, TxStatus status) {}

    /** Compares fee per byte exactly: {@code feeA / lenA} against {@code feeB / lenB} (all non-negative). */
    static int compareFeePerByte(long feeA, int lenA, long feeB, int lenB) {
        long hiA = Math.multiplyHigh(feeA, lenB);
        long hiB = Math.multiplyHigh(feeB, lenA);
        if (hiA != hiB) {
            return Long.compare(hiA, hiB);
        }
        return Long.compareUnsigned(feeA * lenB, feeB * lenA);
    }

    /** Future before ready, then the lowest fee per byte, then the newest: the first is evicted first. */
    private static int evictionOrder(PoolTx a, PoolTx b) {
        if (a.reportedReady != b.reportedReady) {
            return a.reportedReady ? 1 : -1;
        }
        int c = compareFeePerByte(a.fee, a.length, b.fee, b.length);
        return c != 0 ? c : Long.compare(b.arrival, a.arrival);
    }

    /** True when {@code victim} (with its readiness) ranks strictly below a newcomer of the given priority. */
    private static boolean below(PoolTx victim, boolean newReady, long newFee, int newLength) {
        if (victim.reportedReady != newReady) {
            return newReady;
        }
        return compareFeePerByte(victim.fee, victim.length, newFee, newLength) < 0;
    }

    public TransactionPool(Runtime runtime, Supplier<Head> head, int limit) {
        this(runtime, head, limit, DEFAULT_MAX_BYTES);
    }

    public TransactionPool(Runtime runtime, Supplier<Head> head, int limit, long maxBytes) {
        if (limit < 1) {
            throw new IllegalArgumentException("the pool limit must be at least 1, got " + limit);
        }
        if (maxBytes < BlockLimits.MAX_EXTRINSIC_BYTES) {
            throw new IllegalArgumentException("the pool's byte bound must hold at least one transaction of "
                    + BlockLimits.MAX_EXTRINSIC_BYTES + " bytes, got " + maxBytes);
        }
        this.runtime = runtime;
        this.head = head;
        this.limit = limit;
        this.maxBytes = maxBytes;
    }

    public int limit() {
        return limit;
    }

    public long maxBytes() {
        return maxBytes;
    }

    // ---------------------------------------------------------------- admission

    /** Decodes, validates and admits a transaction; returns its hash. */
    public H256 submit(byte[] encoded, TxWatcher watcher) throws PoolRejection {
        if (encoded.length > BlockLimits.MAX_EXTRINSIC_BYTES) {
            throw new PoolRejection(
                    PoolRejection.Reason.INVALID,
                    Validity.Kind.TOO_LARGE,
                    "invalid transaction: too large: " + encoded.length + " bytes, a transaction may have at most "
                            + BlockLimits.MAX_EXTRINSIC_BYTES);
        }
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
            throw new PoolRejection(
                    PoolRejection.Reason.ALREADY_IMPORTED, "transaction " + hash + " is already in the pool");
        }
        Head h = head.get();
        long fee = Runtime.fee(h.state().params(), x);
        Account acc = h.state().account(x.signer());
        if (fee >= 0 && acc.free() < fee) { // cheap, before the signature: unfunded keys cost one state read
            throw new PoolRejection(
                    PoolRejection.Reason.INVALID,
                    Validity.Kind.CANNOT_PAY_FEE,
                    "invalid transaction: cannot pay the fee of " + fee + " rao: " + acc.free() + " rao free"
                            + (acc.free() == 0 && acc.nonce() == 0 ? " (the account does not exist)" : ""));
        }
        Validity v = runtime.validate(h.state(), x, h.number() + 1);
        if (v instanceof Validity.Invalid inv) {
            throw new PoolRejection(PoolRejection.Reason.INVALID, inv.kind(), "invalid transaction: " + inv.reason());
        }
        if (v instanceof Validity.Future f && f.nonce() - f.expectedNonce() > MAX_NONCE_GAP) {
            throw new PoolRejection(
                    PoolRejection.Reason.TOO_FAR_IN_FUTURE,
                    "nonce " + f.nonce()
                            + " is too far ahead of the account's next nonce " + f.expectedNonce() + " (at most "
                            + MAX_NONCE_GAP + " ahead)");
        }
        long stateNonce = v instanceof Validity.Future f ? f.expectedNonce() : x.nonce();
        List<Notice> notices = new ArrayList<>();
        synchronized (this) {
            if (byHash.containsKey(hash)) {
                throw new PoolRejection(
                        PoolRejection.Reason.ALREADY_IMPORTED, "transaction " + hash + " is already in the pool");
            }
            AccountQueue queue = byAccount.get(x.signer());
            PoolTx existing = queue == null ? null : queue.txs.get(x.nonce());
            if (existing != null && Long.compareUnsigned(x.tip(), existing.extrinsic.tip()) <= 0) {
                throw new PoolRejection(
                        PoolRejection.Reason.PRIORITY_TOO_LOW,
                        "the pool already holds a transaction of "
                                + x.signer() + " with nonce " + x.nonce() + " and tip " + existing.extrinsic.tip()
                                + "; a replacement needs a higher tip");
            }
            // Substrate's rule: the account pays for everything it has in the pool, this one included
            long owed = queue == null ? 0 : queue.fees - (existing == null ? 0 : existing.fee);
            if (queue != null) {
                for (PoolTx done : queue.txs.headMap(stateNonce, false).values()) {
                    owed -= done.fee; // already in a block, about to leave the pool
                }
            }
            if (fee < 0 || Long.compareUnsigned(owed + fee, acc.free()) > 0) {
                throw new PoolRejection(
                        PoolRejection.Reason.INVALID,
                        Validity.Kind.CANNOT_PAY_FEE,
                        "invalid transaction: cannot pay the fees of its account's pooled transactions and this one: "
                                + (owed + fee) + " rao needed, " + acc.free() + " rao free");
            }
            boolean isReady = existing != null ? existing.reportedReady : x.nonce() == runEnd(queue, stateNonce);
            if (!isReady && queue != null && queue.future - (existing == null ? 0 : 1) >= MAX_FUTURE_PER_ACCOUNT) {
                throw new PoolRejection(
                        PoolRejection.Reason.FUTURE_LIMIT,
                        "the pool already holds "
                                + MAX_FUTURE_PER_ACCOUNT + " future transactions of " + x.signer() + " (at most "
                                + MAX_FUTURE_PER_ACCOUNT + " an account); submit nonce " + runEnd(queue, stateNonce)
                                + " first");
            }
            List<PoolTx> victims = victims(x, existing, isReady, fee, x.encodedLength());
            if (victims == null) {
                throw new PoolRejection(
                        PoolRejection.Reason.POOL_FULL,
                        "PoolFull: the transaction pool is full ("
                                + byHash.size() + " of " + limit + " transactions, " + bytes + " of " + maxBytes
                                + " bytes) with transactions of equal or higher priority; try again after the next block,"
                                + " or pay a higher tip");
            }
            if (existing != null) {
                remove(existing);
                notices.add(new Notice(
                        existing.watcher, new TxStatus.Dropped("replaced by " + hash + ", which pays a higher tip")));
            }
            for (PoolTx victim : victims) {
                remove(victim);
                notices.add(new Notice(
                        victim.watcher,
                        new TxStatus.Dropped(
                                "evicted from the full pool by " + hash + ", which has a higher priority")));
            }
            PoolTx tx = new PoolTx(x, hash, arrivals++, watcher, fee);
            add(tx);
            markReady(byAccount.get(x.signer()), stateNonce, notices);
            if (!tx.reportedReady) {
                notices.add(new Notice(watcher, new TxStatus.Future()));
            }
        }
        fire(notices);
        return hash;
    }

    /** The first nonce from {@code stateNonce} on that the account's queue lacks. */
    private static long runEnd(AccountQueue queue, long stateNonce) {
        long n = stateNonce;
        while (queue != null && queue.txs.containsKey(n)) {
            n++;
        }
        return n;
    }

    /**
     * What a newcomer must evict to fit (empty if it fits), or null if it cannot: only account tails
     * that rank strictly below it, lowest first. {@code replaced} leaves anyway.
     */
    private List<PoolTx> victims(Extrinsic newcomer, PoolTx replaced, boolean newReady, long newFee, int newLength) {
        int count = byHash.size() - (replaced == null ? 0 : 1);
        long used = bytes - (replaced == null ? 0 : replaced.length);
        if (count < limit && used + newLength <= maxBytes) {
            return List.of();
        }
        List<PoolTx> out = new ArrayList<>();
        for (PoolTx t : tails) {
            if (t == replaced
                    || t.extrinsic.signer().equals(newcomer.signer()) && t.extrinsic.nonce() < newcomer.nonce()) {
                continue; // leaves anyway / the newcomer's own predecessor: evicting it would leave a gap
            }
            if (!below(t, newReady, newFee, newLength)) {
                return null;
            }
            out.add(t);
            count--;
            used -= t.length;
            if (count < limit && used + newLength <= maxBytes) {
                return out;
            }
        }
        return null;
    }

    /** Reports Ready for the consecutive run of nonces starting at the account's next nonce. */
    private void markReady(AccountQueue queue, long stateNonce, List<Notice> notices) {
        long expect = stateNonce;
        for (Map.Entry<Long, PoolTx> e : queue.txs.tailMap(stateNonce, true).entrySet()) {
            if (e.getKey() != expect) {
                break;
            }
            PoolTx tx = e.getValue();
            if (!tx.reportedReady) {
                boolean tail = tails.remove(tx);
                tx.reportedReady = true;
                if (tail) {
                    tails.add(tx);
                }
                ready++;
                queue.future--;
                notices.add(new Notice(tx.watcher, new TxStatus.Ready()));
            }
            expect++;
        }
    }

    private void add(PoolTx tx) {
        AccountQueue q = byAccount.computeIfAbsent(tx.extrinsic.signer(), a -> new AccountQueue());
        Map.Entry<Long, PoolTx> last = q.txs.lastEntry();
        q.txs.put(tx.extrinsic.nonce(), tx);
        if (last == null || last.getKey() < tx.extrinsic.nonce()) {
            if (last != null) {
                tails.remove(last.getValue());
            }
            tails.add(tx);
        }
        q.fees += tx.fee;
        q.future++;
        byHash.put(tx.hash, tx);
        bytes += tx.length;
    }

    private void remove(PoolTx tx) {
        if (byHash.remove(tx.hash) == null) {
            return;
        }
        bytes -= tx.length;
        if (tx.reportedReady) {
            ready--;
        }
        AccountQueue q = byAccount.get(tx.extrinsic.signer());
        boolean wasTail = tails.remove(tx);
        q.txs.remove(tx.extrinsic.nonce());
        q.fees -= tx.fee;
        if (!tx.reportedReady) {
            q.future--;
        }
        if (q.txs.isEmpty()) {
            byAccount.remove(tx.extrinsic.signer());
        } else if (wasTail) {
            tails.add(q.txs.lastEntry().getValue());
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

    /** The encoded bytes of the pooled transactions. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Every pooled transaction, in arrival order. */
    public List<Extrinsic> pending() {
        return pending(0, Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * A page of the pooled transactions in arrival order: from the {@code offset}-th, at most {@code maxCount},
     * and no more than {@code maxBytes} encoded bytes (but always one, if any is left).
     */
    public List<Extrinsic> pending(int offset, int maxCount, long maxBytes) {
        List<PoolTx> all;
        synchronized (this) {
            all = new ArrayList<>(byHash.values());
        }
        all.sort(Comparator.comparingLong(PoolTx::arrival));
        List<Extrinsic> out = new ArrayList<>();
        long used = 0;
        for (int i = offset; i < all.size() && out.size() < maxCount; i++) {
            Extrinsic x = all.get(i).extrinsic;
            used += x.encodedLength();
            if (used > maxBytes && !out.isEmpty()) {
                break;
            }
            out.add(x);
        }
        return out;
    }

    /** The nonce an account's next transaction should use: its state nonce plus its ready run in the pool. */
    public synchronized long nextNonce(AccountId who, long stateNonce) {
        return runEnd(byAccount.get(who), stateNonce);
    }

    /** How many of an account's pooled transactions wait for an earlier nonce. */
    public synchronized int futureCount(AccountId who) {
        AccountQueue q = byAccount.get(who);
        return q == null ? 0 : q.future;
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
            for (Map.Entry<AccountId, AccountQueue> e : byAccount.entrySet()) {
                copies.add(
                        Map.entry(e.getKey(), new ArrayList<>(e.getValue().txs.values())));
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
            for (Map.Entry<AccountId, AccountQueue> e : byAccount.entrySet()) {
                rest.add(Map.entry(e.getKey(), new ArrayList<>(e.getValue().txs.values())));
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
    private void revalidate(
            long nextBlock, ChainState state, List<Map.Entry<AccountId, List<PoolTx>>> rest, List<Notice> notices) {
        if (rest.isEmpty()) {
            return;
        }
        long[] nonces = new long[rest.size()];
        List<PoolTx> drop = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            Map.Entry<AccountId, List<PoolTx>> e = rest.get(i);
            Account acc = state.account(e.getKey());
            nonces[i] = acc.nonce();
            long owed = 0;
            boolean broke = false;
            for (PoolTx tx : e.getValue()) { // nonce order
                // the runtime's own rules, without verifying the signature again (checked on admission)
                if (runtime.validate(state, tx.extrinsic, nextBlock, true) instanceof Validity.Invalid inv) {
                    drop.add(tx);
                    why.add((inv.kind() == Validity.Kind.STALE_NONCE ? "stale: " : "invalid: ") + inv.reason());
                } else if (broke || Long.compareUnsigned(owed += tx.fee, acc.free()) > 0) {
                    broke = true; // this one and every later one: the account cannot pay for them all
                    drop.add(tx);
                    why.add("invalid: the account cannot pay the fees of all its pooled transactions (" + acc.free()
                            + " rao free)");
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
                AccountQueue q = byAccount.get(rest.get(i).getKey());
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
            tails.clear();
            ready = 0;
            bytes = 0;
        }
        fire(notices);
    }

    /** Test support. */
    synchronized Set<H256> hashes() {
        return Set.copyOf(byHash.keySet());
    }
}
