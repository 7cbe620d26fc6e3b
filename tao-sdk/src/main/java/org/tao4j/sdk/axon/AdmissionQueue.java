package org.tao4j.sdk.axon;

import java.util.Comparator;
import java.util.HashMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadFactory;

/**
 * Check 6 and the handler pool: at most {@code maxRunning} handlers run at once, each on its own
 * virtual thread; up to {@code capacity} more wait, highest priority first and in arrival order
 * among equals. When the queue is full a newcomer either displaces the lowest-priority waiter
 * (if it outranks it) or is refused itself; either way the loser is answered 429.
 *
 * <p>Running slots are shared out, so that no caller can hold them all (docs/wire-protocol.md §5.3):
 * <ul>
 *   <li>{@code reserved} of the slots run only jobs marked {@link Job#reserved} (by default,
 *       callers holding a validator permit); other jobs wait once {@code maxRunning - reserved}
 *       run;</li>
 *   <li>one owner (a caller hotkey) has at most {@code perOwnerRunning} jobs running; its
 *       next ones wait (passed over, not dropped) until one of its own finishes;</li>
 *   <li>one owner has at most {@code perOwnerPending} jobs running or waiting; the next is
 *       refused at once.</li>
 * </ul>
 *
 * <p>A fresh virtual thread per job, not a reused one, so that interrupting a handler at its
 * deadline can never hit the next job.
 */
final class AdmissionQueue {
    /** Why a job was refused. */
    enum Refusal {
        /** The queue is full and the job had the lowest priority. */
        FULL,
        /** Its owner already has {@code perOwnerPending} jobs running or waiting. */
        OWNER_LIMIT,
        /** The axon is closing. */
        CLOSED
    }

    /** One admitted request. */
    abstract static class Job {
        final double priority;
        final Object owner;
        final boolean reserved;
        long seq; // set under the queue's lock

        Job(double priority) {
            this(priority, null, false);
        }

        /**
         * @param owner whose job it is, for the per-owner bound (null: not bounded per owner)
         * @param reserved whether it may use the reserved slots
         */
        Job(double priority, Object owner, boolean reserved) {
            // NaN would break the order; treat it as the lowest priority
            this.priority = Double.isNaN(priority) ? Double.NEGATIVE_INFINITY : priority;
            this.owner = owner;
            this.reserved = reserved;
        }

        /** Runs the handler; on the job's own virtual thread. */
        abstract void run();

        /** Answers 429; on the submitting thread. */
        abstract void refuse(Refusal why);
    }

    private static final Comparator<Job> ORDER =
            Comparator.comparingDouble((Job j) -> -j.priority).thenComparingLong(j -> j.seq);

    private final int maxRunning;
    private final int general;
    private final int perOwnerRunning;
    private final int perOwnerPending;
    private final int capacity;
    private final ThreadFactory threads;
    private final TreeSet<Job> waiting = new TreeSet<>(ORDER);
    // per owner {jobs running or waiting, jobs running}; an owner is here only while it has a job,
    // so the map never holds more than maxRunning + capacity entries
    private final HashMap<Object, int[]> perOwnerCount = new HashMap<>();
    private int running;
    private long nextSeq;
    private boolean closed;

    AdmissionQueue(int maxRunning, int capacity, ThreadFactory threads) {
        this(maxRunning, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, capacity, threads);
    }

    AdmissionQueue(
            int maxRunning,
            int reserved,
            int perOwnerRunning,
            int perOwnerPending,
            int capacity,
            ThreadFactory threads) {
        if (maxRunning < 1
                || capacity < 0
                || reserved < 0
                || reserved >= maxRunning
                || perOwnerRunning < 1
                || perOwnerPending < perOwnerRunning) {
            throw new IllegalArgumentException("need maxRunning >= 1, 0 <= reserved < maxRunning, "
                    + "1 <= perOwnerRunning <= perOwnerPending and capacity >= 0, got " + maxRunning + ", " + reserved
                    + ", " + perOwnerRunning + ", " + perOwnerPending + " and " + capacity);
        }
        this.maxRunning = maxRunning;
        this.general = maxRunning - reserved;
        this.perOwnerRunning = perOwnerRunning;
        this.perOwnerPending = perOwnerPending;
        this.capacity = capacity;
        this.threads = threads;
    }

