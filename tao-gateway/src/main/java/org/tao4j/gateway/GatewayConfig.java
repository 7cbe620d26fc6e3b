package org.tao4j.gateway;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a gateway is started with. Every limit here is documented in docs/access.md.
 *
 * @param subnet which subnet's task the gateway sells: {@code forecast} or {@code text}
 * @param host address the HTTP server binds
 * @param port 0 for any free port
 * @param price rao per query
 * @param topK miners asked per query (the top by incentive)
 * @param claimThreshold claim once this many rao are unclaimed on a channel (and always before its deadline)
 * @param claimMargin claim at the latest this many blocks before a channel's claim deadline
 * @param dataDir where the vouchers are kept ({@code <dataDir>/vouchers})
 * @param queryTimeout per round of miner queries
 * @param queryBudget for a whole client query (a text query is one round per character)
 * @param maxConcurrent client queries served at once
 * @param maxQueued client queries waiting for a slot; beyond it, 429
 * @param queueWait longest a query waits for a slot before its 429
 * @param maxBodyBytes largest query body (413 beyond)
 * @param maxConnections open HTTP connections at once
 * @param idleTimeout a connection silent this long is closed (slow readers and writers are cut off)
 * @param maxChannels channels held in memory at once (normally bounded by the open channels to this gateway)
 * @param claimInterval how often the claim loop looks at the channels
 */
