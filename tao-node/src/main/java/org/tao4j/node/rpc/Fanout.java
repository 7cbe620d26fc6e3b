package org.tao4j.node.rpc;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers subscription notifications (new heads, transaction status) off the thread that produced
 * them: block production hands each notice to this bounded queue and returns at once; one daemon
 * thread takes them in order and writes them to the subscribers' connections, each of which has
 * its own bounded outbox ({@link WsConnection}). A full queue refuses the notice
 * ({@link RejectedExecutionException}); production never waits.
 */
public final class Fanout implements Executor, AutoCloseable {

    /** The default number of notices waiting for the fan-out thread. */
    public static final int DEFAULT_CAPACITY = 65_536;

    private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);

    private final BlockingQueue<Runnable> queue;
    private final Thread thread;
    private volatile boolean closed;

    public Fanout(String name, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
        thread.start();
    }

    @Override
    public void execute(Runnable task) {
        if (closed || !queue.offer(task)) {
            throw new RejectedExecutionException(
                    closed
                            ? "fan-out closed"
                            : "fan-out queue full (" + (queue.size() + queue.remainingCapacity()) + " notices)");
        }
    }

    /** Notices waiting. */
    public int pending() {
        return queue.size();
    }

    private void run() {
        while (true) {
            Runnable r;
            try {
                r = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (r == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.error("delivering a notification failed", e);
            }
        }
    }

    /** Lets the notices already queued go out (waiting at most {@code drain}), then stops the thread. */
    public void close(Duration drain) {
        closed = true;
        try {
            thread.join(drain.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(1));
    }
}
