package org.tao4j.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.node.health.FaultInjection;
import org.tao4j.node.health.NodeHealth;
import org.tao4j.node.metrics.MetricsServer;
import org.tao4j.node.metrics.NodeMetrics;
import org.tao4j.node.pool.TransactionPool;
import org.tao4j.node.production.BlockAuthoring;
import org.tao4j.node.production.Chain;
import org.tao4j.node.production.ImportedBlock;
import org.tao4j.node.production.SingleAuthority;
import org.tao4j.node.rpc.Fanout;
import org.tao4j.node.rpc.JsonRpcDispatcher;
import org.tao4j.node.rpc.JsonRpcServer;
import org.tao4j.node.rpc.NewHeads;
import org.tao4j.node.rpc.NodeServices;
import org.tao4j.node.rpc.RpcMethods;
import org.tao4j.runtime.event.Event;

/**
 * A running node: chain (RocksDB), transaction pool, block authoring, JSON-RPC server and metrics.
 * Start one with {@link #start(NodeConfig)}; {@link #close()} shuts it down gracefully (stop
 * authoring after the block in progress, stop serving, close the database). Usable embedded (the
 * devnet, tests) or as a process through {@link NodeMain}.
 */
public final class Node implements AutoCloseable {

    public static final String NAME = "tao4j";
    public static final String VERSION = "0.1.0";

    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    private static final Logger BLOCKS = LoggerFactory.getLogger("org.tao4j.node.blocks");

    private final NodeConfig config;
    private final Chain chain;
    private final TransactionPool pool;
    private final NodeMetrics metrics;
    private final BlockAuthoring authoring;
    private final JsonRpcServer rpc;
    private final MetricsServer metricsServer;
    private final JsonRpcDispatcher dispatcher;
    private final Path basePath;
    private final boolean deleteOnClose;
    private boolean closed;
    /** The account index, or null with {@code --index none}; closed before the chain. */
    private org.tao4j.node.index.AccountIndex accountIndex;

    private Node(
            NodeConfig config,
            Chain chain,
            TransactionPool pool,
            NodeMetrics metrics,
            BlockAuthoring authoring,
            JsonRpcServer rpc,
            MetricsServer metricsServer,
            JsonRpcDispatcher dispatcher,
            Path basePath,
            boolean deleteOnClose) {
        this.config = config;
        this.chain = chain;
        this.pool = pool;
        this.metrics = metrics;
        this.authoring = authoring;
        this.rpc = rpc;
        this.metricsServer = metricsServer;
        this.dispatcher = dispatcher;
        this.basePath = basePath;
        this.deleteOnClose = deleteOnClose;
    }

    /** How long a full node may go without progress (a block, or a wait for its peer) before it is unhealthy. */
    static final Duration FULL_NODE_STALL = Duration.ofSeconds(30);

    /** Starts a node; on failure everything opened so far is closed again. */
    public static Node start(NodeConfig config) throws NodeStartException {
        return start(config, (NodePlugin) null);
    }

    /**
     * Starts a node whose full-node sync also takes peers from {@code extraPeers} (e.g. the chain
     * spec's bootnodes, supplied by the network layer).
     */
    public static Node start(NodeConfig config, org.tao4j.node.sync.SyncPeers extraPeers) throws NodeStartException {
        return start(config, new NodePlugin() {
            @Override
            public BlockAuthoring authoring(Context ctx) {
                return null;
            }

            @Override
            public org.tao4j.node.sync.SyncPeers syncPeers(ChainSpec spec) {
                return extraPeers;
            }
        });
    }

