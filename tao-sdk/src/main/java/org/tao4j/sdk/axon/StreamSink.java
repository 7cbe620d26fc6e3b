package org.tao4j.sdk.axon;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.util.Callback;
import org.tao4j.sdk.wire.StreamEnd;
import org.tao4j.sdk.wire.StreamHash;
import org.tao4j.sdk.wire.SynapseCodec;

/**
 * The axon side of a streaming answer (docs/wire-protocol.md §6): frames chunks, folds them into
 * the stream hash, and ends with the signed {@code end} frame. The handler sends; the deadline
 * may end the stream from the timer thread; writes are chained so Jetty sees one at a time.
 */
final class StreamSink<C> implements ChunkSink<C> {
    private static final byte[] CHUNK_PREFIX = "event: chunk\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_PREFIX = "event: end\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FRAME_SUFFIX = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final AxonExchange exchange;
    private final SynapseCodec codec;
    private final StreamHash hash = new StreamHash();
    private final Object lock = new Object();
    private boolean committed;
    private boolean ended;
    private volatile boolean broken;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    StreamSink(AxonExchange exchange, SynapseCodec codec) {
        this.exchange = exchange;
        this.codec = codec;
    }

    @Override
    public void send(C chunk) throws IOException {
        byte[] data = codec.write(chunk);
        CompletableFuture<Void> written;
        synchronized (lock) {
            if (ended || !commit()) {
                throw new InterruptedIOException("the stream has ended: its deadline passed or it failed");
            }
            hash.add(data);
            written = write(frame(CHUNK_PREFIX, data), false);
        }
        long start = System.nanoTime();
        long left = exchange.deadlineNanos() - start;
        long writeTimeout = exchange.writeTimeoutNanos();
        try {
            written.get(Math.max(Math.min(left, writeTimeout), 0), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending a chunk (deadline passed)");
        } catch (TimeoutException e) {
            if (writeTimeout < left) {
                cut();
                throw new InterruptedIOException("the caller stopped reading: stream cut after the write timeout");
            }
            throw new InterruptedIOException("deadline passed while the caller was slow to read");
        } catch (ExecutionException e) {
            broken = true;
            throw new IOException("the caller went away", e.getCause());
        }
    }

    /** The write timeout passed with a chunk unwritten: end the stream without an end frame. */
    private void cut() {
        synchronized (lock) {
            if (ended) {
                return; // the deadline ended it meanwhile
            }
            ended = true;
            broken = true;
        }
        exchange.cutStalled();
    }

    /** Whether a chunk could not be delivered: the caller is gone. */
    boolean broken() {
        return broken;
    }

    boolean ended() {
        synchronized (lock) {
            return ended;
        }
    }

    /** Ends a stream whose handler returned: commits first if it sent no chunk. */
    void endClean() {
        synchronized (lock) {
            if (ended || !commit()) {
                return;
            }
            end(200, null, null, null);
        }
    }

    /**
     * Ends an open stream with {@code status}; false if it was already ended or never started
     * (then the caller answers with a plain error instead).
     */
    boolean end(int status, String error, String message, String errorId) {
        synchronized (lock) {
            if (ended || !committed) {
                return false;
            }
            ended = true;
            String h = hash.finish(status);
            StreamEnd end = new StreamEnd(status, hash.chunks(), h, exchange.signHash(h), error, message, errorId);
            write(frame(END_PREFIX, codec.write(end)), true).whenComplete((v, x) -> exchange.finished(x));
            return true;
        }
    }

    // under lock: the first chunk (or a clean end) claims the exchange and sends the headers
    private boolean commit() {
        if (committed) {
            return true;
        }
        if (!exchange.claim()) {
            ended = true; // the deadline answered first
            return false;
        }
        exchange.commitStream();
        committed = true;
        return true;
    }

    // under lock
    private CompletableFuture<Void> write(ByteBuffer frame, boolean last) {
        tail = tail.thenCompose(v -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            exchange.response()
                    .write(last, frame, Callback.from(() -> done.complete(null), done::completeExceptionally));
            return done;
        });
        return tail;
    }

    private static ByteBuffer frame(byte[] prefix, byte[] data) {
        byte[] f = new byte[prefix.length + data.length + FRAME_SUFFIX.length];
        System.arraycopy(prefix, 0, f, 0, prefix.length);
        System.arraycopy(data, 0, f, prefix.length, data.length);
        System.arraycopy(FRAME_SUFFIX, 0, f, prefix.length + data.length, FRAME_SUFFIX.length);
        return ByteBuffer.wrap(f);
    }
}
