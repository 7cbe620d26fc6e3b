package org.tao4j.node;

import java.nio.file.Path;
import java.time.Duration;
import org.tao4j.node.blockstore.ChainStore;
import org.tao4j.node.pool.TransactionPool;

/**
 * Every option of a node. The CLI ({@code tao node}) and embedders (the devnet, tests) build one
 * and call {@link Node#start}; {@link NodeMain} parses the same options from a command line.
 *
 * @param dev run the built-in development chain ({@code --dev}); otherwise {@code chainSpec} is required
 * @param chainSpec a chain spec JSON file ({@code --chain FILE})
 * @param basePath the data directory ({@code --base-path}); null: {@code ~/.tao/chains/<chain id>}
 * @param tmp use a fresh temporary data directory, deleted on close ({@code --tmp})
 * @param blockTime time between blocks ({@code --block-time}, e.g. "250ms", "12s"); null: 12 s on a live chain, 250 ms otherwise
 * @param instant seal a block as soon as a transaction arrives instead of on a timer ({@code --instant})
 * @param poolLimit the transaction pool's bound ({@code --pool-limit}, default 8,192)
 * @param statePruning recent states kept for queries ({@code --state-pruning N}, default 256), or {@link ChainStore#ARCHIVE}
 * @param rpcPort JSON-RPC HTTP + WebSocket port ({@code --rpc-port}, default 9944; 0 = any free port; -1 = no RPC)
 * @param rpcExternal listen on all interfaces instead of 127.0.0.1 ({@code --rpc-external})
 * @param metricsPort Prometheus port ({@code --metrics-port}, default 9615; 0 = any free port; -1 = none)
 * @param authorityKey this node's authoring key: a dev account name ("//Alice", non-live chains only) or
 *     a file holding a 32-byte ed25519 seed as hex ({@code --authority}); null: Alice on {@code --dev}, else none
 * @param maxBlockExtrinsics the most transactions one block takes ({@code --max-block-extrinsics}, default 10,000)
 * @param syncWrites fsync every block commit (default true; {@code --no-sync} trades machine-crash durability for speed)
 * @param explorer serve the block explorer at {@code http://<rpc host>:<rpc port>/} (default true; {@code --no-explorer})
 * @param sync how a node that is not an authority follows the chain: its sync peers and mode
 */
