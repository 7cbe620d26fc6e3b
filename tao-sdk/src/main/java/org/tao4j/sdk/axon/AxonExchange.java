package org.tao4j.sdk.axon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.wire.ErrorBody;
import org.tao4j.sdk.wire.WireFormatException;
import org.tao4j.sdk.wire.WireProtocol;

/**
 * One request through the axon, from headers to the final byte: the checks in the order the
 * protocol fixes (docs/wire-protocol.md §5), the deadline, and exactly one answer.
 *
 * <p>Threads: {@link #start()} and the body reads run on Jetty's threads, the handler on its
 * own virtual thread, the timer on the axon's scheduler. Whoever wins {@link #claim()} owns the
 * answer; everyone else stands down. A stream claims on its first chunk.
 */
final class AxonExchange {
    private final Axon axon;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final long arrival = System.nanoTime();
    private final AtomicBoolean claimed = new AtomicBoolean();

    private Route route;
    private String callerSs58;
    private AccountId caller;
    private long nonce;
    private String uuid;
    private String bodyHash;
    private long deadline;

    private byte[] body;
    private int received;
    private volatile boolean reading;
    // set once checks 2-4 have passed: from then on answers are signed
    private volatile boolean authenticated;
    private volatile ScheduledFuture<?> timer;
    private Thread worker; // guarded by this
    private volatile StreamSink<?> stream;
    private AdmissionQueue.Job job;
    private RequestContext context;

