package org.tao4j.node.rpc;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection: each text message is one JSON-RPC request or batch, handled on its own
 * virtual thread (so a client can pipeline thousands of submissions and the node verifies their
 * signatures on every core); responses may therefore come back out of order, matched by id.
 *
 * <p>Every resource a client can make the node hold is bounded ({@link RpcLimits}):
 * <ul>
 *   <li>requests in progress: at most {@code maxInFlightRequests} and {@code maxInFlightBytes}; beyond
 *       that the node stops reading from the socket until one finishes (back-pressure, no queue);
 *   <li>unsent output: replies and notifications are queued for the socket, and their bytes counted
 *       until the socket takes them. A client that lets more than {@code maxUnsentBytesPerConnection}
 *       (or {@code maxOutgoingFrames} frames) pile up, or holds more than {@code slowReaderBytes}
 *       while all connections together hold more than {@code maxUnsentBytesTotal}, does not read: it
 *       is cut off with close code 1008 (policy violation) and the socket is closed a second later
 *       whether or not the close frame got through. Nothing ever waits for a slow client;
 *   <li>subscriptions: at most {@code maxSubscriptionsPerConnection}; one more is refused with
 *       {@link RpcErrors#LIMIT_EXCEEDED}.
 * </ul>
 *
 * <p>Replies are written in batches: while other requests of the connection are still in progress,
 * a reply is added to the connection's write buffer, which goes out when the last of them finishes,
 * when the buffer is full, or at most {@link #FLUSH_DELAY_MS} ms later, whichever comes first. A
 * client pipelining many requests thus gets many replies per socket write (one system call each
 * way instead of one per reply); a lone request's reply goes out at once, as before. Each reply is
 * still its own WebSocket text frame.
 */
public final class WsConnection implements Session.Listener, RpcSession {

    /** The longest a reply waits in the write buffer for others to share its socket write. */
    static final long FLUSH_DELAY_MS = 2;

    /** How long a cut-off client has to take the close frame before its socket is closed. */
    static final long CUT_OFF_GRACE_MS = 1_000;

    /** Flushes the write buffers of busy connections (one daemon thread for all connections). */
    private static final ScheduledExecutorService FLUSHER = flusher();

    private static ScheduledExecutorService flusher() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ws-flush");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    private static final Logger LOG = LoggerFactory.getLogger(WsConnection.class);

    private final JsonRpcDispatcher dispatcher;
    private final ExecutorService executor;
    private final RpcLimits limits;
    /** Unsent bytes over all connections of the server. */
    private final AtomicLong totalUnsent;
    /** Connections of the server cut off so far. */
    private final AtomicLong cutOffs;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong inFlightBytes = new AtomicLong();
    private final AtomicBoolean demandOwed = new AtomicBoolean();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final AtomicLong unsent = new AtomicLong();
    private final AtomicBoolean cutOff = new AtomicBoolean();
    /** When output last left (or, with none waiting, began waiting); see {@link #checkStall}. */
    private volatile long progressNanos = System.nanoTime();

    private final AtomicBoolean stallCheckScheduled = new AtomicBoolean();
    /** Subscription id -> cleanup; at most maxSubscriptionsPerConnection entries (guarded by itself). */
    private final Map<String, Runnable> subscriptions = new HashMap<>();
    /** Ids handed out and not yet unsubscribed (registered or about to be). */
    private int subscriptionSlots;

    private volatile Session session;
    private volatile CoreSession core; // null if the session is not Jetty's: replies then go out one by one

    WsConnection(
            JsonRpcDispatcher dispatcher,
            ExecutorService executor,
            RpcLimits limits,
            AtomicLong totalUnsent,
            AtomicLong cutOffs) {
        this.dispatcher = dispatcher;
        this.executor = executor;
        this.limits = limits;
        this.totalUnsent = totalUnsent;
        this.cutOffs = cutOffs;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        this.core = s instanceof WebSocketSession ws ? ws.getCoreSession() : null;
        s.demand();
    }

    @Override
    public void onWebSocketText(String text) {
        if (cutOff.get()) {
            return; // no more demand: the connection is being closed
        }
        int n = inFlight.incrementAndGet();
        long bytes = inFlightBytes.addAndGet(text.length());
        try {
            executor.execute(() -> handle(text));
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            inFlightBytes.addAndGet(-text.length());
            session.close(StatusCode.SERVICE_RESTART, "node shutting down", Callback.NOOP);
            return;
        }
        if (n < limits.maxInFlightRequests() && bytes < limits.maxInFlightBytes()) {
            session.demand();
        } else {
            demandOwed.set(true);
            if (mayRead() && demandOwed.compareAndSet(true, false)) {
                session.demand();
            }
        }
    }

    private boolean mayRead() {
        return inFlight.get() < limits.maxInFlightRequests() && inFlightBytes.get() < limits.maxInFlightBytes();
    }

    private void handle(String text) {
        try {
            JsonRpcDispatcher.Reply reply = dispatcher.handle(text, this);
            if (reply.text() != null) {
                sendReply(reply.text());
            }
            reply.afterSend().forEach(Runnable::run);
        } catch (RuntimeException e) {
            LOG.error("WebSocket request failed", e);
        } finally {
            inFlightBytes.addAndGet(-text.length());
            if (inFlight.decrementAndGet() == 0) {
                flush(); // the last request in progress: nobody else will share the write
            } else {
                scheduleFlush();
            }
            if (mayRead() && !cutOff.get() && demandOwed.compareAndSet(true, false)) {
                session.demand();
            }
        }
    }

    /** A reply to a request: buffered (batch mode) until {@link #flush}, which the caller arranges. */
    private void sendReply(String text) {
        enqueue(text, true);
    }

    /**
     * Queues one text frame, counting its bytes until the socket takes it; a client over its bound
     * is cut off instead.
     *
     * @param batch leave it in the write buffer for a later {@link #flush} (replies), or write now
     */
    private synchronized void enqueue(String text, boolean batch) {
        Session s = session;
        if (s == null || !s.isOpen() || cutOff.get()) {
            return;
        }
        long size = utf8Length(text);
        long mine = unsent.addAndGet(size);
        if (mine == size) {
            progressNanos = System.nanoTime(); // nothing was waiting: the stall clock starts now
        }
        long all = totalUnsent.addAndGet(size);
        if (mine > limits.maxUnsentBytesPerConnection()
                || (all > limits.maxUnsentBytesTotal() && mine > limits.slowReaderBytes())) {
            unsent.addAndGet(-size);
            totalUnsent.addAndGet(-size);
            cutOff("it does not read: " + (mine - size) + " bytes unsent (limit " + limits.maxUnsentBytesPerConnection()
                    + " per connection, " + limits.maxUnsentBytesTotal() + " in all)");
            return;
        }
        scheduleStallCheck();
        org.eclipse.jetty.util.Callback done = new org.eclipse.jetty.util.Callback() {
            @Override
            public void succeeded() {
                progressNanos = System.nanoTime();
                release(size);
            }

            @Override
            public void failed(Throwable x) {
                release(size);
                if (!cutOff.get() && isOpen()) {
                    // Jetty refuses frames beyond maxOutgoingFrames (WritePendingException)
                    cutOff("it does not read: its frames could not be queued ("
                            + x.getClass().getSimpleName() + "; at most " + limits.maxOutgoingFrames()
                            + " frames may wait)");
                }
            }
        };
        CoreSession c = core;
        if (c != null) {
            c.sendFrame(new Frame(OpCode.TEXT).setPayload(text), done, batch);
        } else {
            s.sendText(text, Callback.from(done::succeeded, done::failed));
        }
    }

    private void release(long size) {
        unsent.addAndGet(-size);
        totalUnsent.addAndGet(-size);
    }

    static long utf8Length(String s) {
        int n = s.length();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }

    private void scheduleStallCheck() {
        if (stallCheckScheduled.compareAndSet(false, true)) {
            try {
                FLUSHER.schedule(this::checkStall, 1, TimeUnit.SECONDS);
            } catch (RejectedExecutionException e) {
                stallCheckScheduled.set(false);
            }
        }
    }

    /**
     * A client can also stop reading before its output passes the byte bound: the kernel's socket
     * buffers take megabytes, and then nothing moves. Checked every second while output waits: none
     * of it taken for {@link RpcLimits#writeStallTimeout()} cuts the client off.
     */
    private void checkStall() {
        stallCheckScheduled.set(false);
        if (cutOff.get() || !isOpen() || unsent.get() == 0) {
            return;
        }
        long stalled = System.nanoTime() - progressNanos;
        if (stalled > limits.writeStallTimeout().toNanos()) {
            cutOff("it does not read: none of its " + unsent.get() + " waiting bytes taken for "
                    + limits.writeStallTimeout().toSeconds() + " s");
            return;
        }
        scheduleStallCheck();
    }

    /** Bytes queued for this connection and not yet taken by the socket. */
    long unsentBytes() {
        return unsent.get();
    }

    /** Writes the buffered replies. */
    private void flush() {
        CoreSession c = core;
        if (c != null) {
            c.flush(org.eclipse.jetty.util.Callback.NOOP);
        }
    }

    private void scheduleFlush() {
        if (core != null && flushScheduled.compareAndSet(false, true)) {
            try {
                FLUSHER.schedule(
                        () -> {
                            flushScheduled.set(false);
                            flush();
                        },
                        FLUSH_DELAY_MS,
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                flushScheduled.set(false);
                flush();
            }
        }
    }

    /**
     * Closes the connection with 1008 and, a second later, its socket. The close runs on the flush
     * thread, never in the caller's (which may hold this connection's or a subscription's lock).
     */
    @Override
    public void cutOff(String why) {
        Session s = session;
        if (s == null || !cutOff.compareAndSet(false, true)) {
            return;
        }
        cutOffs.incrementAndGet();
        SocketAddress remote = s.getRemoteSocketAddress();
        LOG.warn("WebSocket client {} cut off (close 1008): {}", remote, why);
        String reason = why.length() > 100 ? why.substring(0, 100) : why; // a close reason has at most 123 bytes
        try {
            FLUSHER.execute(() -> s.close(StatusCode.POLICY_VIOLATION, reason, Callback.NOOP));
            // isOpen() is false as soon as the close frame is queued, so the socket is closed regardless
            FLUSHER.schedule(s::disconnect, CUT_OFF_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            s.disconnect();
        }
    }

    @Override
    public void onWebSocketBinary(java.nio.ByteBuffer payload, Callback callback) {
        callback.succeed();
        send(JsonRpcDispatcher.error(
                null, RpcErrors.INVALID_REQUEST, "invalid request: send JSON-RPC as text frames, not binary", null));
        session.demand();
    }

    /** This listener demands explicitly, so control frames must be answered and demanded for too. */
    @Override
    public void onWebSocketPing(java.nio.ByteBuffer payload) {
        session.sendPong(payload, Callback.NOOP);
        session.demand();
    }

    @Override
    public void onWebSocketPong(java.nio.ByteBuffer payload) {
        session.demand();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        Runnable[] cleanups;
        synchronized (subscriptions) {
            cleanups = subscriptions.values().toArray(new Runnable[0]);
            subscriptions.clear();
            subscriptionSlots = 0;
        }
        for (Runnable r : cleanups) {
            r.run();
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("WebSocket error: {}", cause.toString());
    }

    @Override
    public void send(String text) {
        enqueue(text, false);
    }

    @Override
    public boolean isOpen() {
        Session s = session;
        return s != null && s.isOpen() && !cutOff.get();
    }

    @Override
    public String newSubscriptionId() throws RpcException {
        synchronized (subscriptions) {
            if (subscriptionSlots >= limits.maxSubscriptionsPerConnection()) {
                throw new RpcException(
                        RpcErrors.LIMIT_EXCEEDED,
                        "too many subscriptions: this connection holds "
                                + subscriptionSlots + ", the limit is " + limits.maxSubscriptionsPerConnection()
                                + "; unsubscribe some or open another connection");
            }
            subscriptionSlots++;
        }
        return Long.toString(nextId.getAndIncrement());
    }

    /** Subscriptions this connection holds (ids handed out and not unsubscribed). */
    int subscriptionCount() {
        synchronized (subscriptions) {
            return subscriptionSlots;
        }
    }

    @Override
    public void onClose(String subscriptionId, Runnable cleanup) {
        boolean closed;
        synchronized (subscriptions) {
            closed = !isOpen();
            if (!closed) {
                subscriptions.put(subscriptionId, cleanup);
            }
        }
        if (closed) {
            cleanup.run(); // the connection closed meanwhile: nothing will call it later
        }
    }

    @Override
    public boolean unsubscribe(String subscriptionId) {
        Runnable r;
        synchronized (subscriptions) {
            r = subscriptions.remove(subscriptionId);
            if (r != null) {
                subscriptionSlots--;
            }
        }
        if (r != null) {
            r.run();
            return true;
        }
        return false;
    }
}
