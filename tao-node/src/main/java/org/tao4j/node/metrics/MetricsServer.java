package org.tao4j.node.metrics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Serves {@code GET /metrics} (Prometheus text format) on its own port. */
public final class MetricsServer implements AutoCloseable {

    private final Server server;

    public MetricsServer(NodeMetrics metrics, String host, int port) {
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("metrics");
        server = new Server(threads);
        ServerConnector c = new ServerConnector(server, 1, 1);
        c.setHost(host);
        c.setPort(port);
        server.addConnector(c);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (!"/metrics".equals(Request.getPathInContext(request))) {
                    response.setStatus(404);
                    response.write(
                            true,
                            ByteBuffer.wrap("not found: try /metrics\n".getBytes(StandardCharsets.UTF_8)),
                            callback);
                    return true;
                }
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                response.write(true, ByteBuffer.wrap(metrics.scrape().getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
    }

    public void start() throws Exception {
        server.start();
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(MetricsServer.class)
                    .warn("stopping the metrics server: {}", e.toString());
        }
    }
}
