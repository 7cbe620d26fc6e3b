package org.tao4j.node.rpc;

import java.net.InetAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RPC port's per-address connection cap and header-read timeout, on Jetty's own hooks (its
 * accept listener, connection listener and scheduler); the total cap is Jetty's
 * {@link org.eclipse.jetty.server.NetworkConnectionLimit}.
 *
 * <ul>
 *   <li>Per address: the connections open from each remote address are counted as they are accepted
 *       and closed; a connection beyond {@link RpcLimits#maxConnectionsPerIp()} is closed as soon as
 *       it is accepted, before anything is read from it.
 *   <li>Header read: a new connection must complete a request head (or a WebSocket upgrade) within
 *       {@link RpcLimits#headerReadTimeout()}; on a kept-alive HTTP connection, a request whose bytes
 *       keep arriving without completing for two checks in a row (checked every header-read timeout)
 *       is cut. A client that trickles its headers a byte at a time (slow-loris) thus holds a
 *       connection for 10 to 20 s, not for as long as it likes. A new connection that sends nothing is
 *       closed after the header-read timeout too; a kept-alive one that sends nothing after its last
 *       response is left to the idle timeout.
 * </ul>
 *
 * <p>Both maps hold one entry per open connection (at most {@link RpcLimits#maxConnections()}, which
 * Jetty enforces before accepting); entries go when the connection closes.
 */
final class ConnectionGuard implements SelectorManager.AcceptListener, Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final RpcLimits limits;
    private final Scheduler scheduler;
    /** Guarded by itself: accepted channel -> its remote address. */
    private final Map<SelectableChannel, InetAddress> channels = new HashMap<>();
    /** Guarded by {@link #channels}: open connections per remote address. */
    private final Map<InetAddress, Integer> perIp = new HashMap<>();
    /** Open HTTP connections (not yet upgraded to WebSocket) and their request-head state. */
    private final Map<Connection, Head> http = new ConcurrentHashMap<>();

    private final AtomicLong refusedCount = new AtomicLong();
    private final AtomicLong headerTimeouts = new AtomicLong();

    /** One HTTP connection's request-head progress. */
    private static final class Head {
        volatile boolean busy;
        volatile long requests;
        long requestsAtCheck;
        long bytesAtCheck;
        boolean partialAtCheck;
    }

    private final BooleanSupplier atCap;

    /**
     * @param atCap whether the total cap is reached now: Jetty's limit shortens the idle timeout of
     *     the connections open when the cap is reached, and this applies it to those that open after
     *     (the ones accepted in the same moment)
     */
    ConnectionGuard(RpcLimits limits, Scheduler scheduler, BooleanSupplier atCap) {
        this.limits = limits;
        this.scheduler = scheduler;
        this.atCap = atCap;
    }

    long refused() {
        return refusedCount.get();
    }

    long headerTimeouts() {
        return headerTimeouts.get();
    }

    // ------------------------------------------------------------------ per-address cap

    @Override
    public void onAccepted(SelectableChannel channel) {
        InetAddress ip = channel instanceof SocketChannel sc ? sc.socket().getInetAddress() : null;
        if (ip == null) {
            return;
        }
        boolean refuse;
        synchronized (channels) {
            refuse = perIp.getOrDefault(ip, 0) >= limits.maxConnectionsPerIp();
            if (!refuse) {
                channels.put(channel, ip);
                perIp.merge(ip, 1, Integer::sum);
            }
        }
        if (refuse) {
            // closed before Jetty reads from it; Jetty sees the closed channel and drops it (onAcceptFailed
            // or onClosed, which find nothing to uncount)
            long n = refusedCount.incrementAndGet();
            if (n == 1 || n % 1_000 == 0) {
                LOG.warn(
                        "RPC: connection from {} refused: at most {} connections per address ({} refused so far)",
                        ip.getHostAddress(),
                        limits.maxConnectionsPerIp(),
                        n);
            }
            try {
                channel.close();
            } catch (java.io.IOException e) {
                // closing anyway
            }
        }
    }

    @Override
    public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
        onClosed(channel);
    }

    @Override
    public void onClosed(SelectableChannel channel) {
        synchronized (channels) {
            InetAddress ip = channels.remove(channel);
            if (ip != null) {
                perIp.computeIfPresent(ip, (k, v) -> v <= 1 ? null : v - 1);
            }
        }
    }

    /** Connections open from {@code ip} now. */
    int connectionsFrom(InetAddress ip) {
        synchronized (channels) {
            return perIp.getOrDefault(ip, 0);
        }
    }

    // ------------------------------------------------------------------ connection listener

    @Override
    public void onOpened(Connection connection) {
        EndPoint ep = connection.getEndPoint();
        if (!ep.isOpen()) {
            return;
        }
        if (atCap.getAsBoolean()) {
            ep.setIdleTimeout(limits.limitedIdleTimeout().toMillis());
        }
        if (isHttp(connection)) {
            Head h = new Head();
            http.put(connection, h);
            schedule(connection, h);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        http.remove(connection);
    }

    private static boolean isHttp(Connection c) {
        return c.getClass().getName().startsWith("org.eclipse.jetty.server.");
    }

    // ------------------------------------------------------------------ header-read timeout

    private void schedule(Connection c, Head h) {
        scheduler.schedule(() -> check(c, h), limits.headerReadTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check(Connection c, Head h) {
        if (http.get(c) != h) {
            return; // closed
        }
        if (c.getEndPoint().getConnection() != c || !c.getEndPoint().isOpen()) {
            http.remove(c, h); // upgraded to a WebSocket, or closed
            return;
        }
        if (!h.busy) {
            long requests = h.requests;
            long bytes = c.getBytesIn();
            if (requests == 0) {
                timeOut(
                        c,
                        "no complete request head within "
                                + limits.headerReadTimeout().toSeconds() + " s of connecting");
                return;
            }
            boolean partial = requests == h.requestsAtCheck && bytes > h.bytesAtCheck;
            if (partial && h.partialAtCheck) {
                timeOut(
                        c,
                        "a request head still incomplete after "
                                + limits.headerReadTimeout().toSeconds() + " s");
                return;
            }
            h.partialAtCheck = partial;
            h.requestsAtCheck = requests;
            h.bytesAtCheck = bytes;
        } else {
            h.partialAtCheck = false;
            h.requestsAtCheck = h.requests;
        }
        schedule(c, h);
    }

    private void timeOut(Connection c, String why) {
        long n = headerTimeouts.incrementAndGet();
        if (n == 1 || n % 1_000 == 0) {
            LOG.warn(
                    "RPC: connection from {} closed: {} ({} so far)",
                    c.getEndPoint().getRemoteSocketAddress(),
                    why,
                    n);
        }
        http.remove(c);
        c.getEndPoint().close();
    }

    /** Marks a request as being handled (its head is complete) until its response is done. */
    Handler wrap(Handler next) {
        return new Handler.Wrapper(next) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Head h = http.get(request.getConnectionMetaData().getConnection());
                if (h == null) {
                    return super.handle(request, response, callback);
                }
                h.busy = true;
                h.requests++;
                Connection c = request.getConnectionMetaData().getConnection();
                Callback done = new Callback() {
                    @Override
                    public void succeeded() {
                        idle();
                        callback.succeeded();
                    }

                    @Override
                    public void failed(Throwable x) {
                        idle();
                        callback.failed(x);
                    }

                    private void idle() {
                        h.busy = false;
                        h.bytesAtCheck = c.getBytesIn();
                        h.requestsAtCheck = h.requests;
                        h.partialAtCheck = false;
                    }

                    @Override
                    public InvocationType getInvocationType() {
                        return callback.getInvocationType();
                    }
                };
                try {
                    boolean handled = super.handle(request, response, done);
                    if (!handled) {
                        h.busy = false;
                    }
                    return handled;
                } catch (Exception | Error e) {
                    h.busy = false;
                    throw e;
                }
            }
        };
    }
}