public record GatewayConfig(
        String subnet,
        int netuid,
        String host,
        int port,
        long price,
        int topK,
        long claimThreshold,
        long claimMargin,
        Path dataDir,
        Duration queryTimeout,
        Duration queryBudget,
        int maxConcurrent,
        int maxQueued,
        Duration queueWait,
        int maxBodyBytes,
        int maxConnections,
        Duration idleTimeout,
        int maxChannels,
        Duration claimInterval) {

    public static final long DEFAULT_PRICE = 1_000_000; // 0.001 TAO
    public static final int DEFAULT_TOP_K = 4;

    public GatewayConfig {
        if (!subnet.equals("forecast") && !subnet.equals("text")) {
            throw new IllegalArgumentException("--subnet must be forecast or text, got '" + subnet + "'");
        }
        check(netuid >= 1 && netuid < 65536, "--netuid must be 1 to 65535");
        check(port >= 0 && port < 65536, "--port must be 0 to 65535");
        check(price >= 1, "--price must be at least 1 rao");
        check(topK >= 1 && topK <= 64, "--top-k must be 1 to 64");
        check(claimThreshold >= 1, "--claim-threshold must be at least 1 rao");
        check(claimMargin >= 1, "the claim margin must be at least 1 block");
        check(maxConcurrent >= 1 && maxConcurrent <= 1024, "--max-concurrent must be 1 to 1024");
        check(maxQueued >= 0 && maxQueued <= 4096, "--max-queued must be 0 to 4096");
        check(maxBodyBytes >= 1024 && maxBodyBytes <= 16 << 20, "the body limit must be 1 KiB to 16 MiB");
        check(maxConnections >= 1, "max connections must be >= 1");
        check(maxChannels >= 1, "max channels must be >= 1");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The defaults for a subnet and netuid: port 8095, price 0.001 TAO, top 4 miners, claim at 0.1 TAO. */
    public static GatewayConfig defaults(String subnet, int netuid, Path dataDir) {
        return new GatewayConfig(
                subnet,
                netuid,
                "0.0.0.0",
                8095,
                DEFAULT_PRICE,
                DEFAULT_TOP_K,
                100_000_000,
                10,
                dataDir,
                Duration.ofSeconds(5),
                Duration.ofSeconds(120),
                64,
                256,
                Duration.ofSeconds(2),
                256 * 1024,
                1024,
                Duration.ofSeconds(30),
                100_000,
                Duration.ofSeconds(1));
    }

    public GatewayConfig withHost(String h) {
        return new GatewayConfig(
                subnet,
                netuid,
                h,
                port,
                price,
                topK,
                claimThreshold,
                claimMargin,
                dataDir,
                queryTimeout,
                queryBudget,
                maxConcurrent,
                maxQueued,
                queueWait,
                maxBodyBytes,
                maxConnections,
                idleTimeout,
                maxChannels,
                claimInterval);
    }

    public GatewayConfig withPort(int p) {
        return new GatewayConfig(
                subnet,
                netuid,
                host,
                p,
                price,
                topK,
                claimThreshold,
                claimMargin,
                dataDir,
                queryTimeout,
                queryBudget,
                maxConcurrent,
                maxQueued,
                queueWait,
                maxBodyBytes,
                maxConnections,
                idleTimeout,
                maxChannels,
                claimInterval);
    }

    public GatewayConfig withPrice(long p) {
        return new GatewayConfig(
                subnet,
                netuid,
                host,
                port,
                p,
                topK,
                claimThreshold,
                claimMargin,
                dataDir,
                queryTimeout,
                queryBudget,
                maxConcurrent,
                maxQueued,
                queueWait,
                maxBodyBytes,
                maxConnections,
                idleTimeout,
                maxChannels,
                claimInterval);
    }

    public GatewayConfig withTopK(int k) {
        return new GatewayConfig(
                subnet,
                netuid,
                host,
                port,
                price,
                k,
                claimThreshold,
                claimMargin,
                dataDir,
                queryTimeout,
                queryBudget,
                maxConcurrent,
                maxQueued,
                queueWait,
                maxBodyBytes,
                maxConnections,
                idleTimeout,
                maxChannels,
                claimInterval);
    }

    public GatewayConfig withClaimThreshold(long t) {
        return new GatewayConfig(
                subnet,
                netuid,
                host,
                port,
                price,
                topK,
                t,
                claimMargin,
                dataDir,
                queryTimeout,
                queryBudget,
                maxConcurrent,
                maxQueued,
                queueWait,
                maxBodyBytes,
                maxConnections,
                idleTimeout,
                maxChannels,
                claimInterval);
    }

    public GatewayConfig withClaimMargin(long m) {
        return new GatewayConfig(
                subnet,
                netuid,
                host,
                port,
                price,
                topK,
                claimThreshold,
                m,
                dataDir,
                queryTimeout,
                queryBudget,
                maxConcurrent,
                maxQueued,
                queueWait,
                maxBodyBytes,
                maxConnections,
                idleTimeout,
                maxChannels,
                claimInterval);
    }

    public GatewayConfig withConcurrency(int concurrent, int queued, Duration wait) {
        return new GatewayConfig(
                subnet,
                netuid,
                host,
                port,
                price,
                topK,
                claimThreshold,
                claimMargin,
                dataDir,
                queryTimeout,
                queryBudget,
                concurrent,
                queued,
                wait,
                maxBodyBytes,
                maxConnections,
                idleTimeout,
                maxChannels,
                claimInterval);
    }

    public GatewayConfig withQueryTimeout(Duration t) {
        return new GatewayConfig(
                subnet,
                netuid,
                host,
                port,
                price,
                topK,
                claimThreshold,
                claimMargin,
                dataDir,
                t,
                queryBudget,
                maxConcurrent,
                maxQueued,
                queueWait,
                maxBodyBytes,
                maxConnections,
                idleTimeout,
                maxChannels,
                claimInterval);
    }

    public GatewayConfig withMaxChannels(int n) {
        return new GatewayConfig(
                subnet,
                netuid,
                host,
                port,
                price,
                topK,
                claimThreshold,
                claimMargin,
                dataDir,
                queryTimeout,
                queryBudget,
                maxConcurrent,
                maxQueued,
                queueWait,
                maxBodyBytes,
                maxConnections,
                idleTimeout,
                n,
                claimInterval);
    }

    public GatewayConfig withClaimInterval(Duration d) {
        return new GatewayConfig(
                subnet,
                netuid,
                host,
                port,
                price,
                topK,
                claimThreshold,
                claimMargin,
                dataDir,
                queryTimeout,
                queryBudget,
                maxConcurrent,
                maxQueued,
                queueWait,
                maxBodyBytes,
                maxConnections,
                idleTimeout,
                maxChannels,
                d);
    }
}
