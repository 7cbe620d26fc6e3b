package org.tao4j.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.node.blockstore.ChainStore;
import org.tao4j.node.health.Fatal;

/**
 * Runs a node as a process: {@code java -cp … org.tao4j.node.NodeMain --dev --base-path DIR …}.
 * SIGTERM / SIGINT shut it down gracefully, within {@link #SHUTDOWN_DEADLINE} (then the process
 * halts: every committed block is already durable). Exit codes: 0 after a clean shutdown (143 when
 * the JVM reports the signal), 2 for bad options or a node that cannot start, e.g. a corrupt
 * database (the reason on one stderr line), {@value org.tao4j.node.health.Fatal#EXIT_CODE} for a
 * fatal failure at run time ({@link Fatal}; also the JVM's own code for
 * {@code -XX:+ExitOnOutOfMemoryError}), 4 when a shutdown overran its deadline.
 */
public final class NodeMain {

    /** The longest a shutdown (SIGTERM, or after a fatal failure) may take before the process halts. */
    public static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(15);
    /** The exit code when a shutdown overran {@link #SHUTDOWN_DEADLINE}. */
    public static final int EXIT_SHUTDOWN_OVERRAN = 4;

    private static final Logger LOG = LoggerFactory.getLogger(NodeMain.class);

    static final String USAGE = """
            usage: tao node (--dev | --chain FILE) [options]
              --dev                      the built-in development chain (Alice authors; dev accounts endowed)
              --chain FILE               a chain spec JSON file
              --base-path DIR            data directory (default ~/.tao/chains/<chain id>)
              --tmp                      a fresh temporary data directory, deleted on exit
              --block-time DURATION      e.g. 250ms, 6s (default 12s live, 250ms otherwise)
              --instant                  seal a block as soon as a transaction arrives
              --pool-limit N             transaction pool bound (default 8192)
              --state-pruning N|archive  recent states kept for queries (default 256)
              --rpc-port PORT            JSON-RPC HTTP+WebSocket port (default 9944; 0 = any; -1 = off)
              --rpc-external             listen on all interfaces, not just 127.0.0.1
              --no-explorer              do not serve the block explorer at http://127.0.0.1:<rpc-port>/
              --index accounts|none      keep the account index for tao_getAccountHistory (default accounts)
              --metrics-port PORT        Prometheus /metrics port (default 9615; 0 = any; -1 = off)
              --authority KEY            //Alice (dev names, non-live chains) or a file with a hex seed
              --max-block-extrinsics N   most transactions per block (default 10000)
              --no-sync                  do not fsync block commits (faster; survives process but not machine crashes)
              --sync-peer ws://HOST:PORT a node to sync from when this node is not an authority (repeatable)
              --sync full|warp           full: re-run every block from genesis (default); warp: start from
                                         the downloaded, root-checked state of a recent finalized block
            """;

    private NodeMain() {}

    /** The usage text of the node's own options (the network launcher appends its own). */
    public static String usage() {
        return USAGE;
    }

