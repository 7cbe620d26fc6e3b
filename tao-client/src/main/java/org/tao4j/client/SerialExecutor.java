package org.tao4j.client;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in submission order, on a base executor: keeps each subscription's (and
 * the connection listeners') callbacks ordered without holding up the socket reader.
 */
final class SerialExecutor implements Executor {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor base;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean running;

    SerialExecutor(Executor base) {
        this.base = base;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            queue.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            base.execute(this::drain);
        } catch (RuntimeException e) { // base shut down: the client is closing
            synchronized (this) {
                running = false;
                queue.clear();
            }
        }
    }

    private void drain() {
        while (true) {
            Runnable r;
            synchronized (this) {
                r = queue.poll();
                if (r == null) {
                    running = false;
                    return;
                }
            }
            try {
                r.run();
            } catch (Throwable t) {
                LOG.warn("a tao-client callback threw", t);
            }
        }
    }
}
