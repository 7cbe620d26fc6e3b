package org.tao4j.network;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.tao4j.node.NodeConfig;
import org.tao4j.node.NodeMain;
import org.tao4j.node.chain.ChainSpec;

/**
 * Runs a node that may be one of a network's authorities: {@code tao node} with the network's options
 * ({@code --p2p-port}, {@code --bootnodes}) on top of {@link NodeMain}'s.
 */
public final class NetworkMain {

    static final String NETWORK_USAGE = """
              --p2p-port PORT            the Raft (p2p) port of an authority (default: its bootnode entry's port, else 30333)
              --bootnodes LIST           comma-separated <authority SS58>@host:port; overrides the chain spec's bootnodes
            """;

    private NetworkMain() {}

    static String usage() {
        return NodeMain.usage() + NETWORK_USAGE;
    }

    public static void main(String[] args) {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Parses the options and runs the node until the process is asked to stop; returns the exit code. */
    public static int run(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            // before any class that logs is loaded (NodeMain's logger would fix the configuration)
            System.setProperty("logback.configurationFile", "tao-node-logback.xml");
        }
        List<String> rest = new ArrayList<>();
        Integer p2p = null;
        List<ChainSpec.Bootnode> boot = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--p2p-port" -> {
                        String v = value(args, i++);
                        try {
                            p2p = Integer.parseInt(v);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--p2p-port needs a whole number, got '" + v + "'");
                        }
                        if (p2p < 1 || p2p > 65_535) {
                            throw new IllegalArgumentException("--p2p-port must be 1-65535");
                        }
                    }
                    case "--bootnodes" -> {
                        boot = new ArrayList<>();
                        for (String s : value(args, i++).split(",")) {
                            if (!s.isBlank()) {
                                boot.add(ChainSpec.Bootnode.parse(s.trim()));
                            }
                        }
                    }
                    default -> rest.add(a);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(usage());
            return 2;
        }
        NodeConfig config;
        try {
            config = NodeMain.parse(rest.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(usage());
            return 2;
        }
        if (config == null) {
            System.out.print(usage());
            return 0;
        }
        return NodeMain.runNode(config, new NetworkPlugin(p2p, boot, timing()));
    }

    /** Election timeouts: {@code -Dtao4j.raft.election-ms=MIN-MAX} (tests), else the defaults. */
    static RatisAuthoring.Timing timing() {
        String v = System.getProperty("tao4j.raft.election-ms");
        if (v == null) {
            return RatisAuthoring.Timing.defaults();
        }
        String[] mm = v.split("-");
        return new RatisAuthoring.Timing(
                Duration.ofMillis(Long.parseLong(mm[0].trim())), Duration.ofMillis(Long.parseLong(mm[1].trim())));
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }
}
