package org.tao4j.node.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC over HTTP (POST) and WebSocket on one port (Jetty 12). HTTP requests and WebSocket
 * messages run on virtual threads. Requests over 10 MiB are refused: HTTP with status 413 and a
 * JSON-RPC error; WebSocket messages between 10 and 20 MiB with a JSON-RPC error, larger ones by
 * closing the connection (1009, message too big) as the frame parser will not buffer them.
 * {@code GET /health} answers like system_health.
 */
public final class JsonRpcServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcServer.class);

    private final Server server;
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

    public JsonRpcServer(JsonRpcDispatcher dispatcher, String host, int port) {
        this(dispatcher, host, port, null);
    }

    /**
     * @param pages when not null, asked first for every plain HTTP request; it takes the ones it serves
     *     (the explorer: GET / and /explorer/*) and leaves the rest (POSTs, /health) to JSON-RPC
     */
    public JsonRpcServer(JsonRpcDispatcher dispatcher, String host, int port, Handler pages) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("rpc");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(Duration.ofMinutes(5).toMillis());
        server.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(2L * JsonRpcDispatcher.MAX_REQUEST_BYTES);
            container.setMaxBinaryMessageSize(64 * 1024);
            container.setIdleTimeout(Duration.ofHours(1));
            container.addMapping("/", (req, resp, cb) -> new WsConnection(dispatcher, requests));
        });
        Handler rpc = new HttpHandler(dispatcher);
        ws.setHandler(pages == null ? rpc : new Handler.Sequence(pages, rpc));
        server.setHandler(ws);
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
                respond(response, callback, HttpStatus.OK_200, "{\"peers\":0,\"isSyncing\":false,\"shouldHavePeers\":false}");
                return true;
            }
            if (HttpMethod.OPTIONS.is(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST, GET, OPTIONS");
                respond(response, callback, HttpStatus.OK_200, "");
                return true;
            }
            if (!HttpMethod.POST.is(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST, GET, OPTIONS");
                respond(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, JsonRpcDispatcher.error(null,
                        RpcErrors.INVALID_REQUEST, "invalid request: send JSON-RPC with POST (or connect a WebSocket)",
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