    AxonExchange(Axon axon, Request request, Response response, Callback callback) {
        this.axon = axon;
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    /** Whoever gets true here owns writing the one answer. */
    boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    void start() {
        // The request's own deadline (and the body-read deadline) rule, not the connection's idle
        // timeout: without a listener, Jetty fails a request whose handler runs past the idle timeout
        // with no read or write pending (on HTTP/2 the client then sees RST_STREAM). Returning false
        // ignores such a timeout; one during a pending read or write still fails that read or write.
        request.addIdleTimeoutListener(timeout -> false);
        try {
            begin();
        } catch (RuntimeException e) {
            internalError(e);
        }
    }

    // ---- check 1: parse; checks 2 and 3 need only the headers, so they run before the body is read ----

    private void begin() {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (!"POST".equals(method)) {
            if (path.equals("/") && (method.equals("GET") || method.equals("HEAD")) && claim()) {
                // the axon's identity, unsigned: a liveness probe, and the bodiless request over
                // which an HTTP/1.1 client upgrades to h2c (docs/wire-protocol.md §1)
                byte[] info = ("{\"hotkey\":\"" + axon.ss58() + "\",\"protocol\":\"" + WireProtocol.VERSION + "\"}")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                send(200, method.equals("HEAD") ? new byte[0] : info, WireProtocol.JSON, false, null, false);
                return;
            }
            reject(405, "method_not_allowed", "axons accept only POST (and GET or HEAD on /)");
            return;
        }
        route = path.length() > 1 ? axon.route(path.substring(1)) : null;
        if (route == null) {
            reject(404, "unknown_synapse", "this axon serves no synapse at that path");
            return;
        }
        HttpFields h = request.getHeaders();
        String axonSs58;
        long timeoutMillis;
        String sigText;
        try {
            if (!WireProtocol.VERSION.equals(single(h, WireProtocol.VERSION_HEADER))) {
                throw new WireFormatException(WireProtocol.VERSION_HEADER, "must be " + WireProtocol.VERSION);
            }
            callerSs58 = required(h, WireProtocol.CALLER_HEADER);
            caller = parseAccount(WireProtocol.CALLER_HEADER, callerSs58);
            axonSs58 = required(h, WireProtocol.AXON_HEADER);
            nonce = WireProtocol.parseNonce(single(h, WireProtocol.NONCE_HEADER));
            uuid = WireProtocol.parseUuid(single(h, WireProtocol.UUID_HEADER));
            timeoutMillis = WireProtocol.parseTimeoutMillis(single(h, WireProtocol.TIMEOUT_HEADER));
            bodyHash = WireProtocol.parseHash(WireProtocol.BODY_HASH_HEADER, single(h, WireProtocol.BODY_HASH_HEADER));
            sigText = single(h, WireProtocol.SIGNATURE_HEADER); // its absence is check 2's business: 401
        } catch (WireFormatException e) {
            // the message names the caller's own header and what it should look like: no internals
            reject(400, "malformed", e.getMessage());
            return;
        }
        long length = request.getLength();
        if (length > axon.maxBodyBytes()) {
            reject(
                    413,
                    "body_too_large",
                    "request body exceeds this axon's limit of " + axon.maxBodyBytes() + " bytes");
            return;
        }

        // check 2: signature. The axon rebuilds the signed string with its own hotkey, so a
        // request addressed elsewhere cannot verify; the explicit test only makes the message clear.
        if (!axon.ss58().equals(axonSs58)) {
            reject(401, "wrong_axon", "request is addressed to another axon hotkey");
            return;
        }
        if (sigText == null || sigText.isEmpty()) {
            reject(401, "missing_signature", "request carries no signature");
            return;
        }
        byte[] sig;
        try {
            sig = WireProtocol.parseSignature(sigText);
        } catch (WireFormatException e) {
            reject(401, "bad_signature", e.getMessage());
            return;
        }
        byte[] msg = WireProtocol.signedMessage(nonce, callerSs58, axon.ss58(), uuid, bodyHash);
        if (!Ed25519.verify(caller.bytes(), msg, sig)) {
            reject(401, "bad_signature", "signature does not verify for the caller hotkey");
            return;
        }

        // check 3: nonce
        long budgetMillis = Math.min(timeoutMillis, axon.maxTimeoutMillis());
        long window = axon.nonceWindowNanos() + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
        // registered callers and everyone else keep their nonces in separate pools (§5.2)
        boolean registered = axon.directory().isRegistered(caller);
        switch (axon.nonces().check(caller, registered, uuid, nonce, axon.nowEpochNanos(), window)) {
            case TOO_OLD -> {
                reject(401, "stale_nonce", "nonce is older than this axon's window; check the caller's clock");
                return;
            }
            case TOO_NEW -> {
                reject(
                        401,
                        "future_nonce",
                        "nonce is further in the future than this axon's window; check the caller's clock");
                return;
            }
            case REPLAYED -> {
                reject(401, "replayed_nonce", "nonce is not greater than the last one seen for this hotkey and uuid");
                return;
            }
            case OK -> {}
        }
        deadline = arrival + TimeUnit.MILLISECONDS.toNanos(budgetMillis);

        body = new byte[length >= 0 ? (int) length : 1024];
        reading = true;
        readBody();
    }

    private static String required(HttpFields h, String name) {
        String v = single(h, name);
        if (v == null || v.isEmpty()) {
            throw new WireFormatException(name, "is missing");
        }
        return v;
    }

    /** The one value of a protocol header; a second copy is malformed, never silently ignored. */
    private static String single(HttpFields h, String name) {
        String value = null;
        for (HttpField f : h) {
            if (f.is(name)) {
                if (value != null) {
                    throw new WireFormatException(name, "appears more than once");
                }
                value = f.getValue();
            }
        }
        return value;
    }

    private AccountId parseAccount(String header, String ss58) {
        try {
            return axon.caller(ss58);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(header, "is not a valid SS58 address (prefix 42)");
        }
    }

    // ---- the body, read without blocking, bounded in size and in time ----

    private void readBody() {
        try {
            while (true) {
                if (claimed.get()) {
                    return; // the read deadline answered already
                }
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    if (timer == null) {
                        long readDeadline = Math.min(arrival + axon.bodyReadTimeoutNanos(), deadline);
                        timer = axon.schedule(this::onTimer, readDeadline - System.nanoTime());
                    }
                    request.demand(this::readBody);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    Throwable failure = chunk.getFailure();
                    chunk.release();
                    if (claim()) {
                        // the connection broke or sent bad framing: nobody may be listening
                        axon.log()
                                .debug("axon.body_read_failed caller={} cause={}", callerSs58, String.valueOf(failure));
                        sendError(400, "malformed", "request body could not be read", false, true);
                    }
                    return;
                }
                ByteBuffer buf = chunk.getByteBuffer();
                int n = buf.remaining();
                if ((long) received + n > axon.maxBodyBytes()) {
                    chunk.release();
                    if (claim()) {
                        cancelTimer();
                        sendError(
                                413,
                                "body_too_large",
                                "request body exceeds this axon's limit of " + axon.maxBodyBytes() + " bytes",
                                false,
                                true);
                    }
                    return;
                }
                if (received + n > body.length) {
                    body = java.util.Arrays.copyOf(body, Math.max(received + n, body.length * 2));
                }
                buf.get(body, received, n);
                received += n;
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    bodyRead();
                    return;
                }
            }
        } catch (RuntimeException e) {
            internalError(e);
        }
    }

    // ---- checks 4 to 6, then the handler's turn ----

    private void bodyRead() {
        reading = false;
        cancelTimer();
        if (claimed.get()) {
            return;
        }
        if (received != body.length) {
            body = java.util.Arrays.copyOf(body, received);
        }
        // check 4: body hash over exactly the bytes received
        if (!WireProtocol.hashHex(body).equals(bodyHash)) {
            reject(401, "bad_body_hash", "body does not match tao-body-hash");
            return;
        }
        authenticated = true;

        Caller who =
                new Caller(caller, route.name(), request.getConnectionMetaData().getRemoteSocketAddress());
        // check 5: blacklist
        Optional<String> refusal = axon.blacklist().reject(who, axon.directory());
        if (refusal.isPresent()) {
            reject(403, "blacklisted", refusal.get());
            return;
        }
        // check 6: priority
        double priority = axon.priority().of(who, axon.directory());
        context = new RequestContext(who, uuid, nonce, priority, deadline);
        boolean reserved = axon.reservedFor().test(who, axon.directory());
        job = new AdmissionQueue.Job(priority, caller, reserved) {
            @Override
            void run() {
                runHandler();
            }

            @Override
            void refuse(AdmissionQueue.Refusal why) {
                if (why == AdmissionQueue.Refusal.OWNER_LIMIT) {
                    reject(
                            429,
                            "caller_over_capacity",
                            "this caller already has " + axon.maxPendingPerCaller()
                                    + " requests running or waiting at this axon; wait for one to finish");
                } else {
                    reject(
                            429,
                            "over_capacity",
                            "axon is at capacity; lower-priority requests are refused, retry later");
                }
            }
        };
        timer = axon.schedule(this::onTimer, deadline - System.nanoTime());
        axon.admission().submit(job);
    }

    // ---- check 7: the handler, on its own virtual thread ----

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void runHandler() {
        if (claimed.get()) {
            return; // answered 408 while it waited
        }
        synchronized (this) {
            worker = Thread.currentThread();
        }
        try {
            Object payload;
            try {
                payload = axon.codec().read(body, route.requestType());
            } catch (IOException e) {
                reject(400, "malformed_body", "body is not a valid " + route.name() + " request");
                return;
            }
            switch (route) {
                case Route.Unary u -> {
                    Object answer = u.handler().handle(payload, context);
                    byte[] out = axon.codec().write(answer);
                    if (claim()) {
                        cancelTimer();
                        send(200, out, WireProtocol.JSON, true, null, false);
                    }
                }
                case Route.Streaming s -> {
                    StreamSink<?> sink = new StreamSink<>(this, axon.codec());
                    stream = sink;
                    s.handler().handle(payload, sink, context);
                    sink.endClean();
                    cancelTimer();
                }
            }
        } catch (Throwable e) {
            handlerFailed(e);
            if (e instanceof Error err) {
                throw err;
            }
        } finally {
            synchronized (this) {
                worker = null; // from here on the deadline cannot interrupt this thread
            }
            Thread.interrupted(); // clear a deadline interrupt that arrived as the handler returned
        }
    }

    private void handlerFailed(Throwable e) {
        if (claimed.get() && (stream == null || stream.ended())) {
            // answered already: usually the deadline's 408, after which the handler was interrupted
            axon.log()
                    .debug(
                            "axon.handler_after_answer synapse={} caller={} cause={}",
                            route.name(),
                            callerSs58,
                            e.toString());
            return;
        }
        StreamSink<?> s = stream;
        if (s != null && s.broken()) {
            // the caller went away mid-stream and the handler gave up: nothing is wrong with it
            axon.log().debug("axon.stream_abandoned synapse={} caller={}", route.name(), callerSs58);
            s.end(500, "caller_gone", "the caller went away", null); // completes the exchange; nobody reads it
            return;
        }
        String errorId = axon.newErrorId();
        axon.log()
                .warn(
                        "axon.handler_error status=500 errorId={} synapse={} caller={}",
                        errorId,
                        route.name(),
                        callerSs58,
                        e);
        if (s != null && s.end(500, "handler_error", "the handler failed", errorId)) {
            return;
        }
        if (claim()) {
            cancelTimer();
            sendError(500, "handler_error", "the handler failed", errorId, true, false);
        }
    }

    // ---- the deadline ----

    private void onTimer() {
        if (reading) {
            if (claim()) {
                reject408("the request body did not arrive in time", false, true);
            }
            return;
        }
        if (claim()) {
            if (job != null) {
                axon.admission().withdraw(job);
            }
            reject408("the request's timeout passed before the handler answered", authenticated, false);
        } else {
            StreamSink<?> s = stream;
            if (s != null) {
                s.end(
                        408,
                        "deadline_exceeded",
                        "the request's timeout passed before the stream ended",
                        axon.newErrorId());
            }
        }
        synchronized (this) {
            if (worker != null) {
                worker.interrupt();
            }
        }
    }

    private void reject408(String message, boolean sign, boolean close) {
        String errorId = axon.newErrorId();
        axon.log()
                .info(
                        "axon.reject status=408 error=deadline_exceeded errorId={} synapse={} caller={}",
                        errorId,
                        route == null ? "-" : route.name(),
                        callerSs58);
        axon.countedError("deadline_exceeded");
        send(
                408,
                axon.codec().write(new ErrorBody(408, "deadline_exceeded", message, errorId)),
                WireProtocol.JSON,
                sign,
                errorId,
                close);
    }

    long deadlineNanos() {
        return deadline;
    }

    long writeTimeoutNanos() {
        return axon.writeTimeoutNanos();
    }

    /**
     * Cuts a stream whose caller stopped reading: a chunk stayed unwritten for the write timeout.
     * Failing the exchange makes Jetty drop the stream (HTTP/1.1: the connection; HTTP/2: a
     * stream reset), which fails the pending write and frees its buffers; the handler's send
     * throws, and its slot is freed when it returns.
     */
    void cutStalled() {
        cancelTimer();
        String errorId = axon.newErrorId();
        axon.log()
                .info(
                        "axon.stream_cut error=write_timeout errorId={} synapse={} caller={} remote={}",
                        errorId,
                        route.name(),
                        callerSs58,
                        request.getConnectionMetaData().getRemoteSocketAddress());
        axon.countedError("write_timeout");
        callback.failed(new java.util.concurrent.TimeoutException("write timeout: the caller stopped reading"));
    }

    // ---- answers ----

    /** Claims and answers {@code status} with an error body; signed once the caller is authenticated. */
    private void reject(int status, String error, String message) {
        if (!claim()) {
            return;
        }
        cancelTimer();
        String errorId = axon.newErrorId();
        if (status == 429) {
            axon.log()
                    .debug(
                            "axon.reject status=429 error={} errorId={} synapse={} caller={}",
                            error,
                            errorId,
                            route.name(),
                            callerSs58);
        } else {
            axon.log()
                    .info(
                            "axon.reject status={} error={} errorId={} synapse={} caller={} remote={}",
                            status,
                            error,
                            errorId,
                            route == null ? "-" : route.name(),
                            callerSs58 == null ? "-" : callerSs58,
                            request.getConnectionMetaData().getRemoteSocketAddress());
        }
        axon.countedError(error);
        send(
                status,
                axon.codec().write(new ErrorBody(status, error, message, errorId)),
                WireProtocol.JSON,
                authenticated,
                errorId,
                false);
    }

    private void sendError(int status, String error, String message, boolean sign, boolean close) {
        String errorId = axon.newErrorId();
        axon.countedError(error);
        axon.log().info("axon.reject status={} error={} errorId={} caller={}", status, error, errorId, callerSs58);
        send(
                status,
                axon.codec().write(new ErrorBody(status, error, message, errorId)),
                WireProtocol.JSON,
                sign,
                errorId,
                close);
    }

    private void sendError(int status, String error, String message, String errorId, boolean sign, boolean close) {
        axon.countedError(error);
        send(
                status,
                axon.codec().write(new ErrorBody(status, error, message, errorId)),
                WireProtocol.JSON,
                sign,
                errorId,
                close);
    }

    private void send(int status, byte[] out, String contentType, boolean sign, String errorId, boolean close) {
        response.setStatus(status);
        HttpFields.Mutable h = response.getHeaders();
        h.put(HttpHeader.CONTENT_TYPE, contentType);
        h.put(HttpHeader.CONTENT_LENGTH, out.length);
        h.put(WireProtocol.AXON_HEADER, axon.ss58());
        if (sign) {
            String hash = WireProtocol.hashHex(out);
            h.put(WireProtocol.RESPONSE_HASH_HEADER, hash);
            h.put(WireProtocol.SIGNATURE_HEADER, signHash(hash));
        }
        if (errorId != null) {
            h.put(WireProtocol.ERROR_ID_HEADER, errorId);
        }
        if (close) {
            h.put(HttpHeader.CONNECTION, "close");
        }
        axon.counted(status);
        response.write(true, ByteBuffer.wrap(out), callback);
    }

    /** The axon's signature over {@code nonce.caller.axon.uuid.hash} for this request. */
    String signHash(String hash) {
        return axon.sign(WireProtocol.signedMessage(nonce, callerSs58, axon.ss58(), uuid, hash));
    }

    /** Sends a stream's status line and headers; the caller must hold the claim. */
    void commitStream() {
        response.setStatus(200);
        HttpFields.Mutable h = response.getHeaders();
        h.put(HttpHeader.CONTENT_TYPE, WireProtocol.EVENT_STREAM);
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
        h.put(WireProtocol.AXON_HEADER, axon.ss58());
        axon.counted(200);
    }

    Response response() {
        return response;
    }

    void finished(Throwable failure) {
        if (failure == null) {
            callback.succeeded();
        } else {
            callback.failed(failure);
        }
    }

    private void cancelTimer() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }

    private void internalError(Throwable e) {
        String errorId = axon.newErrorId();
        axon.log().error("axon.internal_error errorId={} caller={}", errorId, callerSs58, e);
        if (claim()) {
            cancelTimer();
            sendError(500, "internal_error", "the axon failed to process the request", errorId, false, true);
        }
    }
}
