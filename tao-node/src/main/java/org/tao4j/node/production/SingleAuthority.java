package org.tao4j.node.production;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.node.chain.Justification;
import org.tao4j.node.health.Fatal;
import org.tao4j.node.health.NodeHealth;
import org.tao4j.node.health.RepeatedErrors;
import org.tao4j.node.pool.TransactionPool;

/**
 * One authority orders every block: this node's key seals a block every {@code blockTime}, or, in
 * instant mode, as soon as the pool holds a transaction (blocks then follow each other back to back
 * while transactions keep arriving, and none is sealed while the pool is empty).
 *
 * <p>One platform thread produces; {@link #close()} stops it between blocks, so a block is either
 * committed whole or never started. The node cannot live without this thread: an {@link Error} in
 * it, a block that cannot be committed (storage failed: RocksDB stops writing after an I/O error,
 * e.g. a full disk, until it is reopened), or its unexpected end is {@linkplain Fatal fatal}. Other
 * failures are retried every block time and logged once per interval ({@link RepeatedErrors}).
 */
public final class SingleAuthority implements BlockAuthoring {

    private static final Logger LOG = LoggerFactory.getLogger(SingleAuthority.class);
    /** How long {@link #close()} waits for the block in progress. */
    static final long STOP_WAIT_MS = 5_000;

    private final Chain chain;
    private final TransactionPool pool;
    private final Ed25519.KeyPair key;
    private final org.tao4j.core.account.AccountId me;
    private final Duration blockTime;
    private final boolean instant;
    private final int maxExtrinsics;
    private final Clock clock;
    private final NodeHealth health;
    private final RepeatedErrors errors = new RepeatedErrors(LOG);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** A transaction arrived since the author last looked (written under lock; read without it by arrivals). */
    private volatile boolean pending;

    private volatile boolean stopped;
    private Thread thread;

    public SingleAuthority(
            Chain chain,
            TransactionPool pool,
            Ed25519.KeyPair key,
            Duration blockTime,
            boolean instant,
            int maxExtrinsics,
            Clock clock) {
        this(chain, pool, key, blockTime, instant, maxExtrinsics, clock, null);
    }

    /** @param health told of progress when the author finds nothing to do (instant mode), or null */
    public SingleAuthority(
            Chain chain,
            TransactionPool pool,
            Ed25519.KeyPair key,
            Duration blockTime,
            boolean instant,
            int maxExtrinsics,
            Clock clock,
            NodeHealth health) {
        this.health = health;
        this.chain = chain;
        this.pool = pool;
        this.key = key;
        this.me = org.tao4j.core.account.AccountId.of(key.publicKey());
        this.blockTime = blockTime;
        this.instant = instant;
        this.maxExtrinsics = maxExtrinsics;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        if (!PreverifiedApply.available()) {
            LOG.warn(
                    "the runtime offers no way to skip re-verifying pool transactions' signatures; blocks verify them again");
        }
        thread = new Thread(this::run, "block-author");
        thread.start();
    }

    @Override
    public ConsensusStatus consensusStatus() {
        return new ConsensusStatus(
                "leader", org.tao4j.core.account.AccountId.of(key.publicKey()), 0, java.util.List.of());
    }

    @Override
    public void transactionArrived() {
        if (!instant || pending) {
            return; // the author has not looked since the last signal: it will see this transaction too
        }
        lock.lock();
        try {
            pending = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        try {
            produceUntilStopped();
        } catch (Throwable t) {
            Fatal.report("block production", t);
            return;
        }
        if (!stopped) {
            Fatal.report("block production stopped unexpectedly", null);
        }
    }

    private void produceUntilStopped() {
        long next = System.nanoTime();
        while (!stopped) {
            try {
                if (instant) {
                    awaitTransaction();
                } else {
                    sleepUntil(next);
                }
                if (stopped) {
                    break;
                }
                long started = System.nanoTime();
                // the authority set in force at the new block is the one in its parent's state
                boolean soleAuthority = soleAuthority();
                ImportedBlock b = chain.produce(key, pool, clock.millis(), maxExtrinsics);
                if (soleAuthority) {
                    finalize(b);
                }
                errors.clear();
                // the next slot starts a block time after this one started; a slow block delays, never bunches, the
                // next
                next = Math.max(started + blockTime.toNanos(), System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                if (stopped) {
                    break;
                }
                String fault = chain.store().fault();
                if (fault != null) {
                    // RocksDB keeps an I/O error and refuses every later write: retrying cannot help
                    Fatal.report("block production (storage: " + fault + ")", null);
                    return;
                }
                errors.error("block production failed; retrying every " + blockTime.toMillis() + " ms", e);
                next = System.nanoTime() + blockTime.toNanos();
            }
        }
    }

    /** True when this node's key is the whole authority set at the head (1 of 1 is a majority). */
    private boolean soleAuthority() {
        java.util.List<org.tao4j.core.account.AccountId> set = chain.headState().authorities();
        return set.size() == 1 && set.get(0).equals(me);
    }

    /** Signs the block just committed and adds that justification: a single authority finalizes its own blocks. */
    private void finalize(ImportedBlock b) {
        Justification j = new Justification(
                b.number(),
                b.hash(),
                java.util.List.of(Justification.sign(key, chain.genesisHash(), b.number(), b.hash())));
        try {
            chain.addJustification(j);
        } catch (Justification.Invalid e) {
            // cannot happen for a block this node just committed with its own key: a bug, said once per interval
            errors.error("cannot finalize block #" + b.number() + ": " + e.getMessage(), null);
        }
    }

    private void awaitTransaction() throws InterruptedException {
        lock.lock();
        try {
            // only a ready transaction calls for a block (one waiting for an earlier nonce does not);
            // pending is cleared before the pool is looked at, so an arrival that skipped the signal
            // because pending was still set is seen by that look
            while (true) {
                pending = false;
                if (stopped || pool.readyCount() > 0) {
                    break;
                }
                if (health != null) {
                    health.progress(); // nothing to seal is not a stall
                }
                wake.await(250, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private void sleepUntil(long deadline) throws InterruptedException {
        lock.lock();
        try {
            long left;
            while (!stopped && (left = deadline - System.nanoTime()) > 0) {
                wake.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        stopped = true;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(STOP_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("block production did not stop within {} s; shutting down without it", STOP_WAIT_MS / 1000);
            }
        }
    }
}
