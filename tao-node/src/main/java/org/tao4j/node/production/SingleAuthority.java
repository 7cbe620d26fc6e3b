package org.tao4j.node.production;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.node.pool.TransactionPool;

/**
 * One authority orders every block: this node's key seals a block every {@code blockTime}, or, in
 * instant mode, as soon as the pool holds a transaction (blocks then follow each other back to back
 * while transactions keep arriving, and none is sealed while the pool is empty).
 *
 * <p>One platform thread produces; {@link #close()} stops it between blocks, so a block is either
 * committed whole or never started.
 */
public final class SingleAuthority implements BlockAuthoring {

    private static final Logger LOG = LoggerFactory.getLogger(SingleAuthority.class);

    private final Chain chain;
    private final TransactionPool pool;
    private final Ed25519.KeyPair key;
    private final Duration blockTime;
    private final boolean instant;
    private final int maxExtrinsics;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** A transaction arrived since the author last looked (written under lock; read without it by arrivals). */
    private volatile boolean pending;
    private volatile boolean stopped;
    private Thread thread;

    public SingleAuthority(Chain chain, TransactionPool pool, Ed25519.KeyPair key, Duration blockTime, boolean instant,
                           int maxExtrinsics, Clock clock) {
        this.chain = chain;
        this.pool = pool;
        this.key = key;
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
            LOG.warn("the runtime offers no way to skip re-verifying pool transactions' signatures; blocks verify them again");
        }
        thread = new Thread(this::run, "block-author");
        thread.start();
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
                chain.produce(key, pool, clock.millis(), maxExtrinsics);
                // the next slot starts a block time after this one started; a slow block delays, never bunches, the next
                next = Math.max(started + blockTime.toNanos(), System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                if (stopped) {
                    break;
                }
                LOG.error("block production failed; retrying in {} ms", blockTime.toMillis(), e);
                next = System.nanoTime() + blockTime.toNanos();
            }
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
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("block production did not stop within 30 s");
            }
        }
    }
}
