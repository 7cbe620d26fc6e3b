package org.tao4j.sdk.axon;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiPredicate;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.AxonEndpoint;
import org.tao4j.sdk.NeuronDirectory;
import org.tao4j.sdk.StreamingSynapse;
import org.tao4j.sdk.Synapse;
import org.tao4j.sdk.wire.SynapseCodec;
import org.tao4j.sdk.wire.WireProtocol;

/**
 * A neuron's server: serves synapses over HTTP/1.1 and cleartext HTTP/2 (h2c), checks every
 * request in the protocol's order (parse, signature, nonce, body hash, blacklist, priority) and
 * runs handlers on virtual threads behind a bounded, priority-ordered admission queue, each
 * under a deadline equal to the request's timeout. See docs/wire-protocol.md.
 *
 * <pre>{@code
 * try (Axon axon = Axon.builder(hotkey, directory)
 *         .port(8091)
 *         .serve(QA, (ask, ctx) -> new Answer(ask.prompt().toUpperCase()))
 *         .start()) {
 *     ...
 * }
 * }</pre>
 */
public final class Axon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Axon.class);

    private final Ed25519.KeyPair keyPair;
    private final AccountId hotkey;
    private final String ss58;
    private final NeuronDirectory directory;
    private final Blacklist blacklist;
    private final Priority priority;
    private final Map<String, Route> routes;
    private final SynapseCodec codec;
    private final InstantSource clock;
    private final long nonceWindowNanos;
    private final long maxTimeoutMillis;
    private final int maxBodyBytes;
    private final long bodyReadTimeoutNanos;
    private final NonceGuard nonces;
    private final AdmissionQueue admission;
    private final ScheduledThreadPoolExecutor scheduler;
    // keyed by status and by error code: both fixed sets written by this package, never by callers
    private final Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final BiPredicate<Caller, NeuronDirectory> reservedFor;
    private final int maxPendingPerCaller;
    private final long writeTimeoutNanos;
    // callers' SS58 addresses, decoded once; only addresses that decoded are kept
    private final Map<String, AccountId> callers = new ConcurrentHashMap<>();
    private final Server server;
    private final ServerConnector connector;
    private final NetworkConnectionLimit connectionLimit;
    private final ConnectionCap connectionCap;
    private final String host;

    private Axon(Builder b) {
        this.keyPair = b.keyPair;
        this.hotkey = AccountId.of(b.keyPair.publicKey());
        this.ss58 = hotkey.toSs58();
        this.directory = b.directory;
        this.blacklist = b.blacklist;
        this.priority = b.priority;
        this.routes = Map.copyOf(b.routes);
        this.codec = b.codec;
        this.clock = b.clock;
        this.nonceWindowNanos = b.nonceWindow.toNanos();
        this.maxTimeoutMillis = b.maxTimeout.toMillis();
        this.maxBodyBytes = b.maxBodyBytes;
        this.bodyReadTimeoutNanos = b.bodyReadTimeout.toNanos();
        this.host = b.host;
        this.nonces = new NonceGuard(
                new NonceGuard.Limits(
                        b.nonceCacheEntries,
                        Math.min(b.nonceLanesPerCaller, b.nonceCacheEntries),
                        Math.min(b.nonceCacheCallers, b.nonceCacheEntries)),
                new NonceGuard.Limits(
                        b.openNonceCacheEntries,
                        Math.min(b.openNonceLanesPerCaller, b.openNonceCacheEntries),
                        b.openNonceCacheEntries),
                nonceWindowNanos + b.maxTimeout.toNanos());
        this.reservedFor = b.reservedFor;
        this.maxPendingPerCaller = b.maxPendingPerCaller;
        if (b.maxPendingPerCaller < b.maxRunningPerCaller) {
            throw new IllegalArgumentException("max pending per caller (" + b.maxPendingPerCaller
                    + ") must be at least max running per caller (" + b.maxRunningPerCaller + ")");
        }
        this.writeTimeoutNanos = b.writeTimeout.toNanos();
        int reserved = b.reservedHandlers >= 0 ? b.reservedHandlers : b.maxConcurrentHandlers / 4;
        if (b.maxConcurrentHandlers < 1 || reserved >= b.maxConcurrentHandlers) {
            throw new IllegalArgumentException("need max concurrent handlers >= 1 and more than the reserved ones, got "
                    + b.maxConcurrentHandlers + " and " + reserved + " reserved");
        }
        ThreadFactory handlers = Thread.ofVirtual().name("axon-handler-", 0).factory();
        this.admission = new AdmissionQueue(
                b.maxConcurrentHandlers,
                reserved,
                b.maxRunningPerCaller,
                b.maxPendingPerCaller,
                b.admissionQueueCapacity,
                handlers);
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "axon-timer");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);

        QueuedThreadPool pool = new QueuedThreadPool(b.serverThreads, Math.min(2, b.serverThreads));
        pool.setName("axon-http");
        pool.setDaemon(true);
        pool.setReservedThreads(0);
        server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setSendDateHeader(false);
        http.setRequestHeaderSize(b.maxHeaderBytes);
        // one acceptor and one selector: the work is signing and verifying, not I/O
        connector = new ServerConnector(
                server, 1, 1, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
        connector.setHost(b.host);
        connector.setPort(b.port);
        connector.setIdleTimeout(b.idleTimeout.toMillis());
        SlowHeaderGuard guard =
                new SlowHeaderGuard(b.headerReadTimeout.toNanos(), LOG, this::newErrorId, () -> counted(408));
        connector.addEventListener(guard);
        connectionCap = new ConnectionCap(b.maxConnectionsPerAddress);
        connector.addEventListener(connectionCap);
        server.addConnector(connector);
        // at the total, Jetty stops accepting (new connections wait in the OS backlog) and idle
        // connections are closed after the shorter idle timeout until it is below again
        connectionLimit = new NetworkConnectionLimit(b.maxConnections, connector);
        connectionLimit.setEndPointIdleTimeout(Math.min(b.idleTimeout.toMillis(), b.limitedIdleTimeout.toMillis()));
        server.addBean(connectionLimit);
        server.setErrorHandler(new JsonErrorHandler(LOG, this::newErrorId));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                new AxonExchange(Axon.this, request, response, callback).start();
                return true;
            }
        });
        long scan = guard.scanIntervalNanos();
        scheduler.scheduleWithFixedDelay(guard::scan, scan, scan, TimeUnit.NANOSECONDS);
    }

    public static Builder builder(Ed25519.KeyPair hotkey, NeuronDirectory directory) {
        return new Builder(hotkey, directory);
    }

    private Axon startServer() {
        try {
            server.start();
        } catch (Exception e) {
            scheduler.shutdownNow();
            throw new IllegalStateException("axon could not listen on " + host + ":" + connector.getPort(), e);
        }
        LOG.info("axon.started hotkey={} host={} port={} synapses={}", ss58, host, port(), routes.keySet());
        return this;
    }

    /** The port it listens on (the real one when built with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public AccountId hotkey() {
        return hotkey;
    }

    /** How a dendrite on this host reaches it (a wildcard bind is reached at 127.0.0.1). */
    public AxonEndpoint endpoint() {
        String h = host == null || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        return new AxonEndpoint(h, port(), hotkey);
    }

    /** How many answers it has sent with {@code status}, including the slow-loris 408s. */
    public long answered(int status) {
        LongAdder a = answers.get(status);
        return a == null ? 0 : a.sum();
    }

    /**
     * How many answers it has sent with error code {@code error} (as in the JSON body, e.g.
     * {@code caller_over_capacity}), plus {@code write_timeout} for streams it cut because their
     * caller stopped reading.
     */
    public long answered(String error) {
        LongAdder a = errors.get(error);
        return a == null ? 0 : a.sum();
    }

    /** Open network connections now. */
    public int openConnections() {
        return connectionLimit.getNetworkConnectionCount();
    }

    /** Connections closed at once because their address already had its maximum open. */
    public long connectionsRefusedPerAddress() {
        return connectionCap.refused();
    }

    /** Handlers running now. */
    public int runningHandlers() {
        return admission.running();
    }

    /** Requests waiting for a handler now. */
    public int waitingRequests() {
        return admission.waiting();
    }

    /** (caller, lane) pairs the replay cache remembers for registered callers, or for all others. */
    public int replayCacheLanes(boolean registered) {
        return nonces.lanes(registered);
    }

    /** Callers the replay cache remembers, registered ones or all others. */
    public int replayCacheCallers(boolean registered) {
        return nonces.callers(registered);
    }

    /** Stops accepting, refuses queued requests, and closes every connection. */
    @Override
    public void close() {
        admission.close();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("axon.stop_failed hotkey={}", ss58, e);
        }
        scheduler.shutdownNow();
        LOG.info("axon.stopped hotkey={}", ss58);
    }

    // ---- what exchanges use ----

    Route route(String name) {
        return routes.get(name);
    }

    String ss58() {
        return ss58;
    }

    /** Decodes a caller's SS58 address through a bounded cache. */
    AccountId caller(String address) {
        AccountId id = callers.get(address);
        if (id == null) {
            id = AccountId.fromSs58(address); // throws before anything is cached
            if (callers.size() > 16_384) {
                callers.clear(); // a bound, not an eviction policy: decoding again is only slower
            }
            callers.put(address, id);
        }
        return id;
    }

    String sign(byte[] message) {
        return keyPair.sign(message).toHex();
    }

    NeuronDirectory directory() {
        return directory;
    }

    Blacklist blacklist() {
        return blacklist;
    }

    Priority priority() {
        return priority;
    }

    SynapseCodec codec() {
        return codec;
    }

    NonceGuard nonces() {
        return nonces;
    }

    AdmissionQueue admission() {
        return admission;
    }

    ConnectionCap connectionCap() {
        return connectionCap;
    }

    long nowEpochNanos() {
        return WireProtocol.epochNanos(clock.instant());
    }

    long nonceWindowNanos() {
        return nonceWindowNanos;
    }

    long maxTimeoutMillis() {
        return maxTimeoutMillis;
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    long bodyReadTimeoutNanos() {
        return bodyReadTimeoutNanos;
    }

    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return scheduler.schedule(task, Math.max(delayNanos, 0), TimeUnit.NANOSECONDS);
    }

    Logger log() {
        return LOG;
    }

    /** 16 hex digits: unique enough to find one log line, and meaningless to the caller. */
    String newErrorId() {
        return String.format("%016x", ThreadLocalRandom.current().nextLong());
    }

    void counted(int status) {
        answers.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    void countedError(String error) {
        errors.computeIfAbsent(error, e -> new LongAdder()).increment();
    }

    BiPredicate<Caller, NeuronDirectory> reservedFor() {
        return reservedFor;
    }

    int maxPendingPerCaller() {
        return maxPendingPerCaller;
    }

    long writeTimeoutNanos() {
        return writeTimeoutNanos;
    }

    /** Configures and starts an {@link Axon}. Defaults are safe for a public miner. */
    public static final class Builder {
        private final Ed25519.KeyPair keyPair;
        private final NeuronDirectory directory;
        private final Map<String, Route> routes = new LinkedHashMap<>();
        private String host = "0.0.0.0";
        private int port = 8091;
        private Blacklist blacklist = Blacklist.unregistered();
        private Priority priority = Priority.byStake();
        private SynapseCodec codec = new SynapseCodec();
        private InstantSource clock = InstantSource.system();
        private Duration nonceWindow = Duration.ofSeconds(8);
        private Duration maxTimeout = Duration.ofSeconds(60);
        private int maxBodyBytes = 1 << 20;
        private int maxHeaderBytes = 8 << 10;
        private Duration headerReadTimeout = Duration.ofSeconds(5);
        private Duration bodyReadTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(30);
        private int maxConcurrentHandlers = 256;
        private int admissionQueueCapacity = 1024;
        private int nonceCacheEntries = 65_536;
        private int nonceLanesPerCaller = 1_024;
        private int nonceCacheCallers = 8_192;
        private int openNonceCacheEntries = 16_384;
        private int openNonceLanesPerCaller = 16;
        private int reservedHandlers = -1; // a quarter of the handlers unless set
        private BiPredicate<Caller, NeuronDirectory> reservedFor = (c, dir) -> dir.hasValidatorPermit(c.hotkey());
        private int maxRunningPerCaller = 32;
        private int maxPendingPerCaller = 128;
        private Duration writeTimeout = Duration.ofSeconds(10);
        private int maxConnections = 2_048;
        private int maxConnectionsPerAddress = 256;
        private Duration limitedIdleTimeout = Duration.ofSeconds(2);
        private int serverThreads = 16;

        private Builder(Ed25519.KeyPair keyPair, NeuronDirectory directory) {
            this.keyPair = Objects.requireNonNull(keyPair, "hotkey");
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        public <Q, R> Builder serve(Synapse<Q, R> synapse, SynapseHandler<Q, R> handler) {
            return add(new Route.Unary<>(synapse.name(), synapse.requestType(), Objects.requireNonNull(handler)));
        }

        public <Q, C> Builder serveStream(StreamingSynapse<Q, C> synapse, StreamHandler<Q, C> handler) {
            return add(new Route.Streaming<>(synapse.name(), synapse.requestType(), Objects.requireNonNull(handler)));
        }

        private Builder add(Route r) {
            if (routes.putIfAbsent(r.name(), r) != null) {
                throw new IllegalArgumentException("synapse " + r.name() + " is served twice");
            }
            return this;
        }

        /** The address to bind; default {@code 0.0.0.0}. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** The port to bind; default 8091, 0 for any free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Check 5; default {@link Blacklist#unregistered()}. */
        public Builder blacklist(Blacklist blacklist) {
            this.blacklist = Objects.requireNonNull(blacklist);
            return this;
        }

        /** Check 6; default {@link Priority#byStake()}. */
        public Builder priority(Priority priority) {
            this.priority = Objects.requireNonNull(priority);
            return this;
        }

        public Builder codec(SynapseCodec codec) {
            this.codec = Objects.requireNonNull(codec);
            return this;
        }

        /** The clock nonces are checked against; for tests. */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** How far a nonce may stray from now, before adding the request's timeout; default 8 s. */
        public Builder nonceWindow(Duration d) {
            this.nonceWindow = positive(d, "nonce window");
            return this;
        }

        /** Caps a request's timeout, hence its deadline and nonce window; default 60 s. */
        public Builder maxTimeout(Duration d) {
            this.maxTimeout = positive(d, "max timeout");
            return this;
        }

        /** Largest request body; default 1 MiB. Larger ones get 413 unread. */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("max body must be >= 1 byte, got " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** Largest request header block; default 8 KiB. Larger ones get 431. */
        public Builder maxHeaderBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("max header block must be >= 1024 bytes, got " + bytes);
            }
            this.maxHeaderBytes = bytes;
            return this;
        }

        /** Longest time from a request's first byte to its last header; default 5 s (slow-loris). */
        public Builder headerReadTimeout(Duration d) {
            this.headerReadTimeout = positive(d, "header read timeout");
            return this;
        }

        /** Longest time from the headers to the body's last byte; default 10 s (slow-loris). */
        public Builder bodyReadTimeout(Duration d) {
            this.bodyReadTimeout = positive(d, "body read timeout");
            return this;
        }

        /** How long an idle keep-alive connection stays open; default 30 s. */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = positive(d, "idle timeout");
            return this;
        }

        /**
         * Open connections in total; default 2 048. At the limit the axon stops accepting (new
         * connections wait in the OS backlog) and closes idle ones after
         * {@link #limitedIdleTimeout} until it is below again.
         */
        public Builder maxConnections(int n) {
            this.maxConnections = atLeast(n, 1, "max connections");
            return this;
        }

        /** Open connections from one IP address; default 256. One more is closed as it opens. */
        public Builder maxConnectionsPerAddress(int n) {
            this.maxConnectionsPerAddress = atLeast(n, 1, "max connections per address");
            return this;
        }

        /** The idle timeout while at {@link #maxConnections}; default 2 s. */
        public Builder limitedIdleTimeout(Duration d) {
            this.limitedIdleTimeout = positive(d, "limited idle timeout");
            return this;
        }

        /** Handlers running at once; default 256. */
        public Builder maxConcurrentHandlers(int n) {
            this.maxConcurrentHandlers = n;
            return this;
        }

        /** Requests waiting for a handler; default 1024. Beyond it, the lowest priority gets 429. */
        public Builder admissionQueueCapacity(int n) {
            this.admissionQueueCapacity = n;
            return this;
        }

        /**
         * (hotkey, uuid) pairs of <em>registered</em> callers whose last nonce is remembered;
         * default 65 536. Unregistered callers have their own pool ({@link #openNonceCacheEntries}).
         */
        public Builder nonceCacheEntries(int n) {
            this.nonceCacheEntries = atLeast(n, 1, "nonce cache entries");
            return this;
        }

        /** Lanes one registered caller keeps in the replay cache; default 1 024. */
        public Builder nonceLanesPerCaller(int n) {
            this.nonceLanesPerCaller = atLeast(n, 1, "nonce lanes per caller");
            return this;
        }

        /**
         * Registered callers the replay cache remembers at once; default 8 192, twice the largest
         * subnet. Only more registered hotkeys than this, active within one nonce window, could
         * raise the floor every registered caller's new lanes must clear.
         */
        public Builder nonceCacheCallers(int n) {
            this.nonceCacheCallers = atLeast(n, 1, "nonce cache callers");
            return this;
        }

        /**
         * (hotkey, uuid) pairs of callers that are not registered (any number of keys), kept apart
         * from the registered callers' pool; default 16 384.
         */
        public Builder openNonceCacheEntries(int n) {
            this.openNonceCacheEntries = atLeast(n, 1, "open nonce cache entries");
            return this;
        }

        /** Lanes one unregistered caller keeps in the replay cache; default 16. */
        public Builder openNonceLanesPerCaller(int n) {
            this.openNonceLanesPerCaller = atLeast(n, 1, "open nonce lanes per caller");
            return this;
        }

        /**
         * Handler slots only {@link #reservedFor} callers may use; default a quarter of
         * {@link #maxConcurrentHandlers} (64 of 256). Must be fewer than that; 0 reserves none.
         */
        public Builder reservedHandlers(int n) {
            this.reservedHandlers = atLeast(n, 0, "reserved handlers");
            return this;
        }

        /** Who may use the reserved slots; default: callers holding a validator permit. */
        public Builder reservedFor(BiPredicate<Caller, NeuronDirectory> who) {
            this.reservedFor = Objects.requireNonNull(who);
            return this;
        }

        /**
         * Handlers one caller hotkey may have running at once; default 32. Its further requests
         * wait in the admission queue until one of its own finishes.
         */
        public Builder maxRunningPerCaller(int n) {
            this.maxRunningPerCaller = atLeast(n, 1, "max running per caller");
            return this;
        }

        /**
         * Requests one caller hotkey may have running or waiting at once; default 128. The next
         * gets 429 {@code caller_over_capacity}.
         */
        public Builder maxPendingPerCaller(int n) {
            this.maxPendingPerCaller = atLeast(n, 1, "max pending per caller");
            return this;
        }

        /**
         * Longest a streamed chunk may wait to be written (the caller not reading); default 10 s.
         * Past it the stream is cut (HTTP/1.1: the connection is closed; HTTP/2: the stream is
         * reset) and its handler's slot freed.
         */
        public Builder writeTimeout(Duration d) {
            this.writeTimeout = positive(d, "write timeout");
            return this;
        }

        /** Jetty's I/O threads (parsing, verifying); default 16. Handlers run on virtual threads. */
        public Builder serverThreads(int n) {
            if (n < 4) {
                throw new IllegalArgumentException("the axon needs at least 4 server threads, got " + n);
            }
            this.serverThreads = n;
            return this;
        }

        /** Builds the axon and starts listening. */
        public Axon start() {
            if (routes.isEmpty()) {
                throw new IllegalStateException("an axon must serve at least one synapse");
            }
            return new Axon(this).startServer();
        }

        private static int atLeast(int n, int min, String what) {
            if (n < min) {
                throw new IllegalArgumentException(what + " must be >= " + min + ", got " + n);
            }
            return n;
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }

    @Override
    public String toString() {
        return "Axon[" + ss58 + " on " + new InetSocketAddress(host, Math.max(port(), 0)) + "]";
    }
}