    /**
     * Starts a node whose block authoring and full-node sync peers {@code plugin} may provide (null: the
     * defaults); on failure everything opened so far is closed again.
     */
    public static Node start(NodeConfig config, NodePlugin plugin) throws NodeStartException {
        org.tao4j.node.sync.SyncPeers extraPeers = java.util.List::of;
        ChainSpec spec;
        try {
            spec = config.dev() ? ChainSpec.dev() : ChainSpec.read(config.chainSpec());
            spec.genesisConfig(); // refuses a live chain with endowments or sudo, in one line
        } catch (IllegalArgumentException e) {
            throw new NodeStartException(e.getMessage(), e);
        }
        Path base;
        boolean tmp = config.tmp();
        try {
            base = tmp
                    ? Files.createTempDirectory("tao-node-" + spec.id() + "-")
                    : config.basePath() != null ? config.basePath() : NodeConfig.defaultBasePath(spec.id());
        } catch (IOException e) {
            throw new NodeStartException("cannot create a temporary data directory: " + e.getMessage(), e);
        }
        Ed25519.KeyPair key;
        try {
            key = authorityKey(config, spec);
        } catch (IllegalArgumentException e) {
            if (tmp) {
                deleteTree(base); // --tmp: a node that does not start leaves no directory behind
            }
            throw new NodeStartException(e.getMessage(), e);
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Chain chain = Chain.open(spec, base.resolve("db"), config.syncWrites(), config.statePruning());
            opened.add(chain);
            org.tao4j.node.index.AccountIndex accountIndex = null;
            if (config.accountIndex()) {
                accountIndex = org.tao4j.node.index.AccountIndex.open(
                        base.resolve("index").resolve("accounts"), chain.store());
                opened.add(accountIndex);
                chain.addListener(accountIndex);
            }
            NodeMetrics metrics = new NodeMetrics();
            TransactionPool pool = new TransactionPool(
                    chain.runtime(),
                    () -> new TransactionPool.Head(
                            chain.headState(), chain.head().number()),
                    config.poolLimit());
            metrics.poolSize(pool::size, pool::readyCount);
            metrics.height(chain.head().number());
            Duration blockTime = config.blockTime() != null
                    ? config.blockTime()
                    : spec.live() ? NodeConfig.LIVE_BLOCK_TIME : NodeConfig.DEV_BLOCK_TIME;
            BlockAuthoring authoring;
            boolean authors = key != null && spec.isAuthority(AccountId.of(key.publicKey()));
            // a full node's clock is the sync loop (it reports progress while it waits for its peer)
            NodeHealth health = new NodeHealth(chain.store()::fault, authors ? blockTime : FULL_NODE_STALL);
            BlockAuthoring plugged = plugin == null
                    ? null
                    : plugin.authoring(
                            new NodePlugin.Context(config, base, chain, pool, key, blockTime, health, metrics));
            if (plugin != null) {
                extraPeers = plugin.syncPeers(spec);
            }
            if (plugged != null) {
                authoring = plugged;
                opened.add(authoring);
            } else if (authors) {
                authoring = new SingleAuthority(
                        chain,
                        pool,
                        key,
                        blockTime,
                        config.instant(),
                        config.maxBlockExtrinsics(),
                        Clock.systemUTC(),
                        health);
            } else {
                if (key != null) {
                    LOG.warn(
                            "key {} is not an authority of chain '{}': this node will not author blocks",
                            AccountId.of(key.publicKey()),
                            spec.name());
                } else {
                    LOG.info("no authority key: this node will not author blocks");
                }
                authoring = null; // a full node: its sync loop (below, once the pool is wired)
            }
            org.tao4j.node.sync.SyncState syncState = authoring instanceof org.tao4j.node.sync.SyncState st
                    ? st // a networked authority reports its own peers
                    : org.tao4j.node.sync.SyncState.NONE;
            if (authoring == null) {
                var full = new org.tao4j.node.sync.FullSync(
                        chain,
                        pool,
                        org.tao4j.node.sync.SyncPeers.of(config.sync().peers()).and(extraPeers),
                        config.sync().warp(),
                        health);
                authoring = full;
                syncState = full;
                LOG.info(
                        "full node: syncing {} from {}",
                        config.sync().warp() ? "(warp)" : "(full)",
                        config.sync().peers().isEmpty()
                                ? "the peers the network supplies"
                                : config.sync().peers());
            }
            Fanout fanout = new Fanout("rpc-fanout", Fanout.DEFAULT_CAPACITY);
            opened.add(fanout);
            NewHeads newHeads = new NewHeads(fanout);
            NewHeads finalizedHeads = NewHeads.finalized(fanout, h -> {
                try (var v = chain.store().view()) {
                    return v.header(h);
                }
            });
            chain.addListener(finalizedHeads);
            var warp = new org.tao4j.node.sync.WarpPoints(chain.store());
            chain.addListener(warp);
            opened.add(warp);
            chain.addListener(b -> health.progress());
            var fault = FaultInjection.fromSystemProperty();
            if (fault != null) {
                chain.addListener(fault);
            }
            chain.addListener(
                    b -> pool.onBlock(b.hash(), b.number(), b.extrinsicHashes(), b.invalid(), chain.headState()));
            chain.addListener(b -> onBlock(metrics, b));
            chain.addListener(newHeads);
            NodeServices services = new NodeServices(
                    chain, pool, authoring, metrics, newHeads, NAME, VERSION, health, finalizedHeads, warp, syncState);
            RpcMethods methods = RpcMethods.standard();
            methods.register(new org.tao4j.node.rpc.methods.TaoGetAccountHistory(accountIndex));
            methods.register(new org.tao4j.node.rpc.methods.TaoGetGovernanceHistory(accountIndex));
            methods.register(new org.tao4j.node.rpc.methods.TaoSimulateYuma());
            JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(methods, services);
            String host = config.rpcExternal() ? "0.0.0.0" : "127.0.0.1";
            JsonRpcServer rpc = null;
            if (config.rpcPort() >= 0) {
                rpc = new JsonRpcServer(
                        dispatcher,
                        host,
                        config.rpcPort(),
                        org.tao4j.node.rpc.RpcLimits.defaults(),
                        config.explorer() ? new org.tao4j.explorer.ExplorerHandler() : null);
                opened.add(rpc);
                rpc.start();
            }
            MetricsServer ms = null;
            if (config.metricsPort() >= 0) {
                ms = new MetricsServer(metrics, host, config.metricsPort());
                opened.add(ms);
                ms.start();
            }
            authoring.start();
            var head = chain.head();
            LOG.info(
                    "chain '{}' genesis={} head=#{} {} base-path={} pruning={}",
                    spec.name(),
                    chain.genesisHash(),
                    head.number(),
                    head.hash(),
                    base,
                    config.statePruning() < 0 ? "archive" : config.statePruning());
            if (rpc != null) {
                LOG.info("RPC listening on {}:{} (HTTP and WebSocket)", host, rpc.port());
                if (config.explorer()) {
                    LOG.info("explorer on http://{}:{}/", "0.0.0.0".equals(host) ? "127.0.0.1" : host, rpc.port());
                }
            }
            if (ms != null) {
                LOG.info("metrics on http://{}:{}/metrics", host, ms.port());
            }
            Node node = new Node(config, chain, pool, metrics, authoring, rpc, ms, dispatcher, base, tmp);
            node.accountIndex = accountIndex;
            return node;
        } catch (Exception e) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (tmp) {
                deleteTree(base); // --tmp: a node that does not start (e.g. a busy port) leaves no directory behind
            }
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            if (e instanceof IOException || e.getCause() instanceof java.net.BindException) {
                msg = "cannot listen: " + msg + " (is another node using the port? see --rpc-port/--metrics-port)";
            }
            throw new NodeStartException(msg, e);
        }
    }

    private static void onBlock(NodeMetrics metrics, ImportedBlock b) {
        int epochs = 0;
        for (Event e : b.events()) {
            if (e instanceof Event.EpochRun || e instanceof Event.RootEpochRun) {
                epochs++;
            }
        }
        metrics.block(
                b.number(),
                b.block().header().timestamp(),
                b.block().extrinsics().size(),
                b.seconds());
        for (int netuid : b.epochNetuids()) {
            metrics.epoch(netuid, b.finishSeconds());
        }
        if (BLOCKS.isInfoEnabled()) {
            String hex = b.hash().toHex();
            BLOCKS.info(
                    "#{} {}… {} txs, {} epochs, {} ms",
                    b.number(),
                    hex.substring(0, 10),
                    b.block().extrinsics().size(),
                    epochs,
                    String.format("%.1f", b.seconds() * 1000));
        }
    }

    /** The authoring key: the configured one, or Alice on --dev. */
    static Ed25519.KeyPair authorityKey(NodeConfig config, ChainSpec spec) {
        String k = config.authorityKey();
        if (k == null) {
            return config.dev() ? DevAccounts.keyPair("Alice") : null;
        }
        if (k.startsWith("//")) {
            if (spec.live()) {
                throw new IllegalArgumentException("--authority " + k + ": dev keys cannot author a live chain");
            }
            return DevAccounts.keyPair(k);
        }
        try {
            String hex = Files.readString(Path.of(k)).trim();
            return Ed25519.KeyPair.fromSeed(Hex.fromHex(hex, 32));
        } catch (IOException e) {
            throw new IllegalArgumentException("--authority: cannot read seed file " + k + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--authority: seed file " + k + " must hold a 32-byte seed as hex: " + e.getMessage());
        }
    }

    public NodeConfig config() {
        return config;
    }

    public Chain chain() {
        return chain;
    }

    public TransactionPool pool() {
        return pool;
    }

    public NodeMetrics metrics() {
        return metrics;
    }

    public JsonRpcDispatcher dispatcher() {
        return dispatcher;
    }

    /** The account index, or null when it is off ({@code --index none}). */
    public org.tao4j.node.index.AccountIndex accountIndex() {
        return accountIndex;
    }

    public Path basePath() {
        return basePath;
    }

    /** The bound RPC port, or -1 without RPC. */
    public int rpcPort() {
        return rpc == null ? -1 : rpc.port();
    }

    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.port();
    }

    /** Graceful shutdown: stop authoring (the block in progress completes), stop serving, close the database. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("shutting down at #{}", chain.head().number());
        authoring.close();
        // tell watchers their transactions are dropped while their sockets are still open
        pool.clear("node shutting down");
        if (dispatcher.services().newHeads().fanout() instanceof Fanout f) {
            f.close(java.time.Duration.ofSeconds(1)); // lets those notices go out first
        }
        if (rpc != null) {
            rpc.close();
        }
        if (metricsServer != null) {
            metricsServer.close();
        }
        if (dispatcher.services().warp() != null) {
            dispatcher.services().warp().close(); // its snapshots go before the database
        }
        // before the chain: its thread may be reading blocks back from the chain
        if (accountIndex != null) {
            try {
                accountIndex.close();
            } catch (RuntimeException e) {
                LOG.warn("closing the account index: {}", e.getMessage());
            }
        }
        try {
            chain.close();
        } catch (RuntimeException e) {
            // e.g. the database still busy after its bound: the process exit releases it, and every
            // committed block is already durable
            LOG.warn("closing the database: {}", e.getMessage());
        }
        if (deleteOnClose) {
            deleteTree(basePath);
        }
        LOG.info("stopped");
    }

    private static void deleteTree(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot delete temporary data directory {}: {}", p, e.toString());
        }
    }
}
