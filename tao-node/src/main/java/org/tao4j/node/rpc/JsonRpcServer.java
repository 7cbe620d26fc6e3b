package org.tao4j.node.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
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
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.node.health.Fatal;

/**
 * JSON-RPC over HTTP (POST) and WebSocket on one port (Jetty 12). HTTP requests and WebSocket
 * messages run on virtual threads. Requests over 10 MiB are refused: HTTP with status 413 and a
 * JSON-RPC error; WebSocket messages between 10 and 20 MiB with a JSON-RPC error, larger ones by
 * closing the connection (1009, message too big) as the frame parser will not buffer them.
 * {@code GET /health} answers like system_health: status 200 when the node is healthy, 503 with the
 * reason when it is not ({@link org.tao4j.node.health.NodeHealth}). Every error on the port is JSON,
 * never an HTML page ({@link JsonErrorHandler}). Connections, subscriptions and unsent bytes are
 * bounded by {@link RpcLimits} (docs/node.md "Limits").
 *
 * <p>The acceptor and selector threads are ones the node cannot live without: a virtual-machine
 * error (out of memory, internal error) in them, which Jetty would log and outlive, is {@linkplain
 * Fatal fatal}.
 */
public final class JsonRpcServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcServer.class);

    private final Server server;
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final RpcLimits limits;
    private final ConnectionGuard guard;
    private final NetworkConnectionLimit connectionLimit;
    /** Bytes queued for all WebSockets and not yet taken by their clients (bounded, see {@link WsConnection}). */
    private final AtomicLong unsent = new AtomicLong();

    private final AtomicLong cutOffs = new AtomicLong();

    public JsonRpcServer(JsonRpcDispatcher dispatcher, String host, int port) {
        this(dispatcher, host, port, RpcLimits.defaults(), null);
    }

    public JsonRpcServer(JsonRpcDispatcher dispatcher, String host, int port, RpcLimits limits) {
        this(dispatcher, host, port, limits, null);
    }

    /**
     * @param pages when not null, asked first for every plain HTTP request; it takes the ones it serves
     *     (the explorer: GET / and /explorer/*) and leaves the rest (POSTs, /health) to JSON-RPC
     */
    public JsonRpcServer(JsonRpcDispatcher dispatcher, String host, int port, RpcLimits limits, Handler pages) {
        this.limits = limits;
        QueuedThreadPool threads = new QueuedThreadPool(64, 4) {
            @Override
            protected void runJob(Runnable job) {
                try {
                    super.runJob(job);
                } catch (Throwable t) {
                    if (Fatal.isFatalAnywhere(t)) {
                        Fatal.report(
                                "an RPC server thread ("
                                        + Thread.currentThread().getName() + ")",
                                t);
                    }
                    throw t;
                }
            }
        };
        threads.setName("rpc");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        server.setErrorHandler(new JsonErrorHandler());
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setIdleTimeout(limits.httpIdleTimeout().toMillis());
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http)) {
            @Override
            protected boolean handleAcceptFailure(Throwable t) {
                if (Fatal.isFatalAnywhere(t)) {
                    Fatal.report("the RPC acceptor", t);
                    return false;
                }
                return super.handleAcceptFailure(t);
            }
        };
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.httpIdleTimeout().toMillis());
        server.addConnector(connector);
        // the total cap: Jetty stops accepting at the cap and shortens the idle timeout of open connections
        connectionLimit = new NetworkConnectionLimit(limits.maxConnections(), connector);
        connectionLimit.setEndPointIdleTimeout(limits.limitedIdleTimeout().toMillis());
        server.addBean(connectionLimit);
        // per-address cap and header-read timeout
        guard = new ConnectionGuard(
                limits,
                server.getScheduler(),
                () -> connectionLimit.getNetworkConnectionCount() >= connectionLimit.getMaxNetworkConnectionCount());
        connector.getSelectorManager().addEventListener(guard);
        connector.addEventListener(guard);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(2L * JsonRpcDispatcher.MAX_REQUEST_BYTES);
            container.setMaxBinaryMessageSize(64 * 1024);
            container.setIdleTimeout(limits.wsIdleTimeout());
            container.setMaxOutgoingFrames(limits.maxOutgoingFrames());
            container.addMapping(
                    "/", (req, resp, cb) -> new WsConnection(dispatcher, requests, limits, unsent, cutOffs));
        });
        Handler rpc = new HttpHandler(dispatcher);
        ws.setHandler(pages == null ? rpc : new Handler.Sequence(pages, rpc));
        server.setHandler(guard.wrap(ws));
    }

    public RpcLimits limits() {
        return limits;
    }

    /** Connections refused because their address had too many open. */
    public long refusedConnections() {
        return guard.refused();
    }

    /** Connections closed because their request head did not arrive in time. */
    public long headerTimeouts() {
        return guard.headerTimeouts();
    }

    /** WebSocket clients cut off (close 1008) for not reading. */
    public long cutOffs() {
        return cutOffs.get();
    }

    /** Bytes queued for all WebSocket clients and not yet taken by them. */
    public long unsentBytes() {
        return unsent.get();
    }

    public void start() throws Exception {
        server.start();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public InetSocketAddress address() {
        ServerConnector c = (ServerConnector) server.getConnectors()[0];
        return new InetSocketAddress(c.getHost() == null ? "0.0.0.0" : c.getHost(), c.getLocalPort());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the RPC server: {}", e.toString());
        }
        requests.shutdownNow();
    }

    /** POST / : one JSON-RPC request or batch per HTTP request. */
    private static final class HttpHandler extends Handler.Abstract {
        /** Oversized bodies up to this size are read to the end before the 413 goes out (see {@link #drain}). */
        static final long DRAIN_LIMIT = 4L * JsonRpcDispatcher.MAX_REQUEST_BYTES;

        private final JsonRpcDispatcher dispatcher;

        HttpHandler(JsonRpcDispatcher dispatcher) {
            super(InvocationType.BLOCKING);
            this.dispatcher = dispatcher;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String method = request.getMethod();
            if (HttpMethod.GET.is(method) && "/health".equals(Request.getPathInContext(request))) {
                var status = dispatcher.services().health().status();
                var o = Json.object()
                        .put("peers", 0)
                        .put("isSyncing", false)
                        .put("shouldHavePeers", false)
                        .put("healthy", status.healthy());
                if (!status.healthy()) {
                    o.put("reason", status.reason());
                }
                String body = o.toString();
                respond(
                        response,
                        callback,
                        status.healthy() ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503,
                        body);
                return true;
            }
            if (HttpMethod.OPTIONS.is(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST, GET, OPTIONS");
                respond(response, callback, HttpStatus.OK_200, "");
                return true;
            }
            if (!HttpMethod.POST.is(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST, GET, OPTIONS");
                respond(
                        response,
                        callback,
                        HttpStatus.METHOD_NOT_ALLOWED_405,
                        JsonRpcDispatcher.error(
                                null,
                                RpcErrors.INVALID_REQUEST,
                                "invalid request: send JSON-RPC with POST (or connect a WebSocket)",
                                null));
                return true;
            }
            long declared = request.getLength();
            if (declared > DRAIN_LIMIT) {
                refuseTooLarge(response, callback, declared, true);
                return true;
            }
            byte[] body;
            boolean drained;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = in.readNBytes(JsonRpcDispatcher.MAX_REQUEST_BYTES + 1);
                drained = body.length <= JsonRpcDispatcher.MAX_REQUEST_BYTES || drain(in);
            } catch (IOException e) {
                callback.failed(e);
                return true;
            }
            if (body.length > JsonRpcDispatcher.MAX_REQUEST_BYTES) {
                refuseTooLarge(response, callback, Math.max(declared, body.length), !drained);
                return true;
            }
            JsonRpcDispatcher.Reply reply = dispatcher.handle(new String(body, StandardCharsets.UTF_8), null);
            respond(response, callback, HttpStatus.OK_200, reply.text() == null ? "" : reply.text());
            return true;
        }

        /**
         * Reads and discards the rest of an oversized body, up to {@link #DRAIN_LIMIT} in all. A client that is
         * still uploading when the server answers and closes gets a TCP reset and often never sees the 413, so a
         * moderately oversized body is read to its end and the refusal goes out on a connection that stays open.
         *
         * @return true when the whole body was read
         */
        private static boolean drain(InputStream in) throws IOException {
            long left = DRAIN_LIMIT - JsonRpcDispatcher.MAX_REQUEST_BYTES - 1;
            byte[] sink = new byte[64 * 1024];
            while (left > 0) {
                int n = in.read(sink, 0, (int) Math.min(sink.length, left));
                if (n < 0) {
                    return true;
                }
                left -= n;
            }
            return in.read() < 0;
        }

        private static void refuseTooLarge(Response response, Callback callback, long size, boolean close) {
            if (close) {
                // Far too large to read to its end: answer and close the connection.
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            respond(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, JsonRpcDispatcher.tooLarge(size));
        }

        private static void respond(Response response, Callback callback, int status, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        }
    }
}
