package org.tao4j.sdk.neuron;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.tao4j.sdk.chain.HeadSubscription;
import org.tao4j.sdk.chain.SubnetChain;

/**
 * Lets a loop sleep until the chain reaches a block: fed by the head subscription, with a poll of
 * {@link SubnetChain#currentBlock()} as a fallback when no head arrives for a while (a dropped
 * subscription must not stall a neuron forever).
 */
final class HeadWaiter implements AutoCloseable {
    private final SubnetChain chain;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private final HeadSubscription subscription;
    private final Duration pollAfter;
    private long head;

    HeadWaiter(SubnetChain chain, Duration pollAfter) {
        this.chain = chain;
        this.pollAfter = pollAfter;
        this.head = chain.currentBlock();
        this.subscription = chain.subscribeHeads(this::onHead);
    }

    private void onHead(long block) {
        lock.lock();
        try {
            if (block > head) {
                head = block;
                advanced.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    long head() {
        lock.lock();
        try {
            return head;
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until the head is at least {@code block}; returns the head then. */
    long awaitAtLeast(long block) throws InterruptedException {
        lock.lock();
        try {
            while (head < block) {
                if (!advanced.await(pollAfter.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS) && head < block) {
                    lock.unlock();
                    long polled;
                    try {
                        polled = chain.currentBlock();
                    } catch (RuntimeException e) {
                        polled = -1; // the chain is away; keep waiting
                    } finally {
                        lock.lock();
                    }
                    head = Math.max(head, polled);
                }
            }
            return head;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
