package org.tao4j.network;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tao4j.core.account.AccountId;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.Genesis;

/**
 * A network of node processes on this machine: N authorities (the dev accounts Alice, Bob, … in
 * order, at most six) and M full nodes, each a separate JVM on free loopback ports, sharing one
 * non-live chain spec written to {@code <dir>/spec.json}. Used by {@code tao localnet} and the
 * integration tests. Nothing is restarted by itself; {@link #close()} stops every process it started.
 */
public final class Localnet implements AutoCloseable {

    /** One node: its ports, directory, log, and the process while it runs. */
    public static final class NodeProc {
        public final String name;
        /** The authority key's dev name (e.g. "Alice"), or null for a full node. */
        public final String authority;

        public final int rpcPort;
        public final int p2pPort;
        public final Path base;
        public final Path log;
        volatile Process process;
        int starts;

        NodeProc(String name, String authority, int rpcPort, int p2pPort, Path base, Path log) {
            this.name = name;
            this.authority = authority;
            this.rpcPort = rpcPort;
            this.p2pPort = p2pPort;
            this.base = base;
            this.log = log;
        }

        public Process process() {
            return process;
        }

        public boolean alive() {
            Process p = process;
            return p != null && p.isAlive();
        }

        public long pid() {
            Process p = process;
            return p == null ? -1 : p.pid();
        }
    }

    private final Path dir;
    private final Path specFile;
    private final ChainSpec spec;
    private final List<NodeProc> nodes;
    private final Duration blockTime;
    private final List<String> jvmArgs;

    private Localnet(Path dir, ChainSpec spec, List<NodeProc> nodes, Duration blockTime, List<String> jvmArgs) {
        this.dir = dir;
        this.specFile = dir.resolve("spec.json");
        this.spec = spec;
        this.nodes = nodes;
        this.blockTime = blockTime;
        this.jvmArgs = List.copyOf(jvmArgs);
    }

    /**
     * Lays out a network in {@code dir} (spec.json, one data directory and log per node); starts nothing.
     *
     * @param jvmArgs extra JVM options of every node (e.g. -Xmx256m)
     */
    public static Localnet create(Path dir, int authorities, int fullNodes, Duration blockTime, List<String> jvmArgs)
            throws IOException {
        if (authorities < 1 || authorities > DevAccounts.NAMES.size()) {
            throw new IllegalArgumentException(
                    "--authorities must be 1-" + DevAccounts.NAMES.size() + " (the dev accounts), got " + authorities);
        }
        if (fullNodes < 0 || fullNodes > 16) {
            throw new IllegalArgumentException("--full-nodes must be 0-16, got " + fullNodes);
        }
        Files.createDirectories(dir);
        List<NodeProc> nodes = new ArrayList<>();
        List<ChainSpec.Bootnode> boot = new ArrayList<>();
        List<AccountId> set = new ArrayList<>();
        for (int i = 0; i < authorities; i++) {
            String who = DevAccounts.NAMES.get(i);
            int p2p = freePort();
            NodeProc n = new NodeProc(
                    who.toLowerCase(java.util.Locale.ROOT),
                    who,
                    freePort(),
                    p2p,
                    dir.resolve(who.toLowerCase(java.util.Locale.ROOT)),
                    dir.resolve(who.toLowerCase(java.util.Locale.ROOT) + ".log"));
            nodes.add(n);
            set.add(DevAccounts.account(who));
            boot.add(new ChainSpec.Bootnode(DevAccounts.account(who), "127.0.0.1", p2p));
        }
        for (int i = 0; i < fullNodes; i++) {
            String name = "full" + (i + 1);
            nodes.add(new NodeProc(name, null, freePort(), -1, dir.resolve(name), dir.resolve(name + ".log")));
        }
        ChainSpec spec = devSpec("Localnet", set, boot);
        Files.writeString(dir.resolve("spec.json"), spec.toJson());
        return new Localnet(dir, spec, nodes, blockTime, jvmArgs);
    }