    public static void main(String[] args) {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs a node from a command line until the process is asked to stop (SIGTERM, Ctrl-C); returns
     * the exit code: 0, or 2 for bad options or a node that cannot start. Used by {@code tao node}.
     */
    public static int run(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "tao-node-logback.xml");
        }
        NodeConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        if (config == null) {
            System.out.print(USAGE);
            return 0;
        }
        return runNode(config, null);
    }

    /**
     * Runs a node from a parsed configuration, with the block authoring {@code plugin} provides (null:
     * the default), until the process is asked to stop; returns the exit code (0, or 2 when it cannot
     * start). The network's launcher (tao-network) calls this after parsing its own options.
     */
    public static int runNode(NodeConfig config, NodePlugin plugin) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "tao-node-logback.xml");
        }
        // any thread that meets an error after which nothing can be trusted ends the process (an
        // essential thread's own handler catches every Error first; see Fatal)
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            if (Fatal.isFatalAnywhere(e)) {
                Fatal.report("thread " + t.getName(), e);
            } else {
                LOG.error("thread {} died: {}", t.getName(), e.toString(), e);
            }
        });
        Node node;
        try {
            node = Node.start(config, plugin);
        } catch (NodeStartException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            Thread.ofPlatform()
                                    .daemon()
                                    .name("shutdown-deadline")
                                    .start(() -> {
                                        try {
                                            Thread.sleep(SHUTDOWN_DEADLINE);
                                        } catch (InterruptedException e) {
                                            return;
                                        }
                                        System.err.println(
                                                "error: shutdown did not finish within " + SHUTDOWN_DEADLINE.toSeconds()
                                                        + " s; halting (every committed block is durable)");
                                        Runtime.getRuntime().halt(EXIT_SHUTDOWN_OVERRAN);
                                    });
                            org.tao4j.node.health.FaultInjection.beforeShutdown(); // test-only; nothing unless asked
                            node.close();
                            stopped.countDown();
                        },
                        "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Parses a command line; null for --help. */
    public static NodeConfig parse(String... args) {
        boolean dev = false;
        Path chain = null;
        NodeConfig c = null;
        // first pass: which chain
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                return null;
            }
            if (args[i].equals("--dev")) {
                dev = true;
            } else if (args[i].equals("--chain")) {
                chain = Path.of(value(args, i++));
            }
        }
        if (dev && chain != null) {
            throw new IllegalArgumentException("give either --dev or --chain FILE, not both");
        }
        if (!dev && chain == null) {
            throw new IllegalArgumentException("give --dev or --chain FILE");
        }
        c = dev ? NodeConfig.forDev() : NodeConfig.forChain(chain);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--dev" -> {}
                case "--chain" -> i++;
                case "--base-path" -> c = c.withBasePath(Path.of(value(args, i++)));
                case "--tmp" -> c = c.withTmp(true);
                case "--block-time" -> c = c.withBlockTime(duration(value(args, i++)));
                case "--instant" -> c = c.withInstant(true);
                case "--pool-limit" -> c = c.withPoolLimit(integer(a, value(args, i++)));
                case "--state-pruning" -> {
                    String v = value(args, i++);
                    c = c.withStatePruning(v.equalsIgnoreCase("archive") ? ChainStore.ARCHIVE : integer(a, v));
                }
                case "--rpc-port" -> c = c.withRpc(integer(a, value(args, i++)), c.rpcExternal());
                case "--rpc-external" -> c = c.withRpc(c.rpcPort(), true);
                case "--metrics-port" -> c = c.withMetricsPort(integer(a, value(args, i++)));
                case "--authority" -> c = c.withAuthorityKey(value(args, i++));
                case "--max-block-extrinsics" -> c = c.withMaxBlockExtrinsics(integer(a, value(args, i++)));
                case "--no-sync" -> c = c.withSyncWrites(false);
                case "--no-explorer" -> c = c.withExplorer(false);
                case "--index" -> {
                    String v = value(args, i++);
                    c = switch (v) {
                        case "accounts" -> c.withAccountIndex(true);
                        case "none" -> c.withAccountIndex(false);
                        default ->
                            throw new IllegalArgumentException("--index takes 'accounts' or 'none', got '" + v + "'");
                    };
                }
                case "--sync-peer" ->
                    c = c.withSync(c.sync().withPeer(org.tao4j.node.sync.SyncPeers.parse(value(args, i++))));
                case "--sync" -> {
                    String v = value(args, i++);
                    switch (v) {
                        case "full" -> c = c.withSync(c.sync().withWarp(false));
                        case "warp" -> c = c.withSync(c.sync().withWarp(true));
                        default -> throw new IllegalArgumentException("--sync takes full or warp, got '" + v + "'");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        return c;
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    private static int integer(String option, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + v + "'");
        }
    }

    /** "250ms", "12s", "1m", or a bare number of milliseconds. */
    static Duration duration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            if (s.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
            }
            if (s.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)) * 60);
            }
            return Duration.ofMillis(Long.parseLong(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--block-time needs a duration like 250ms or 12s, got '" + v + "'");
        }
    }
}
