package org.tao4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * JSON-RPC over one WebSocket ({@code java.net.http.WebSocket}) that reconnects.
 *
 * <ul>
 *   <li>Requests carry increasing numeric ids; responses are matched by id in whatever order they
 *       come. Sends are serialised (the JDK WebSocket allows one outstanding text send).
 *   <li>Each call has a timeout. A call made while disconnected waits for the connection (up to its
 *       timeout); a call in flight when the socket drops fails with {@link ConnectionLostException}.
 *   <li>On a drop (close frame, I/O error, a failed send, or two ping intervals of silence) the
 *       transport reconnects after {@link Backoff} delays, re-sends every subscription that asks for it
 *       and maps the new subscription ids to the same handlers.
 *   <li>Notifications are handed to each subscription's own serial executor, never run on the socket
 *       reader, so handlers may make blocking calls. Notifications for an id not yet registered are
 *       held (bounded) until the subscription's response has been processed.
 * </ul>
 */
final class WsTransport implements Transport {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WsTransport.class);
    private static final int MAX_ORPHAN_IDS = 64;
    private static final int MAX_ORPHANS_PER_ID = 256;

    /** What a subscription does with its notifications and with a dropped connection. */
    interface SubHandler {
        /** One notification's {@code result}; called serially on the subscription's executor. */
        void onNotification(JsonNode result);

        /** True: re-sent with the same method and params after each reconnect. False: forgotten at a drop. */
        boolean resubscribe();

        /** The node answered with this id; called on the socket reader before any of its notifications: must be quick. */
        default void onSubscribed(String id) {}

        /** The connection dropped. Called synchronously on the thread that noticed it: must be quick. */
        default void onDisconnected(Throwable cause) {}

        /** The subscription ended for good (client closed, reconnecting given up, or the node refused to resubscribe). */
        default void onEnded(Throwable cause) {}
    }

    private final URI uri;
    private final HttpClient http;
    private final ClientOptions options;
    private final ScheduledExecutorService timer;
    private final Executor callbacks;
    private final SerialExecutor events;
    private final Consumer<ConnectionEvent> eventSink;
    private final Backoff backoff;
    private final AtomicLong ids = new AtomicLong(1);
    private final AtomicInteger generations = new AtomicInteger();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Set<Sub> subs = ConcurrentHashMap.newKeySet();

    private final Object lock = new Object();
    private Connection current; // guarded by lock
    private final List<Pending> unsent = new ArrayList<>(); // guarded by lock
    private final List<Runnable> nextConnectHooks = new ArrayList<>(); // guarded by lock
    private ConnectionState state = ConnectionState.RECONNECTING; // guarded by lock
    private int attempt; // guarded by lock
    private Throwable lastError; // guarded by lock
    private TaoClientException gaveUp; // guarded by lock
    private boolean closed; // guarded by lock

    WsTransport(
            URI uri,
            HttpClient http,
            ClientOptions options,
            ScheduledExecutorService timer,
            Executor callbacks,
            Consumer<ConnectionEvent> eventSink) {
        this.uri = uri;
        this.http = http;
        this.options = options;
        this.timer = timer;
        this.callbacks = callbacks;
        this.events = new SerialExecutor(callbacks);
        this.eventSink = eventSink;
        this.backoff = new Backoff(options.backoffMin(), options.backoffMax(), options.jitterSeed());
    }

    @Override
    public URI uri() {
        return uri;
    }

    ConnectionState state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Opens the first connection, waiting for it; throws {@link NodeUnreachableException} when it cannot. */
    void connect() {
        Connection c;
        try {
            c = open().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaoClientException("interrupted while connecting to " + uri, e);
        } catch (Exception e) {
            synchronized (lock) {
                closed = true;
                state = ConnectionState.CLOSED;
            }
            throw Errors.connectFailure(uri, e, options.connectTimeout());
        }
        if (!install(c, false)) {
            throw new NodeUnreachableException(uri, "the connection closed right after opening", null);
        }
    }

    // ------------------------------------------------------------------ calls

    @Override
    public CompletableFuture<JsonNode> call(String method, ArrayNode params, Duration timeout) {
        return call(method, params, timeout, null, null);
    }

    /**
     * @param only send on this connection or not at all (resubscriptions)
     * @param inline run on the socket reader with the result, before the next message is read
     */
    private CompletableFuture<JsonNode> call(
            String method,
            ArrayNode params,
            Duration timeout,
            Connection only,
            BiConsumer<Connection, JsonNode> inline) {
        long id = ids.getAndIncrement();
        Pending p = new Pending(id, method, Codec.write(Codec.request(id, method, params)), timeout, inline);
        Connection target;
        synchronized (lock) {
            if (closed || gaveUp != null) {
                return CompletableFuture.failedFuture(
                        gaveUp != null ? gaveUp : new ClientClosedException("the client is closed"));
            }
            if (only != null && only != current) {
                return CompletableFuture.failedFuture(new ConnectionLostException(uri, "reconnected again", null));
            }
            target = current;
            pending.put(id, p);
            if (target != null) {
                p.sentOn = target;
            } else {
                unsent.add(p);
            }
        }
        try {
            p.timer = timer.schedule(() -> expire(p), timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            pending.remove(id, p);
            return CompletableFuture.failedFuture(new ClientClosedException("the client is closed"));
        }
        if (target != null) {
            transmit(target, p);
        }
        return p.future;
    }

    private void transmit(Connection c, Pending p) {
        send(c, p.text).whenComplete((ws, e) -> {
            if (e != null) {
                if (pending.remove(p.id, p)) {
                    fail(
                            p,
                            new ConnectionLostException(
                                    uri,
                                    "sending '" + p.method + "' failed: "
                                            + Errors.reason(uri, e, options.connectTimeout()),
                                    Errors.unwrap(e)));
                }
                lost(c, Errors.unwrap(e));
            }
        });
    }

    private CompletableFuture<?> send(Connection c, String text) {
        synchronized (c) {
            CompletableFuture<?> next = c.sendChain.handle((x, e) -> null).thenCompose(x -> c.ws.sendText(text, true));
            c.sendChain = next;
            return next;
        }
    }

    private void expire(Pending p) {
        if (!pending.remove(p.id, p)) {
            return;
        }
        boolean neverSent;
        synchronized (lock) {
            neverSent = unsent.remove(p) || p.sentOn == null;
        }
        fail(p, neverSent ? notConnected() : new RpcTimeoutException(p.method, p.timeout, uri.toString()));
    }

    private NodeUnreachableException notConnected() {
        synchronized (lock) {
            String why = lastError == null
                    ? "the connection dropped"
                    : Errors.reason(uri, lastError, options.connectTimeout());
            return new NodeUnreachableException(
                    uri, "not connected (" + why + "); reconnecting, attempt " + attempt, lastError);
        }
    }

    private void fail(Pending p, TaoClientException e) {
        if (p.timer != null) {
            p.timer.cancel(false);
        }
        async(() -> p.future.completeExceptionally(e));
    }

    private void async(Runnable r) {
        try {
            callbacks.execute(r);
        } catch (RejectedExecutionException e) {
            r.run();
        }
    }

    // ------------------------------------------------------------------ incoming

    private void onMessage(Connection c, String text) {
        JsonNode n;
        try {
            n = Codec.parse(text);
        } catch (IOException e) {
            LOG.warn("ignoring a message from {} that is not JSON: {}", uri, e.getMessage());
            return;
        }
        if (n == null) {
            return;
        }
        if (n.isArray()) {
            n.forEach(x -> onObject(c, x));
        } else {
            onObject(c, n);
        }
    }

    private void onObject(Connection c, JsonNode n) {
        JsonNode id = n.get("id");
        if (id != null && !id.isNull() && (n.has("result") || n.has("error"))) {
            onResponse(c, id, n);
        } else if (n.has("method") && n.path("params").has("subscription")) {
            onNotification(c, n);
        } else if (n.hasNonNull("error")) {
            LOG.warn("error without a request id from {}: {}", uri, n.get("error"));
        }
    }

    private void onResponse(Connection c, JsonNode idNode, JsonNode n) {
        if (!idNode.canConvertToLong()) {
            return;
        }
        Pending p = pending.remove(idNode.asLong());
        if (p == null) {
            return; // timed out already, or not ours
        }
        if (n.hasNonNull("error")) {
            fail(p, Codec.error(n.get("error")));
            return;
        }
        JsonNode result = n.get("result");
        if (p.inline != null) {
            try {
                p.inline.accept(c, result);
            } catch (TaoClientException e) {
                fail(p, e);
                return;
            } catch (RuntimeException e) {
                fail(p, new UnexpectedResponseException("'" + p.method + "': " + e.getMessage(), e));
                return;
            }
        }
        if (p.timer != null) {
            p.timer.cancel(false);
        }
        async(() -> p.future.complete(result));
    }

    private void onNotification(Connection c, JsonNode n) {
        JsonNode params = n.get("params");
        String subId = params.get("subscription").asText();
        JsonNode result = params.get("result");
        Sub s = c.byId.get(subId);
        if (s != null) {
            s.deliver(result);
            return;
        }
        synchronized (c.orphans) {
            List<JsonNode> held = c.orphans.computeIfAbsent(subId, k -> new ArrayList<>());
            if (held.size() < MAX_ORPHANS_PER_ID) {
                held.add(result);
            }
        }
    }

    private static String subscriptionId(JsonNode result) {
        if (result == null || !(result.isTextual() || result.isIntegralNumber())) {
            throw new UnexpectedResponseException("expected a subscription id, got " + result);
        }
        return result.asText();
    }

    /** Runs on the reader of {@code c}: maps the id to {@code s} and delivers anything held for it. */
    private void register(Connection c, Sub s, String id) {
        s.id = id;
        s.conn = c;
        c.byId.put(id, s);
        try {
            s.handler.onSubscribed(id);
        } catch (RuntimeException e) {
            LOG.warn("a subscription handler threw", e);
        }
        List<JsonNode> held;
        synchronized (c.orphans) {
            held = c.orphans.remove(id);
        }
        if (held != null) {
            held.forEach(s::deliver);
        }
    }

    // ------------------------------------------------------------------ subscriptions

    /**
     * Subscribes; the future completes once the node has answered with an id (and fails with the node's
     * error, e.g. an {@link RpcException} for a refused transaction).
     */
    CompletableFuture<Sub> subscribe(
            String method, ArrayNode params, String unsubscribeMethod, SubHandler handler, Duration timeout) {
        Sub s = new Sub(method, params, unsubscribeMethod, handler);
        return call(method, params, timeout, null, (c, result) -> {
                    String id = subscriptionId(result);
                    Connection resend = null;
                    synchronized (lock) {
                        if (closed) {
                            throw new ClientClosedException("the client is closed");
                        }
                        subs.add(s);
                        if (c != current && current != null && handler.resubscribe()) {
                            resend = current; // dropped and reconnected while this response was on its way
                        }
                    }
                    register(c, s, id);
                    if (resend != null) {
                        resubscribe(s, resend);
                    }
                })
                .thenApply(r -> s);
    }

    private void resubscribe(Sub s, Connection c) {
        call(s.method, s.params, options.callTimeout(), c, (conn, result) -> {
                    String id = subscriptionId(result);
                    if (s.closed) {
                        unsubscribeQuietly(conn, s.unsubscribe, id);
                        return;
                    }
                    register(conn, s, id);
                })
                .whenComplete((r, e) -> {
                    if (e != null && Errors.unwrap(e) instanceof RpcException refused) {
                        s.end(refused);
                    } // a connection failure: the next reconnect tries again
                });
    }

    private void unsubscribeQuietly(Connection c, String method, String id) {
        if (method == null || c.dead) {
            return;
        }
        long reqId = ids.getAndIncrement();
        send(c, Codec.write(Codec.request(reqId, method, Codec.params(id))));
    }

    /**
     * Runs {@code hook} on a callback thread once connected: now if connected, else after the next
     * successful reconnect. Returns false (and never runs it) when the transport is closed or gave up.
     */
    boolean whenConnected(Runnable hook) {
        synchronized (lock) {
            if (closed || gaveUp != null) {
                return false;
            }
            if (current == null) {
                nextConnectHooks.add(hook);
                return true;
            }
        }
        async(hook);
        return true;
    }

    /** A subscription on this transport. */
    final class Sub implements Subscription {
        final String method;
        final ArrayNode params;
        final String unsubscribe;
        final SubHandler handler;
        final SerialExecutor exec = new SerialExecutor(callbacks);
        volatile String id;
        volatile Connection conn;
        volatile boolean closed;

        Sub(String method, ArrayNode params, String unsubscribe, SubHandler handler) {
            this.method = method;
            this.params = params;
            this.unsubscribe = unsubscribe;
            this.handler = handler;
        }

        void deliver(JsonNode result) {
            exec.execute(() -> {
                if (!closed) {
                    handler.onNotification(result);
                }
            });
        }

        /** Ends it and tells the node (if connected). */
        @Override
        public void close() {
            if (forget()) {
                Connection c = conn;
                String i = id;
                if (c != null && i != null) {
                    unsubscribeQuietly(c, unsubscribe, i);
                }
            }
        }

        /** Ends it locally (the node has ended it already); true if it was open. */
        boolean forget() {
            synchronized (this) {
                if (closed) {
                    return false;
                }
                closed = true;
            }
            subs.remove(this);
            Connection c = conn;
            String i = id;
            if (c != null && i != null) {
                c.byId.remove(i, this);
            }
            return true;
        }

        void end(Throwable cause) {
            if (forget()) {
                exec.execute(() -> handler.onEnded(cause));
            }
        }

        @Override
        public boolean isClosed() {
            return closed;
        }
    }

    // ------------------------------------------------------------------ connection life

    private CompletableFuture<Connection> open() {
        Connection c = new Connection(generations.incrementAndGet());
        CompletableFuture<Connection> result = new CompletableFuture<>();
        http.newWebSocketBuilder()
                .connectTimeout(options.connectTimeout())
                .buildAsync(uri, c)
                .whenComplete((ws, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        c.ws = ws;
                        if (!result.complete(c)) {
                            ws.abort();
                        }
                    }
                });
        // DNS lookups are outside the JDK's connect timeout: bound the whole attempt
        try {
            timer.schedule(
                    () -> result.completeExceptionally(new HttpConnectTimeoutException("timed out")),
                    options.connectTimeout().toMillis() + 1_000,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ignored) {
            result.completeExceptionally(new ClientClosedException("the client is closed"));
        }
        return result;
    }

    /** Makes {@code c} the connection; false if it is already dead or the transport closed. */
    private boolean install(Connection c, boolean reconnected) {
        List<Pending> toSend;
        List<Runnable> hooks;
        synchronized (lock) {
            if (closed || c.dead) {
                c.ws.abort();
                return false;
            }
            current = c;
            state = ConnectionState.CONNECTED;
            attempt = 0;
            lastError = null;
            toSend = new ArrayList<>(unsent);
            unsent.clear();
            toSend.forEach(p -> p.sentOn = c);
            hooks = new ArrayList<>(nextConnectHooks);
            nextConnectHooks.clear();
        }
        startHeartbeat(c);
        if (reconnected) {
            for (Sub s : subs) {
                if (s.handler.resubscribe() && !s.closed) {
                    resubscribe(s, c);
                }
            }
        }
        emit(new ConnectionEvent.Connected(uri, reconnected));
        hooks.forEach(this::async);
        toSend.forEach(p -> transmit(c, p));
        return true;
    }

    private void startHeartbeat(Connection c) {
        long every = options.pingInterval().toMillis();
        if (every <= 0) {
            return;
        }
        try {
            c.heartbeat = timer.scheduleWithFixedDelay(() -> heartbeat(c, every), every, every, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ignored) {
            // closing
        }
    }

    /**
     * Every ping interval: if the last ping (sent one interval ago) has had no answer — nothing at all
     * was heard since — the connection is dead (half-open TCP); otherwise, if the connection has been
     * silent for an interval, ping it.
     */
    private void heartbeat(Connection c, long everyMs) {
        if (c.dead) {
            ScheduledFuture<?> h = c.heartbeat;
            if (h != null) {
                h.cancel(false);
            }
            return;
        }
        long now = System.nanoTime();
        long sent = c.pingSentAt;
        if (sent != 0 && c.lastHeard - sent < 0) {
            if ((now - sent) / 1_000_000 >= everyMs) {
                lost(c, new IOException("no answer to a ping within " + (now - sent) / 1_000_000 + " ms"));
            }
            return;
        }
        c.pingSentAt = 0;
        if ((now - c.lastHeard) / 1_000_000 >= everyMs) {
            c.pingSentAt = now;
            synchronized (c) {
                c.sendChain =
                        c.sendChain.handle((x, e) -> null).thenCompose(x -> c.ws.sendPing(ByteBuffer.allocate(0)));
            }
        }
    }

    /** The connection {@code c} dropped (or was found dead): fail its calls, reconnect. */
    private void lost(Connection c, Throwable cause) {
        synchronized (lock) {
            if (c.dead) {
                return;
            }
            c.dead = true;
            if (c != current) {
                return;
            }
            current = null;
            if (closed) {
                return;
            }
            state = ConnectionState.RECONNECTING;
            lastError = cause;
            attempt = 1;
        }
        if (c.heartbeat != null) {
            c.heartbeat.cancel(false);
        }
        if (c.ws != null) {
            c.ws.abort();
        }
        String reason = cause instanceof ClosedByPeer
                ? cause.getMessage()
                : Errors.reason(uri, cause, options.connectTimeout());
        for (Pending p : pending.values()) {
            if (p.sentOn == c && pending.remove(p.id, p)) {
                fail(p, new ConnectionLostException(uri, reason + " while waiting for '" + p.method + "'", cause));
            }
        }
        for (Sub s : subs) {
            if (!s.handler.resubscribe()) {
                s.forget();
            }
            try {
                s.handler.onDisconnected(cause);
            } catch (RuntimeException e) {
                LOG.warn("a subscription's disconnect handler threw", e);
            }
        }
        LOG.debug("connection to {} lost: {}; reconnecting", uri, reason);
        emit(new ConnectionEvent.Disconnected(uri, cause));
        if (options.maxReconnectAttempts() == 0) {
            giveUp(new ConnectionLostException(uri, reason + " (reconnecting is off)", cause));
        } else {
            scheduleReconnect(1, cause);
        }
    }

    private void scheduleReconnect(int n, Throwable lastErr) {
        Duration d = backoff.delay(n - 1);
        synchronized (lock) {
            if (closed) {
                return;
            }
            attempt = n;
        }
        emit(new ConnectionEvent.Reconnecting(uri, n, d, lastErr));
        try {
            timer.schedule(() -> reconnect(n), d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException ignored) {
            // closed meanwhile
        }
    }

    private void reconnect(int n) {
        synchronized (lock) {
            if (closed) {
                return;
            }
        }
        open().whenComplete((c, e) -> {
            if (e == null && install(c, true)) {
                LOG.debug("reconnected to {} (attempt {})", uri, n);
                return;
            }
            TaoClientException err = e != null
                    ? Errors.connectFailure(uri, e, options.connectTimeout())
                    : new ConnectionLostException(uri, "the connection closed right after opening", null);
            synchronized (lock) {
                if (closed) {
                    return;
                }
                lastError = err;
            }
            int max = options.maxReconnectAttempts();
            if (max >= 0 && n >= max) {
                giveUp(
                        err instanceof NodeUnreachableException u
                                ? u
                                : new NodeUnreachableException(uri, err.getMessage(), err));
            } else {
                scheduleReconnect(n + 1, err);
            }
        });
    }

    private void giveUp(TaoClientException cause) {
        List<Pending> waiting;
        synchronized (lock) {
            if (closed || gaveUp != null) {
                return;
            }
            gaveUp = cause;
            state = ConnectionState.CLOSED;
            waiting = new ArrayList<>(unsent);
            unsent.clear();
            nextConnectHooks.clear();
        }
        for (Pending p : waiting) {
            if (pending.remove(p.id, p)) {
                fail(p, cause);
            }
        }
        for (Sub s : List.copyOf(subs)) {
            s.end(cause);
        }
        emit(new ConnectionEvent.Closed(uri, cause));
    }

    private void emit(ConnectionEvent e) {
        events.execute(() -> eventSink.accept(e));
    }

    @Override
    public void close() {
        Connection c;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            state = ConnectionState.CLOSED;
            c = current;
            current = null;
            unsent.clear();
            nextConnectHooks.clear();
        }
        ClientClosedException e = new ClientClosedException("the client is closed");
        for (Pending p : pending.values()) {
            if (pending.remove(p.id, p)) {
                fail(p, e);
            }
        }
        for (Sub s : List.copyOf(subs)) {
            s.end(e);
        }
        if (c != null) {
            c.dead = true;
            if (c.heartbeat != null) {
                c.heartbeat.cancel(false);
            }
            try {
                c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closed")
                        .orTimeout(1, TimeUnit.SECONDS)
                        .whenComplete((ws, err) -> c.ws.abort());
            } catch (RuntimeException ignored) {
                c.ws.abort();
            }
        }
        emit(new ConnectionEvent.Closed(uri, null));
    }

    // ------------------------------------------------------------------ types

    /** A close frame from the node, as a cause. */
    static final class ClosedByPeer extends IOException {
        private static final long serialVersionUID = 1L;

        ClosedByPeer(int code, String reason) {
            super("the node closed the connection (" + code + (reason == null || reason.isEmpty() ? "" : " " + reason)
                    + ")");
        }
    }

    private static final class Pending {
        final long id;
        final String method;
        final String text;
        final Duration timeout;
        final BiConsumer<Connection, JsonNode> inline;
        final CompletableFuture<JsonNode> future = new CompletableFuture<>();
        volatile Connection sentOn;
        volatile ScheduledFuture<?> timer;

        Pending(long id, String method, String text, Duration timeout, BiConsumer<Connection, JsonNode> inline) {
            this.id = id;
            this.method = method;
            this.text = text;
            this.timeout = timeout;
            this.inline = inline;
        }
    }

    /** One WebSocket and what belongs to it: its subscription ids and its send queue. */
    final class Connection implements WebSocket.Listener {
        final int generation;
        volatile WebSocket ws;
        final Map<String, Sub> byId = new ConcurrentHashMap<>();
        final Map<String, List<JsonNode>> orphans = new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<JsonNode>> eldest) {
                return size() > MAX_ORPHAN_IDS;
            }
        };
        private final StringBuilder text = new StringBuilder();
        CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null); // guarded by this
        volatile long lastHeard = System.nanoTime();
        volatile long pingSentAt;
        volatile boolean dead;
        volatile ScheduledFuture<?> heartbeat;

        Connection(int generation) {
            this.generation = generation;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            this.ws = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastHeard = System.nanoTime();
            text.append(data);
            if (last) {
                String m = text.toString();
                text.setLength(0);
                try {
                    onMessage(this, m);
                } catch (RuntimeException e) {
                    LOG.warn("handling a message from " + uri + " failed", e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            lastHeard = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            lastHeard = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastHeard = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (this.ws == null) {
                this.ws = webSocket;
            }
            lost(this, new ClosedByPeer(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (this.ws == null) {
                this.ws = webSocket;
            }
            lost(this, error);
        }
    }
}