    /**
     * Opens the network laid out in {@code dir} by an earlier run (same spec, names and ports, read from
     * {@code localnet.json}), or lays out a new one when there is none or {@code fresh} (which deletes
     * {@code dir} first).
     */
    public static Localnet open(
            Path dir, int authorities, int fullNodes, Duration blockTime, List<String> jvmArgs, boolean fresh)
            throws IOException {
        Path layout = dir.resolve("localnet.json");
        if (fresh && Files.exists(dir)) {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        if (Files.exists(layout)) {
            var root = json.readTree(layout.toFile());
            List<NodeProc> nodes = new ArrayList<>();
            for (var n : root.get("nodes")) {
                String name = n.get("name").asText();
                nodes.add(new NodeProc(
                        name,
                        n.get("authority").isNull() ? null : n.get("authority").asText(),
                        n.get("rpcPort").asInt(),
                        n.get("p2pPort").asInt(),
                        dir.resolve(name),
                        dir.resolve(name + ".log")));
            }
            long auth = nodes.stream().filter(x -> x.authority != null).count();
            if (auth != authorities || nodes.size() - auth != fullNodes) {
                throw new IllegalArgumentException(dir + " holds a localnet of " + auth + " authorities and "
                        + (nodes.size() - auth) + " full nodes; give the same counts, or --fresh to start over");
            }
            return new Localnet(dir, ChainSpec.read(dir.resolve("spec.json")), nodes, blockTime, jvmArgs);
        }
        Localnet net = create(dir, authorities, fullNodes, blockTime, jvmArgs);
        var root = json.createObjectNode();
        var arr = root.putArray("nodes");
        for (NodeProc n : net.nodes) {
            var o = arr.addObject().put("name", n.name);
            if (n.authority == null) {
                o.putNull("authority");
            } else {
                o.put("authority", n.authority);
            }
            o.put("rpcPort", n.rpcPort).put("p2pPort", n.p2pPort);
        }
        Files.writeString(layout, json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return net;
    }

    /** A non-live spec: the given authorities and bootnodes, every dev account endowed, Alice sudo. */
    public static ChainSpec devSpec(String name, List<AccountId> authorities, List<ChainSpec.Bootnode> bootnodes) {
        List<Genesis.Endowment> endowments = new ArrayList<>();
        for (String n : DevAccounts.NAMES) {
            endowments.add(new Genesis.Endowment(DevAccounts.account(n), ChainSpec.DEV_ENDOWMENT));
        }
        return new ChainSpec(
                name,
                ChainSpecs.idOf(name),
                false,
                authorities,
                ChainParams.dev(),
                endowments,
                DevAccounts.account("Alice"),
                bootnodes);
    }

    public Path dir() {
        return dir;
    }

    public Path specFile() {
        return specFile;
    }

    public ChainSpec spec() {
        return spec;
    }

    public List<NodeProc> nodes() {
        return nodes;
    }

    public List<NodeProc> authorities() {
        return nodes.stream().filter(n -> n.authority != null).toList();
    }

    /** Starts every node that is not running. */
    public void startAll() throws IOException {
        for (NodeProc n : nodes) {
            if (!n.alive()) {
                start(n);
            }
        }
    }

    /** The command line of a node. */
    public List<String> command(NodeProc n) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("--sun-misc-unsafe-memory-access=allow"); // Ratis's shaded guava/netty (JDK 24+ warns otherwise)
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(NetworkMain.class.getName());
        cmd.add("--chain");
        cmd.add(specFile.toString());
        cmd.add("--base-path");
        cmd.add(n.base.toString());
        cmd.add("--rpc-port");
        cmd.add(Integer.toString(n.rpcPort));
        cmd.add("--metrics-port");
        cmd.add("-1");
        cmd.add("--no-explorer");
        cmd.add("--block-time");
        cmd.add(blockTime.toMillis() + "ms");
        if (n.authority != null) {
            cmd.add("--authority");
            cmd.add("//" + n.authority);
            cmd.add("--p2p-port");
            cmd.add(Integer.toString(n.p2pPort));
        }
        return cmd;
    }

    /** Starts one node (its log is appended to). */
    public synchronized void start(NodeProc n) throws IOException {
        if (n.alive()) {
            throw new IllegalStateException(n.name + " is already running");
        }
        n.starts++;
        n.process = new ProcessBuilder(command(n))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(n.log.toFile()))
                .start();
    }

    /** {@code kill -9}: no shutdown hook runs. */
    public void kill(NodeProc n) throws InterruptedException {
        Process p = n.process;
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    public void stop(NodeProc n) throws InterruptedException {
        Process p = n.process;
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() {
        for (NodeProc n : nodes) {
            Process p = n.process;
            if (p != null && p.isAlive()) {
                p.destroy();
            }
        }
        for (NodeProc n : nodes) {
            Process p = n.process;
            if (p == null) {
                continue;
            }
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
