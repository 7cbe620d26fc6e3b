package org.tao4j.sdk.axon;

import java.util.Comparator;
import java.util.TreeSet;
import java.util.concurrent.ThreadFactory;

/**
 * Check 6 and the handler pool: at most {@code maxRunning} handlers run at once, each on its own
 * virtual thread; up to {@code capacity} more wait, highest priority first and in arrival order
 * among equals. When the queue is full a newcomer either displaces the lowest-priority waiter
 * (if it outranks it) or is refused itself; either way the loser is answered 429.
 *
 * <p>A fresh virtual thread per job, not a reused one, so that interrupting a handler at its
 * deadline can never hit the next job.
 */
final class AdmissionQueue {
    /** One admitted request. */
    abstract static class Job {
        final double priority;
        long seq; // set under the queue's lock

        Job(double priority) {
            // NaN would break the order; treat it as the lowest priority
            this.priority = Double.isNaN(priority) ? Double.NEGATIVE_INFINITY : priority;
        }

        /** Runs the handler; on the job's own virtual thread. */
        abstract void run();

        /** Answers 429; on the submitting thread. */
        abstract void refuse();
    }

    private static final Comparator<Job> ORDER =
            Comparator.comparingDouble((Job j) -> -j.priority).thenComparingLong(j -> j.seq);

    private final int maxRunning;
    private final int capacity;
    private final ThreadFactory threads;
    private final TreeSet<Job> waiting = new TreeSet<>(ORDER);
    private int running;
    private long nextSeq;
    private boolean closed;

    AdmissionQueue(int maxRunning, int capacity, ThreadFactory threads) {
        if (maxRunning < 1 || capacity < 0) {
            throw new IllegalArgumentException("need maxRunning >= 1 and capacity >= 0, got "
                    + maxRunning + " and " + capacity);
        }
        this.maxRunning = maxRunning;
        this.capacity = capacity;
        this.threads = threads;
    }

    void submit(Job job) {
        Job refused = null;
        boolean start = false;
        synchronized (this) {
            job.seq = nextSeq++;
            if (closed) {
                refused = job;
            } else if (running < maxRunning) {
                running++;
                start = true;
            } else if (waiting.size() < capacity) {
                waiting.add(job);
            } else if (!waiting.isEmpty() && job.priority > waiting.last().priority) {
                refused = waiting.pollLast();
                waiting.add(job);
            } else {
                refused = job;
            }
        }
        if (start) {
            launch(job);
        }
        if (refused != null) {
            refused.refuse();
        }
    }

    /** Takes a job out of the queue if it is still waiting; true if it was. */
    synchronized boolean withdraw(Job job) {
        return waiting.remove(job);
    }

    synchronized int waiting() {
        return waiting.size();
    }

    synchronized int running() {
        return running;
    }

    /** Refuses everything still waiting and everything submitted from now on. */
    void close() {
        Job[] left;
        synchronized (this) {
            closed = true;
            left = waiting.toArray(new Job[0]);
            waiting.clear();
        }
        for (Job j : left) {
            j.refuse();
        }
    }

    private void launch(Job job) {
        threads.newThread(() -> {
            try {
                job.run();
            } finally {
                finished();
            }
        }).start();
    }

    private void finished() {
        Job next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            launch(next);
        }
    }
}
