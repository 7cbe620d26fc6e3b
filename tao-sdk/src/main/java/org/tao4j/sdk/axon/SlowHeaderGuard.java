package org.tao4j.sdk.axon;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;

/**
 * Bounds the time an HTTP/1.1 client may take to send a request's headers (slow-loris).
 * Jetty's idle timeout only bounds the gap between two bytes, so a client trickling one byte a
 * second would hold a connection for ever; this watchdog bounds the total. It scans the open
 * connections every {@code timeout / 4}: one seen mid-headers for longer than {@code timeout} is
 * answered 408 and closed.
 *
 * <p>Relies on Jetty's {@code HttpConnection} (an internal class) to read the parser state; the
 * state is read racily from the scan thread, which can only delay a close by one scan.
 * HTTP/2 connections are not watched: Jetty bounds their streams itself.
 */
final class SlowHeaderGuard implements Connection.Listener {
    private static final class Watch {
        long messages = -1;
        long since; // 0: not seen mid-headers on the last scan
    }

    private final long timeoutNanos;
    private final Logger log;
    private final Supplier<String> errorIds;
    private final Runnable onReject;
    private final Map<HttpConnection, Watch> watched = new ConcurrentHashMap<>();

    SlowHeaderGuard(long timeoutNanos, Logger log, Supplier<String> errorIds, Runnable onReject) {
        this.timeoutNanos = timeoutNanos;
        this.log = log;
        this.errorIds = errorIds;
        this.onReject = onReject;
    }

    long scanIntervalNanos() {
        return Math.max(timeoutNanos / 4, 10_000_000L);
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            watched.put(http, new Watch());
        }
    }

    @Override
    public void onClosed(Connection connection) {
        watched.remove(connection);
    }

    int watching() {
        return watched.size();
    }

    /** One scan; runs on the axon's scheduler thread only. */
    void scan() {
        long now = System.nanoTime();
        Iterator<Map.Entry<HttpConnection, Watch>> it = watched.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<HttpConnection, Watch> e = it.next();
            HttpConnection c = e.getKey();
            EndPoint ep = c.getEndPoint();
            if (!ep.isOpen() || ep.getConnection() != c) {
                it.remove(); // closed, or upgraded to HTTP/2
                continue;
            }
            HttpParser parser = c.getParser();
            Watch w = e.getValue();
            if (parser.isStart() || !parser.inHeaderState()) {
                w.since = 0;
                continue;
            }
            long messages = c.getMessagesIn();
            if (w.since == 0 || w.messages != messages) {
                w.since = now;
                w.messages = messages;
            } else if (now - w.since > timeoutNanos) {
                it.remove();
                reject(ep);
            }
        }
    }

    private void reject(EndPoint ep) {
        String errorId = errorIds.get();
        log.info(
                "axon.reject status=408 error=header_timeout errorId={} remote={}",
                errorId,
                ep.getRemoteSocketAddress());
        onReject.run();
        String body =
                "{\"status\":408,\"error\":\"header_timeout\",\"message\":\"request headers did not arrive in time\",\"errorId\":\""
                        + errorId + "\"}";
        String head = "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n";
        ByteBuffer out = ByteBuffer.wrap((head + body).getBytes(StandardCharsets.US_ASCII));
        try {
            ep.write(Callback.from(ep::close, x -> ep.close()), out);
        } catch (RuntimeException x) {
            ep.close(); // a write already pending: just drop the connection
        }
    }
}