    void submit(Job job) {
        Job refused = null;
        Refusal why = null;
        boolean start = false;
        synchronized (this) {
            job.seq = nextSeq++;
            if (closed) {
                refused = job;
                why = Refusal.CLOSED;
            } else if (job.owner != null && count(job.owner) >= perOwnerPending) {
                refused = job;
                why = Refusal.OWNER_LIMIT;
            } else if (canRun(job)) {
                add(job.owner);
                started(job);
                start = true;
            } else if (waiting.size() < capacity) {
                waiting.add(job);
                add(job.owner);
            } else if (!waiting.isEmpty() && job.priority > waiting.last().priority) {
                refused = waiting.pollLast();
                why = Refusal.FULL;
                remove(refused.owner);
                waiting.add(job);
                add(job.owner);
            } else {
                refused = job;
                why = Refusal.FULL;
            }
        }
        if (start) {
            launch(job);
        }
        if (refused != null) {
            refused.refuse(why);
        }
    }

    /** Takes a job out of the queue if it is still waiting; true if it was. */
    synchronized boolean withdraw(Job job) {
        if (waiting.remove(job)) {
            remove(job.owner);
            return true;
        }
        return false;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    synchronized int running() {
        return running;
    }

    /** Owners with a job running or waiting (bounded by running + waiting). */
    synchronized int owners() {
        return perOwnerCount.size();
    }

    /** Jobs {@code owner} has running or waiting. */
    synchronized int ownedBy(Object owner) {
        return count(owner);
    }

    /** Jobs {@code owner} has running. */
    synchronized int runningOf(Object owner) {
        int[] c = perOwnerCount.get(owner);
        return c == null ? 0 : c[1];
    }

    /** Refuses everything still waiting and everything submitted from now on. */
    void close() {
        Job[] left;
        synchronized (this) {
            closed = true;
            left = waiting.toArray(new Job[0]);
            waiting.clear();
            for (Job j : left) {
                remove(j.owner);
            }
        }
        for (Job j : left) {
            j.refuse(Refusal.CLOSED);
        }
    }

    // under the lock
    private boolean canRun(Job job) {
        if (!(running < general || (job.reserved && running < maxRunning))) {
            return false;
        }
        if (job.owner == null) {
            return true;
        }
        int[] c = perOwnerCount.get(job.owner);
        return c == null || c[1] < perOwnerRunning;
    }

    // under the lock: the job takes a slot (its owner is counted already)
    private void started(Job job) {
        running++;
        if (job.owner != null) {
            perOwnerCount.get(job.owner)[1]++;
        }
    }

    private int count(Object owner) {
        int[] c = perOwnerCount.get(owner);
        return c == null ? 0 : c[0];
    }

    private void add(Object owner) {
        if (owner != null) {
            perOwnerCount.computeIfAbsent(owner, o -> new int[2])[0]++;
        }
    }

    private void remove(Object owner) {
        if (owner != null) {
            int[] c = perOwnerCount.get(owner);
            if (c != null && --c[0] <= 0) {
                perOwnerCount.remove(owner);
            }
        }
    }

    private void launch(Job job) {
        threads.newThread(() -> {
                    try {
                        job.run();
                    } finally {
                        finished(job);
                    }
                })
                .start();
    }

    private void finished(Job done) {
        Job next = null;
        synchronized (this) {
            if (done.owner != null) {
                perOwnerCount.get(done.owner)[1]--;
            }
            remove(done.owner);
            running--;
            // the best waiting job that may take the freed slot: jobs that may not use it (only
            // reserved slots free, or their owner at its running cap) are passed over, not dropped
            for (Job j : waiting) {
                if (canRun(j)) {
                    next = j;
                    break;
                }
            }
            if (next != null) {
                waiting.remove(next);
                started(next);
            }
        }
        if (next != null) {
            launch(next);
        }
    }
}
