package org.tao4j.node.rpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * At most {@link #MAX_IN_FLIGHT} requests per connection are in progress: beyond that the node
 * stops reading from the socket until one finishes (back-pressure instead of an unbounded queue).
 *
 * <p>Replies are written in batches: while other requests of the connection are still in progress,
 * a reply is added to the connection's write buffer, which goes out when the last of them finishes,
 * when the buffer is full, or at most {@link #FLUSH_DELAY_MS} ms later, whichever comes first. A
 * client pipelining many requests thus gets many replies per socket write (one system call each
 * way instead of one per reply); a lone request's reply goes out at once, as before. Each reply is
 * still its own WebSocket text frame.
 */
public final class WsConnection implements Session.Listener, RpcSession {

    static final int MAX_IN_FLIGHT = 512;

    /** The longest a reply waits in the write buffer for others to share its socket write. */
    static final long FLUSH_DELAY_MS = 2;

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
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean demandOwed = new AtomicBoolean();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final Map<String, Runnable> subscriptions = new ConcurrentHashMap<>();
    private volatile Session session;
    private volatile CoreSession core; // null if the session is not Jetty's: replies then go out one by one

    WsConnection(JsonRpcDispatcher dispatcher, ExecutorService executor) {
        this.dispatcher = dispatcher;
        this.executor = executor;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        this.core = s instanceof WebSocketSession ws ? ws.getCoreSession() : null;
        s.demand();
    }

    @Override
    public void onWebSocketText(String text) {
        int n = inFlight.incrementAndGet();
        try {
            executor.execute(() -> handle(text));
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            session.close(StatusCode.SERVICE_RESTART, "node shutting down", Callback.NOOP);
            return;
        }
        if (n < MAX_IN_FLIGHT) {
            session.demand();
        } else {
            demandOwed.set(true);
            if (inFlight.get() < MAX_IN_FLIGHT && demandOwed.compareAndSet(true, false)) {
                session.demand();
            }
        }
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
            if (inFlight.decrementAndGet() == 0) {
                flush(); // the last request in progress: nobody else will share the write
            } else {
                scheduleFlush();
            }
            if (demandOwed.compareAndSet(true, false)) {
                session.demand();
            }
        }
    }

    /** A reply to a request: buffered (batch mode) until {@link #flush}, which the caller arranges. */
    private synchronized void sendReply(String text) {
        CoreSession c = core;
        Session s = session;
        if (c == null) {
            send(text);
        } else if (s != null && s.isOpen()) {
            c.sendFrame(new Frame(OpCode.TEXT).setPayload(text), org.eclipse.jetty.util.Callback.NOOP, true);
        }
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
                FLUSHER.schedule(() -> {
                    flushScheduled.set(false);
                    flush();
                }, FLUSH_DELAY_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                flushScheduled.set(false);
                flush();
            }
        }
    }

    @Override
    public void onWebSocketBinary(java.nio.ByteBuffer payload, Callback callback) {
        callback.succeed();
        send(JsonRpcDispatcher.error(null, RpcErrors.INVALID_REQUEST,
                "invalid request: send JSON-RPC as text frames, not binary", null));
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
        subscriptions.values().forEach(Runnable::run);
        subscriptions.clear();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("WebSocket error: {}", cause.toString());
    }

    @Override
    public synchronized void send(String text) {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.sendText(text, Callback.NOOP);
        }
    }

    @Override
    public boolean isOpen() {
        Session s = session;
        return s != null && s.isOpen();
    }

    @Override
    public String newSubscriptionId() {
        return Long.toString(nextId.getAndIncrement());
    }

    @Override
    public void onClose(String subscriptionId, Runnable cleanup) {
        subscriptions.put(subscriptionId, cleanup);
    }

    @Override
    public boolean unsubscribe(String subscriptionId) {
        Runnable r = subscriptions.remove(subscriptionId);
        if (r != null) {
            r.run();
            return true;
        }
        return false;
    }
}
