package org.tao4j.sdk.axon;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;

/**
 * At most {@code perAddress} open connections from one remote IP address: one more is closed as
 * soon as it opens, before anything is read from it. The total is bounded separately (Jetty's
 * {@code NetworkConnectionLimit}, which stops accepting). Both maps hold only open connections
 * and their addresses, so neither has more entries than there are connections. A connection's
 * address is remembered at open: a closed channel no longer reports it.
 */
final class ConnectionCap implements Connection.Listener {
    private final int perAddress;
    private final HashMap<InetAddress, int[]> open = new HashMap<>();
    private final HashMap<Connection, InetAddress> addressOf = new HashMap<>();
    private final LongAdder refused = new LongAdder();

    ConnectionCap(int perAddress) {
        this.perAddress = perAddress;
    }

    @Override
    public void onOpened(Connection connection) {
        EndPoint ep = connection.getEndPoint();
        InetAddress a = address(ep.getRemoteSocketAddress());
        if (a == null) {
            return;
        }
        boolean over;
        synchronized (this) {
            if (addressOf.putIfAbsent(connection, a) != null) {
                return;
            }
            int[] n = open.computeIfAbsent(a, k -> new int[1]);
            over = ++n[0] > perAddress;
        }
        if (over) {
            ep.close(); // onClosed follows and gives its count back
            refused.increment();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        synchronized (this) {
            InetAddress a = addressOf.remove(connection);
            if (a == null) {
                return;
            }
            int[] n = open.get(a);
            if (n != null && --n[0] <= 0) {
                open.remove(a);
            }
        }
    }

    /** Connections closed because their address had too many open. */
    long refused() {
        return refused.sum();
    }

    synchronized int addresses() {
        return open.size();
    }

    synchronized int connections() {
        return addressOf.size();
    }

    private static InetAddress address(SocketAddress s) {
        return s instanceof InetSocketAddress i ? i.getAddress() : null;
    }
}
