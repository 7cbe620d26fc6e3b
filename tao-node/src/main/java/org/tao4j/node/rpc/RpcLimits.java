package org.tao4j.node.rpc;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * The RPC port's resource bounds (docs/node.md "Limits"). Every client is assumed hostile: each
 * bound caps what one connection, one address, or all of them together can make the node hold.
 *
 * @param maxConnections TCP connections open at once (HTTP and WebSocket); at the cap the node stops
 *     accepting (new connections wait in the kernel's backlog) and the idle timeout of open
 *     connections drops to {@code limitedIdleTimeout}
 * @param maxConnectionsPerIp connections open at once from one remote address; one more is closed
 *     as soon as it is accepted
 * @param headerReadTimeout how long a request's headers may take: a new connection must send a
 *     complete request head within this time, and on a kept-alive connection a request whose bytes
 *     began arriving must be complete within about this time (checked every this often)
 * @param httpIdleTimeout an HTTP connection with no traffic either way for this long is closed
 * @param wsIdleTimeout a WebSocket with no traffic either way for this long is closed (1001)
 * @param limitedIdleTimeout the idle timeout while the connection cap is reached
 * @param maxSubscriptionsPerConnection subscriptions one WebSocket may hold (new heads and watched
 *     transactions together); one more is refused with {@link RpcErrors#LIMIT_EXCEEDED}
 * @param maxUnsentBytesPerConnection replies and notifications queued for one WebSocket but not yet
 *     taken by its client; beyond that the client is cut off (close code 1008)
 * @param maxUnsentBytesTotal the same over all WebSockets; beyond it, a connection that adds to it
 *     while holding more than {@code slowReaderBytes} unsent is cut off
 * @param slowReaderBytes see {@code maxUnsentBytesTotal}
 * @param maxOutgoingFrames frames queued for one WebSocket (Jetty's own bound, the count companion
 *     of {@code maxUnsentBytesPerConnection})
 * @param maxInFlightRequests requests of one WebSocket being handled at once; beyond it the node
 *     stops reading that socket until one finishes
 * @param maxInFlightBytes the same in bytes of request text
 * @param fanoutQueue notifications waiting for the fan-out thread
 * @param writeStallTimeout a WebSocket that has output waiting and takes none of it for this long is
 *     cut off (close code 1008), however little is waiting
 */
public record RpcLimits(
        int maxConnections,
        int maxConnectionsPerIp,
        Duration headerReadTimeout,
        Duration httpIdleTimeout,
        Duration wsIdleTimeout,
        Duration limitedIdleTimeout,
        int maxSubscriptionsPerConnection,
        long maxUnsentBytesPerConnection,
        long maxUnsentBytesTotal,
        long slowReaderBytes,
        int maxOutgoingFrames,
        int maxInFlightRequests,
        long maxInFlightBytes,
        int fanoutQueue,
        Duration writeStallTimeout) {

    /** The connection cap when the process may open many files. */
    public static final int MAX_CONNECTIONS = 1_000;

    public RpcLimits {
        if (maxConnections < 1
                || maxConnectionsPerIp < 1
                || maxSubscriptionsPerConnection < 1
                || maxUnsentBytesPerConnection < 1
                || maxUnsentBytesTotal < maxUnsentBytesPerConnection
                || maxOutgoingFrames < 1
                || maxInFlightRequests < 1
                || maxInFlightBytes < 1
                || fanoutQueue < 1) {
            throw new IllegalArgumentException(
                    "RPC limits must be positive (and the total unsent bound at least the" + " per-connection one)");
        }
    }

    /**
     * The defaults: 1,000 connections (at most half the process's file-descriptor limit, so the
     * database always has descriptors left), 64 per address, 10 s to send a request head, 30 s
     * HTTP and 120 s WebSocket idle timeouts (5 s at the cap), 1,024 subscriptions and 4 MiB unsent
     * per WebSocket, 128 MiB unsent over all of them, 512 requests / 16 MiB in flight per WebSocket,
     * 10 s for a WebSocket to take some of its waiting output.
     */
    public static RpcLimits defaults() {
        return new RpcLimits(
                connectionCap(MAX_CONNECTIONS, maxFileDescriptors()),
                64,
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                Duration.ofSeconds(120),
                Duration.ofSeconds(5),
                1_024,
                4L << 20,
                128L << 20,
                256L << 10,
                8_192,
                512,
                16L << 20,
                Fanout.DEFAULT_CAPACITY,
                Duration.ofSeconds(10));
    }

    /** {@code wanted}, but at most half of {@code maxFds} (when known, i.e. positive) and at least 16. */
    static int connectionCap(int wanted, long maxFds) {
        if (maxFds <= 0) {
            return wanted;
        }
        return (int) Math.max(16, Math.min(wanted, maxFds / 2));
    }

    static long maxFileDescriptors() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            return u.getMaxFileDescriptorCount();
        }
        return -1;
    }

    public RpcLimits withConnections(int total, int perIp) {
        return new RpcLimits(
                total,
                perIp,
                headerReadTimeout,
                httpIdleTimeout,
                wsIdleTimeout,
                limitedIdleTimeout,
                maxSubscriptionsPerConnection,
                maxUnsentBytesPerConnection,
                maxUnsentBytesTotal,
                slowReaderBytes,
                maxOutgoingFrames,
                maxInFlightRequests,
                maxInFlightBytes,
                fanoutQueue,
                writeStallTimeout);
    }

    public RpcLimits withTimeouts(Duration headerRead, Duration httpIdle, Duration wsIdle, Duration limitedIdle) {
        return new RpcLimits(
                maxConnections,
                maxConnectionsPerIp,
                headerRead,
                httpIdle,
                wsIdle,
                limitedIdle,
                maxSubscriptionsPerConnection,
                maxUnsentBytesPerConnection,
                maxUnsentBytesTotal,
                slowReaderBytes,
                maxOutgoingFrames,
                maxInFlightRequests,
                maxInFlightBytes,
                fanoutQueue,
                writeStallTimeout);
    }

    public RpcLimits withSubscriptions(int perConnection) {
        return new RpcLimits(
                maxConnections,
                maxConnectionsPerIp,
                headerReadTimeout,
                httpIdleTimeout,
                wsIdleTimeout,
                limitedIdleTimeout,
                perConnection,
                maxUnsentBytesPerConnection,
                maxUnsentBytesTotal,
                slowReaderBytes,
                maxOutgoingFrames,
                maxInFlightRequests,
                maxInFlightBytes,
                fanoutQueue,
                writeStallTimeout);
    }

    public RpcLimits withWriteStallTimeout(Duration d) {
        return new RpcLimits(
                maxConnections,
                maxConnectionsPerIp,
                headerReadTimeout,
                httpIdleTimeout,
                wsIdleTimeout,
                limitedIdleTimeout,
                maxSubscriptionsPerConnection,
                maxUnsentBytesPerConnection,
                maxUnsentBytesTotal,
                slowReaderBytes,
                maxOutgoingFrames,
                maxInFlightRequests,
                maxInFlightBytes,
                fanoutQueue,
                d);
    }

    public RpcLimits withUnsent(long perConnection, long total, long slowReader) {
        return new RpcLimits(
                maxConnections,
                maxConnectionsPerIp,
                headerReadTimeout,
                httpIdleTimeout,
                wsIdleTimeout,
                limitedIdleTimeout,
                maxSubscriptionsPerConnection,
                perConnection,
                total,
                slowReader,
                maxOutgoingFrames,
                maxInFlightRequests,
                maxInFlightBytes,
                fanoutQueue,
                writeStallTimeout);
    }
}
