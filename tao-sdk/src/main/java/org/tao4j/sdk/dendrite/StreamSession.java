package org.tao4j.sdk.dendrite;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.tao4j.core.account.AccountId;
import org.tao4j.sdk.AxonEndpoint;
import org.tao4j.sdk.StreamingSynapse;
import org.tao4j.sdk.dendrite.AxonResult.Outcome;
import org.tao4j.sdk.wire.StreamEnd;
import org.tao4j.sdk.wire.StreamHash;
import org.tao4j.sdk.wire.WireProtocol;

/**
 * One streaming exchange, read on the consumer's thread: sends the request, then yields chunks
 * until a verified end frame. A timer closes the body at the deadline, which unblocks a read
 * stuck on a silent axon. Not thread-safe: one reader at a time, plus the timer.
 */
final class StreamSession<C> implements AutoCloseable {
    private final Dendrite dendrite;
    private final AxonEndpoint axon;
    private final StreamingSynapse<?, C> synapse;
    private final byte[] body;
    private final long start = System.nanoTime();
    private final long deadline;
    private final StreamHash hash = new StreamHash();
    private final CompletableFuture<AxonResult<Long>> completion = new CompletableFuture<>();
    private volatile InputStream in;
    private volatile boolean timedOut;
    private volatile boolean closed;
    private FrameReader reader;
    private long nonce;
    private Dendrite.Lane lane;

    StreamSession(Dendrite dendrite, AxonEndpoint axon, StreamingSynapse<?, C> synapse, byte[] body, Duration timeout) {
        this.dendrite = dendrite;
        this.axon = axon;
        this.synapse = synapse;
        this.body = body;
        this.deadline = start + timeout.toNanos();
    }

    CompletableFuture<AxonResult<Long>> completion() {
        return completion;
    }

    /** Sends the request and reads the answer's head; throws if the axon did not start a stream. */
    void open() {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw fail(Outcome.TIMEOUT, 0, null, "timeout", "no time left to send", null);
        }
        CompletableFuture.delayedExecutor(remaining, TimeUnit.NANOSECONDS).execute(this::onDeadline);
        lane = dendrite.new Lane(dendrite.acquireLane());
        nonce = dendrite.nextNonce();
        HttpRequest req = dendrite.request(
                        axon, synapse.name(), body, WireProtocol.hashHex(body), nonce, lane.uuid, remaining)
                .header("content-type", WireProtocol.JSON)
                .header("accept", WireProtocol.EVENT_STREAM)
                .build();
        HttpResponse<InputStream> resp;
        try {
            dendrite.upgrade(axon, remaining).join();
            resp = dendrite.openStream(req);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lane.release();
            throw fail(Outcome.FAILED, 0, null, "interrupted", "interrupted while opening the stream", null);
        } catch (IOException e) {
            lane.release();
            AxonResult<Long> r = timedOut
                    ? dendrite.local(axon, Outcome.TIMEOUT, start, "timeout", "no answer within the timeout")
                    : dendrite.failed(axon, e, start);
            throw finish(r);
        }
        in = resp.body();
        if (closed || timedOut) {
            close();
            throw fail(Outcome.TIMEOUT, 0, null, "timeout", "no answer within the timeout", null);
        }
        if (resp.statusCode() != 200) {
            byte[] errBytes;
            try (InputStream s = in) {
                errBytes = s.readNBytes(Math.min(dendrite.maxResponseBytes(), 1 << 16));
            } catch (IOException e) {
                errBytes = new byte[0];
            }
            lane.release();
            AxonResult<Long> r = dendrite.answered(
                    axon, Long.class, resp.statusCode(), resp.headers(), errBytes, nonce, lane.uuid, start);
            throw finish(r);
        }
        reader = new FrameReader(in, dendrite.maxResponseBytes());
    }

    /** The next chunk; null after a verified clean end. Throws on every other ending. */
    C next() {
        try {
            FrameReader.Frame f = reader.next();
            if (f == null) {
                throw new IOException("stream ended without an end frame");
            }
            switch (f.event()) {
                case "chunk" -> {
                    hash.add(f.data());
                    return dendrite.codec().read(f.data(), synapse.chunkType());
                }
                case "end" -> {
                    endFrame(dendrite.codec().read(f.data(), StreamEnd.class));
                    return null;
                }
                default -> throw new IOException("unknown stream event");
            }
        } catch (IOException e) {
            close();
            if (timedOut) {
                throw fail(Outcome.TIMEOUT, 200, null, "timeout", "the stream did not end within the timeout", null);
            }
            if (closed && completion.isDone()) {
                throw new StreamFailedException(completion.join());
            }
            throw fail(Outcome.INVALID_RESPONSE, 200, null, "bad_stream", e.getMessage(), null);
        }
    }

    private void endFrame(StreamEnd end) {
        close();
        String h = hash.finish(end.status());
        boolean verified = h.equals(end.hash())
                && end.chunks() == hash.chunks()
                && end.signature() != null
                && dendrite.verifyHash(axon, h, end.signature(), nonce, lane.uuid);
        AccountId who = verified ? axon.hotkey() : null;
        if (!verified) {
            throw fail(
                    Outcome.INVALID_RESPONSE,
                    200,
                    null,
                    "bad_stream_signature",
                    "the stream's end frame does not verify against the addressed axon hotkey",
                    null);
        }
        if (end.status() != 200) {
            Outcome o = end.status() == 408 ? Outcome.TIMEOUT : Outcome.REJECTED;
            throw fail(o, end.status(), who, end.error(), end.message(), end.errorId());
        }
        finish(new AxonResult<>(
                axon,
                Outcome.OK,
                200,
                hash.chunks(),
                Duration.ofNanos(System.nanoTime() - start),
                who,
                null,
                null,
                null));
    }

    /**
     * The consumer gave up (cancelled, or closed the iterator early): ends the exchange without
     * counting it against the axon.
     */
    void abandon() {
        if (completion.complete(new AxonResult<>(
                axon,
                Outcome.FAILED,
                0,
                null,
                Duration.ofNanos(System.nanoTime() - start),
                null,
                "cancelled",
                "the consumer abandoned the stream",
                null))) {
            close();
        }
    }

    private void onDeadline() {
        if (!completion.isDone()) {
            timedOut = true;
            close();
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream s = in;
        if (s != null) {
            try {
                s.close(); // aborts the exchange if the body is not fully read
            } catch (IOException e) {
                // closing is best-effort: the exchange is being abandoned either way
            }
        }
        if (lane != null) {
            lane.release();
        }
    }

    private StreamFailedException fail(
            Outcome o, int status, AccountId who, String error, String message, String errorId) {
        return finish(new AxonResult<>(
                axon, o, status, null, Duration.ofNanos(System.nanoTime() - start), who, error, message, errorId));
    }

    private StreamFailedException finish(AxonResult<Long> r) {
        if (completion.complete(r)) {
            dendrite.record(r, start);
        }
        return new StreamFailedException(completion.join());
    }
}