public record NodeConfig(
        boolean dev,
        Path chainSpec,
        Path basePath,
        boolean tmp,
        Duration blockTime,
        boolean instant,
        int poolLimit,
        int statePruning,
        int rpcPort,
        boolean rpcExternal,
        int metricsPort,
        String authorityKey,
        int maxBlockExtrinsics,
        boolean syncWrites,
        boolean explorer,
        SyncOptions sync) {

    public static final int DEFAULT_RPC_PORT = 9944;
    public static final int DEFAULT_METRICS_PORT = 9615;
    public static final int DEFAULT_STATE_PRUNING = 256;
    public static final int DEFAULT_MAX_BLOCK_EXTRINSICS = 10_000;
    public static final Duration DEV_BLOCK_TIME = Duration.ofMillis(250);
    public static final Duration LIVE_BLOCK_TIME = Duration.ofSeconds(12);

    public NodeConfig {
        if (!dev && chainSpec == null) {
            throw new IllegalArgumentException("give --dev or --chain FILE");
        }
        if (dev && chainSpec != null) {
            throw new IllegalArgumentException("give either --dev or --chain FILE, not both");
        }
        if (blockTime != null && (blockTime.isNegative() || blockTime.isZero())) {
            throw new IllegalArgumentException("--block-time must be positive");
        }
        if (poolLimit < 1) {
            throw new IllegalArgumentException("--pool-limit must be at least 1");
        }
        if (statePruning != ChainStore.ARCHIVE && statePruning < 1) {
            throw new IllegalArgumentException("--state-pruning keeps at least 1 state, or 'archive'");
        }
        if (rpcPort < -1 || rpcPort > 65_535 || metricsPort < -1 || metricsPort > 65_535) {
            throw new IllegalArgumentException("ports are 0-65535 (0 = any free port, -1 = off)");
        }
        if (sync == null) {
            sync = SyncOptions.NONE;
        }
        if (maxBlockExtrinsics < 1) {
            throw new IllegalArgumentException("--max-block-extrinsics must be at least 1");
        }
    }

    /** A {@code --dev} node with every default. */
    public static NodeConfig forDev() {
        return new NodeConfig(
                true,
                null,
                null,
                false,
                null,
                false,
                TransactionPool.DEFAULT_LIMIT,
                DEFAULT_STATE_PRUNING,
                DEFAULT_RPC_PORT,
                false,
                DEFAULT_METRICS_PORT,
                null,
                DEFAULT_MAX_BLOCK_EXTRINSICS,
                true,
                true,
                SyncOptions.NONE);
    }

    /** A node of the chain in {@code spec} with every default. */
    public static NodeConfig forChain(Path spec) {
        return new NodeConfig(
                false,
                spec,
                null,
                false,
                null,
                false,
                TransactionPool.DEFAULT_LIMIT,
                DEFAULT_STATE_PRUNING,
                DEFAULT_RPC_PORT,
                false,
                DEFAULT_METRICS_PORT,
                null,
                DEFAULT_MAX_BLOCK_EXTRINSICS,
                true,
                true,
                SyncOptions.NONE);
    }

    public NodeConfig withBasePath(Path p) {
        return new NodeConfig(
                dev,
                chainSpec,
                p,
                tmp,
                blockTime,
                instant,
                poolLimit,
                statePruning,
                rpcPort,
                rpcExternal,
                metricsPort,
                authorityKey,
                maxBlockExtrinsics,
                syncWrites,
                explorer,
                sync);
    }

    public NodeConfig withTmp(boolean t) {
        return new NodeConfig(
                dev,
                chainSpec,
                basePath,
                t,
                blockTime,
                instant,
                poolLimit,
                statePruning,
                rpcPort,
                rpcExternal,
                metricsPort,
                authorityKey,
                maxBlockExtrinsics,
                syncWrites,
                explorer,
                sync);
    }

    public NodeConfig withBlockTime(Duration d) {
        return new NodeConfig(
                dev,
                chainSpec,
                basePath,
                tmp,
                d,
                instant,
                poolLimit,
                statePruning,
                rpcPort,
                rpcExternal,
                metricsPort,
                authorityKey,
                maxBlockExtrinsics,
                syncWrites,
                explorer,
                sync);
    }

    public NodeConfig withInstant(boolean i) {
        return new NodeConfig(
                dev,
                chainSpec,
                basePath,
                tmp,
                blockTime,
                i,
                poolLimit,
                statePruning,
                rpcPort,
                rpcExternal,
                metricsPort,
                authorityKey,
                maxBlockExtrinsics,
                syncWrites,
                explorer,
                sync);
    }

    public NodeConfig withPoolLimit(int n) {
        return new NodeConfig(
                dev,
                chainSpec,
                basePath,
                tmp,
                blockTime,
                instant,
                n,
                statePruning,
                rpcPort,
                rpcExternal,
                metricsPort,
                authorityKey,
                maxBlockExtrinsics,
                syncWrites,
                explorer,
                sync);
    }

    public NodeConfig withStatePruning(int n) {
        return new NodeConfig(
                dev,
                chainSpec,
                basePath,
                tmp,
                blockTime,
                instant,
                poolLimit,
                n,
                rpcPort,
                rpcExternal,
                metricsPort,
                authorityKey,
                maxBlockExtrinsics,
                syncWrites,
                explorer,
                sync);
    }

    public NodeConfig withRpc(int port, boolean external) {
        return new NodeConfig(
                dev,
                chainSpec,
                basePath,
                tmp,
                blockTime,
                instant,
                poolLimit,
                statePruning,
                port,
                external,
                metricsPort,
                authorityKey,
                maxBlockExtrinsics,
                syncWrites,
                explorer,
                sync);
    }

    public NodeConfig withMetricsPort(int port) {
        return new NodeConfig(
                dev,
                chainSpec,
                basePath,
                tmp,
                blockTime,
                instant,
                poolLimit,
                statePruning,
                rpcPort,
                rpcExternal,
                port,
                authorityKey,
                maxBlockExtrinsics,
                syncWrites,
                explorer,
                sync);
    }

    public NodeConfig withAuthorityKey(String key) {
        return new NodeConfig(
                dev,
                chainSpec,
                basePath,
                tmp,
                blockTime,
                instant,
                poolLimit,
                statePruning,
                rpcPort,
                rpcExternal,
                metricsPort,
                key,
                maxBlockExtrinsics,
                syncWrites,
                explorer,
                sync);
    }

    public NodeConfig withMaxBlockExtrinsics(int n) {
        return new NodeConfig(
                dev,
                chainSpec,
                basePath,
                tmp,
                blockTime,
                instant,
                poolLimit,
                statePruning,
                rpcPort,
                rpcExternal,
                metricsPort,
                authorityKey,
                n,
                syncWrites,
                explorer,
                sync);
    }

    public NodeConfig withSyncWrites(boolean s) {
        return new NodeConfig(
                dev,
                chainSpec,
                basePath,
                tmp,
                blockTime,
                instant,
                poolLimit,
                statePruning,
                rpcPort,
                rpcExternal,
                metricsPort,
                authorityKey,
                maxBlockExtrinsics,
                s,
                explorer,
                sync);
    }

    public NodeConfig withExplorer(boolean e) {
        return new NodeConfig(
                dev,
                chainSpec,
                basePath,
                tmp,
                blockTime,
                instant,
                poolLimit,
                statePruning,
                rpcPort,
                rpcExternal,
                metricsPort,
                authorityKey,
                maxBlockExtrinsics,
                syncWrites,
                e,
                sync);
    }

    public NodeConfig withSync(SyncOptions s) {
        return new NodeConfig(
                dev,
                chainSpec,
                basePath,
                tmp,
                blockTime,
                instant,
                poolLimit,
                statePruning,
                rpcPort,
                rpcExternal,
                metricsPort,
                authorityKey,
                maxBlockExtrinsics,
                syncWrites,
                explorer,
                s);
    }

    /**
     * How a node without an authority key keeps up with the chain (docs/network.md, "Sync protocol").
     *
     * @param peers sync peers' RPC addresses ({@code --sync-peer ws://host:port}, repeatable; at most
     *     {@link org.tao4j.node.sync.SyncPeers#MAX_PEERS})
     * @param warp {@code --sync warp}: start from the state of a recent finalized block instead of
     *     re-running every block from genesis
     */
    public record SyncOptions(java.util.List<java.net.URI> peers, boolean warp) {
        public static final SyncOptions NONE = new SyncOptions(java.util.List.of(), false);

        public SyncOptions {
            peers = java.util.List.copyOf(peers);
            if (peers.size() > org.tao4j.node.sync.SyncPeers.MAX_PEERS) {
                throw new IllegalArgumentException(
                        "at most " + org.tao4j.node.sync.SyncPeers.MAX_PEERS + " --sync-peer addresses");
            }
        }

        public SyncOptions withPeer(java.net.URI peer) {
            java.util.List<java.net.URI> l = new java.util.ArrayList<>(peers);
            l.add(peer);
            return new SyncOptions(l, warp);
        }

        public SyncOptions withWarp(boolean w) {
            return new SyncOptions(peers, w);
        }
    }

    /** The default data directory of a chain: {@code ~/.tao/chains/<id>}. */
    public static Path defaultBasePath(String chainId) {
        String home = System.getenv("HOME"); // $HOME first, as the rest of the CLI (~ as a shell sees it)
        return Path.of(
                home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".tao", "chains", chainId);
    }
}
