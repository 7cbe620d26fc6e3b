package org.tao4j.sdk.dendrite;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The chunks of one streaming query, consumed once: either as a {@link Flow.Publisher} (one
 * subscriber, demand respected, chunks delivered on a virtual thread) or as a blocking
 * {@link #iterator()}. The request is sent on first consumption.
 *
 * <p>Chunks are delivered as they arrive, before the stream's signature can be checked at its
 * end frame: treat them as provisional until {@code onComplete} (or the iterator's clean end).
 * Any other ending arrives as a {@link StreamFailedException}.
 */
public final class SynapseStream<C> implements Flow.Publisher<C> {
    private final Supplier<StreamSession<C>> opener;
    private final AtomicBoolean used = new AtomicBoolean();
    private final CompletableFuture<AxonResult<Long>> completion = new CompletableFuture<>();

    SynapseStream(Supplier<StreamSession<C>> opener) {
        this.opener = opener;
    }

    /**
     * How the stream ended: {@code OK} with the chunk count once the end frame verified, or the
     * failure. Completes only after consumption starts.
     */
    public CompletableFuture<AxonResult<Long>> completion() {
        return completion;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super C> subscriber) {
        if (!used.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {}

                @Override
                public void cancel() {}
            });
            subscriber.onError(new IllegalStateException("a SynapseStream can be consumed only once"));
            return;
        }
        Delivery d = new Delivery(subscriber);
        subscriber.onSubscribe(d);
        Thread.ofVirtual().name("dendrite-stream").start(d::run);
    }

    /** A blocking iterator over the chunks; close it to abandon the stream early. */
    public ChunkIterator<C> iterator() {
        if (!used.compareAndSet(false, true)) {
            throw new IllegalStateException("a SynapseStream can be consumed only once");
        }
        return new ChunkIterator<>(open());
    }

    private StreamSession<C> open() {
        StreamSession<C> s = opener.get();
        s.completion().whenComplete((r, x) -> completion.complete(r));
        return s;
    }

    /** Blocking iteration over a stream's chunks; {@link #close()} abandons it. */
    public static final class ChunkIterator<C> implements Iterator<C>, AutoCloseable {
        private final StreamSession<C> session;
        private boolean opened;
        private boolean done;
        private C next;

        ChunkIterator(StreamSession<C> session) {
            this.session = session;
        }

        /** @throws StreamFailedException when the stream fails or does not verify */
        @Override
        public boolean hasNext() {
            if (done) {
                return false;
            }
            if (next != null) {
                return true;
            }
            try {
                if (!opened) {
                    opened = true;
                    session.open();
                }
                next = session.next();
            } catch (StreamFailedException e) {
                done = true;
                throw e;
            }
            if (next == null) {
                done = true;
                return false;
            }
            return true;
        }

        @Override
        public C next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            C c = next;
            next = null;
            return c;
        }

        /** Abandons the stream if it has not ended; harmless after its end. */
        @Override
        public void close() {
            done = true;
            session.abandon();
        }
    }

    private final class Delivery implements Flow.Subscription {
        private final Flow.Subscriber<? super C> subscriber;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition more = lock.newCondition();
        private long demand;
        private boolean cancelled;
        private long badRequest;
        private volatile StreamSession<C> session;

        Delivery(Flow.Subscriber<? super C> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            lock.lock();
            try {
                if (n <= 0) {
                    badRequest = n; // reactive-streams §3.9: signalled as onError by the delivery thread
                } else {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                }
                more.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                cancelled = true;
                more.signalAll();
            } finally {
                lock.unlock();
            }
            StreamSession<C> s = session;
            if (s != null) {
                s.abandon();
            }
        }

        void run() {
            StreamSession<C> s = open();
            session = s;
            try {
                if (!awaitDemand()) {
                    s.abandon();
                    return;
                }
                s.open();
                while (true) {
                    C chunk = s.next();
                    if (chunk == null) {
                        subscriber.onComplete();
                        return;
                    }
                    subscriber.onNext(chunk);
                    if (!awaitDemand()) {
                        s.abandon();
                        return;
                    }
                }
            } catch (StreamFailedException e) {
                if (!isCancelled()) {
                    subscriber.onError(e);
                }
            } catch (IllegalArgumentException e) {
                s.close();
                subscriber.onError(e);
            }
        }

        // takes one unit of demand; false once cancelled
        private boolean awaitDemand() {
            lock.lock();
            try {
                while (demand == 0 && !cancelled && badRequest == 0) {
                    more.awaitUninterruptibly();
                }
                if (badRequest != 0) {
                    throw new IllegalArgumentException("request(" + badRequest + "): demand must be positive");
                }
                if (cancelled) {
                    return false;
                }
                if (demand != Long.MAX_VALUE) {
                    demand--;
                }
                return true;
            } finally {
                lock.unlock();
            }
        }

        private boolean isCancelled() {
            lock.lock();
            try {
                return cancelled;
            } finally {
                lock.unlock();
            }
        }
    }
}
