package org.tao4j.devnet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.client.TaoClient;
import org.tao4j.client.model.MetagraphView;
import org.tao4j.client.model.Subnet;
import org.tao4j.client.model.Supply;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.supply.EmissionSchedule;
import org.tao4j.node.Node;
import org.tao4j.sdk.neuron.Miner;
import org.tao4j.sdk.neuron.SubnetDefinition;
import org.tao4j.sdk.neuron.Validator;
import org.tao4j.subnets.forecast.ForecastSubnet;
import org.tao4j.subnets.text.TextSubnet;
import org.tao4j.wallet.KeyDerivation;
import picocli.CommandLine;

/**
 * {@code tao devnet}: an embedded dev node, funded dev wallets, and subnets of real miners and
 * validators talking over loopback axons and dendrites, every interaction a signed transaction
 * against the node's RPC. See docs/devnet.md.
 *
 * <pre>{@code
 * try (Devnet d = Devnet.start(DevnetOptions.parse("--headless"))) {
 *     d.awaitEpochs(3, Duration.ofMinutes(2));
 *     System.out.println(d.summaryJson());
 * }
 * }</pre>
 */
public final class Devnet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Devnet.class);
    static final long TAO = EmissionSchedule.RAO_PER_TAO;
    static final long VALIDATOR_STAKE = 1_000 * TAO;

    /** A neuron's role in the devnet. */
    public enum Role {
        OWNER,
        VALIDATOR,
        COPIER,
        MINER
    }

    /** One neuron: its role, its strategy (miners), its coldkey (pays) and hotkey (signs as the neuron). */
    public record Member(Role role, String strategy, Ed25519.KeyPair coldkey, Ed25519.KeyPair hotkey) {
        public AccountId hotkeyId() {
            return AccountId.of(hotkey.publicKey());
        }

        public AccountId coldkeyId() {
            return AccountId.of(coldkey.publicKey());
        }

        /** The role as the summary writes it: owner, validator (copiers too) or miner. */
        public String roleName() {
            return role == Role.COPIER ? "validator" : role.name().toLowerCase(Locale.ROOT);
        }

        public String label() {
            return role == Role.COPIER ? "weight-copier" : strategy == null ? "" : strategy;
        }
    }

    /** One subnet of the devnet. */
    public final class SubnetRun {
        final String name;
        final SubnetDefinition<?, ?> definition;
        final boolean commitReveal;
        final Member owner;
        final List<Member> members = new ArrayList<>();
        final List<Miner> miners = new ArrayList<>();
        final List<Validator<?, ?>> validators = new ArrayList<>();
        volatile int netuid = -1;
        volatile long startBlock = -1;
        volatile long firstEpochMillis = -1;

        SubnetRun(String name) {
            this.name = name;
            this.definition = name.equals("forecast") ? new ForecastSubnet() : new TextSubnet();
            this.commitReveal = name.equals(options.commitReveal());
            this.owner = new Member(
                    Role.OWNER, null, key("//Devnet//" + name + "//owner"), key("//Devnet//" + name + "//owner//hot"));
            List<String> strategies = definition.strategies();
            for (int i = 0; i < options.validators(); i++) {
                Role r = commitReveal && options.validators() > 1 && i == options.validators() - 1
                        ? Role.COPIER
                        : Role.VALIDATOR;
                members.add(new Member(
                        r,
                        null,
                        key("//Devnet//" + name + "//validator//" + i),
                        key("//Devnet//" + name + "//validator//" + i + "//hot")));
            }
            for (int i = 0; i < options.miners(); i++) {
                members.add(new Member(
                        Role.MINER,
                        strategies.get(i % strategies.size()),
                        key("//Devnet//" + name + "//miner//" + i),
                        key("//Devnet//" + name + "//miner//" + i + "//hot")));
            }
        }

        public String name() {
            return name;
        }

        public int netuid() {
            return netuid;
        }

        public List<Member> members() {
            return List.copyOf(members);
        }

        public List<Validator<?, ?>> validators() {
            return List.copyOf(validators);
        }

        /** Epochs the subnet has run since its neurons started. */
        public long epochs() {
            long head = Devnet.this.head.get();
            if (startBlock < 0 || head <= startBlock) {
                return 0;
            }
            return epochIndex(head) - epochIndex(startBlock);
        }

        private long epochIndex(long block) {
            return Math.floorDiv(block + netuid + 1, (long) options.tempo() + 1);
        }

        Member member(AccountId hotkey) {
            if (owner.hotkeyId().equals(hotkey)) {
                return owner;
            }
            return members.stream()
                    .filter(m -> m.hotkeyId().equals(hotkey))
                    .findFirst()
                    .orElse(null);
        }
    }

    // package-private: the phases (DevnetBootstrap, DevnetFunding, EpochWatch, DevnetSummary) share them
    final DevnetOptions options;
    private final long startNanos = System.nanoTime();
    final List<SubnetRun> subnets = new ArrayList<>();
    final AtomicLong head = new AtomicLong(-1);
    final AtomicLong peakRssKb = new AtomicLong();
    final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final PrintStream out;
    final EpochWatch watch = new EpochWatch(this);
    volatile long firstEpochAllMillis = -1;
    volatile long readyMillis = -1;
    Node node;
    TaoClient client;
    org.tao4j.client.Subscription heads;
    private ScheduledExecutorService view;
    LiveView liveView;
    DevnetAccess access;

    private Devnet(DevnetOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** {@code tao devnet ARGS} run alone ({@link DevnetMain}): parses with {@link DevnetArgs}; the exit code. */
    public static int run(String... args) {
        return run(System.out, args);
    }

    static int run(PrintStream out, String... args) {
        CommandLine cl = new CommandLine(new DevnetArgs());
        DevnetOptions o;
        try {
            CommandLine.ParseResult r = cl.parseArgs(args);
            if (r.isUsageHelpRequested() || r.isVersionHelpRequested()) {
                cl.usage(out);
                return 0;
            }
            o = ((DevnetArgs) cl.getCommand()).toOptions();
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            // one line, as every tao command: what is wrong, and where the usage is
            System.err.println("tao devnet: " + e.getMessage());
            System.err.println("Run 'tao devnet --help' for usage.");
            return 2;
        }
        return run(o, out);
    }

    /**
     * Runs the devnet until {@code --epochs} are done, or until Ctrl-C or SIGTERM; the exit code. Either
     * way the shutdown path calls {@link #finish()}, so the summary is written and the figures printed.
     */
    public static int run(DevnetOptions o, PrintStream out) {
        // the hook is in place before anything starts: a signal during set-up stops the node too, and
        // one after it (even right after "all neurons running") writes the summary
        Devnet d = new Devnet(o, out);
        Thread hook = new Thread(
                () -> {
                    d.finishQuietly();
                    d.close();
                },
                "devnet-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            d.bootOrClose();
        } catch (DevnetException e) {
            System.err.println("tao devnet: " + e.getMessage());
            removeHook(hook);
            return 1;
        }
        try {
            if (o.epochs() > 0) {
                Duration max = o.blockTime()
                        .multipliedBy((long) (o.tempo() + 1) * (o.epochs() + 2))
                        .plusMinutes(2);
                if (!d.awaitEpochs(o.epochs(), max)) {
                    System.err.println(
                            "tao devnet: " + o.epochs() + " epochs did not pass within " + max.toSeconds() + " s");
                    d.close();
                    return 1;
                }
            } else {
                d.stopped.await();
            }
            Summary s = d.finish();
            return s == null || s.issuanceMatches() ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            d.close();
            removeHook(hook);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // shutting down already
        }
    }

    public static Devnet start(DevnetOptions options) {
        return start(options, System.out);
    }

    static Devnet start(DevnetOptions options, PrintStream out) {
        Devnet d = new Devnet(options, out);
        d.bootOrClose();
        return d;
    }

    private void bootOrClose() {
        try {
            boot();
        } catch (RuntimeException e) {
            close();
            throw e instanceof DevnetException de ? de : new DevnetException(e.getMessage(), e);
        }
    }

    /** The phases in order: node, funding and registration, neurons, then epoch watching until stopped. */
    private void boot() {
        quietLogs(!options.headless());
        Path base = options.basePath();
        if (options.fresh()) {
            deleteRecursively(base);
        }
        log("starting the dev node (block time " + options.blockTime().toMillis() + " ms, tempo " + options.tempo()
                + ") in " + base);
        for (String name : options.subnets()) {
            subnets.add(new SubnetRun(name));
        }
        DevnetBootstrap bootstrap = new DevnetBootstrap(this);
        // train the models while the chain is set up
        CompletableFuture<Map<Member, Object>> handlers = CompletableFuture.supplyAsync(bootstrap::buildHandlers);
        bootstrap.startNode(base);
        new DevnetFunding(this).run();
        Map<Member, Object> h = handlers.join();
        for (SubnetRun s : subnets) {
            bootstrap.startNeurons(s, h);
        }
        if (options.access()) {
            access = new DevnetAccess(this);
            access.start();
        }
        long from = head.get();
        for (SubnetRun s : subnets) {
            s.startBlock = from; // epochs count from when every subnet's neurons run
        }
        readyMillis = elapsedMillis();
        log(String.format(
                "all neurons running after %.1f s; RPC %s, metrics %s", readyMillis / 1000.0, rpcUrl(), metricsUrl()));
        view = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "devnet-view");
            t.setDaemon(true);
            return t;
        });
        liveView = new LiveView(this, out, !options.headless());
        long period = Math.max(200, options.blockTime().toMillis());
        view.scheduleWithFixedDelay(watch::tick, 0, period, TimeUnit.MILLISECONDS);
    }

    /** Waits until every subnet has run {@code n} epochs since its neurons started; false on timeout. */
    public boolean awaitEpochs(int n, Duration timeout) throws InterruptedException {
        return watch.awaitEpochs(n, timeout);
    }

    /** What the live view and the summary show, read from the chain. */
    record Snapshot(long block, Supply supply, long blockEmission, List<SubnetState> subnets) {}

    record SubnetState(SubnetRun run, Subnet subnet, MetagraphView metagraph) {}

    public List<SubnetRun> subnets() {
        return List.copyOf(subnets);
    }

    public String rpcUrl() {
        return "ws://127.0.0.1:" + node.rpcPort();
    }

    public String metricsUrl() {
        return node.metricsPort() > 0 ? "http://127.0.0.1:" + node.metricsPort() + "/metrics" : "(off)";
    }

    public DevnetOptions options() {
        return options;
    }

    long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    long firstEpochAllMillis() {
        return firstEpochAllMillis;
    }

    long readyMillis() {
        return readyMillis;
    }

    long peakRssKb() {
        return Math.max(peakRssKb.get(), rssKb());
    }

    // ------------------------------------------------------------------ summary

    /** The final state; {@link #issuanceMatches()} is the issuance check. */
    public record Summary(ObjectNode json, long totalIssuance, long expectedIssuance) {
        public boolean issuanceMatches() {
            return totalIssuance == expectedIssuance;
        }
    }

    /**
     * Reads the final state, writes {@code --summary} if asked, and prints the figures; null once closed.
     * Also run by the shutdown hook, so Ctrl-C and SIGTERM write the summary too.
     */
    public synchronized Summary finish() {
        if (closed.get() || client == null) {
            return null;
        }
        return new DevnetSummary(this).finish();
    }

    /** {@link #finish()} from the shutdown hook: a failure is one line on stderr, never a stack trace. */
    private void finishQuietly() {
        try {
            finish();
        } catch (RuntimeException e) {
            System.err.println("tao devnet: could not read the final state: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ stopping

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        quietLogs(true); // neurons stopping mid-call are not news
        if (view != null) {
            view.shutdownNow();
            try {
                view.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (liveView != null) {
            liveView.finish();
        }
        if (access != null) {
            quietly(access::close);
        }
        for (SubnetRun s : subnets) {
            for (Validator<?, ?> v : s.validators) {
                quietly(v::close);
            }
            for (Miner m : s.miners) {
                quietly(m::close);
            }
        }
        if (heads != null) {
            quietly(heads::close);
        }
        if (client != null) {
            quietly(client::close);
        }
        if (node != null) {
            quietly(node::close);
            log("stopped; the data directory " + options.basePath() + " stays (--fresh removes it)");
        }
        stopped.countDown();
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.debug("while stopping", e);
        }
    }

    // ------------------------------------------------------------------ helpers

    static Ed25519.KeyPair key(String suri) {
        return Ed25519.KeyPair.fromSeed(KeyDerivation.fromSuri(suri).keyPair().seed());
    }

    void log(String line) {
        if (options.headless() || liveView == null) {
            out.println(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss.SSS")) + " devnet " + line);
        } else {
            liveView.note(line);
        }
    }

    void logEpoch(String line) {
        if (options.headless()) {
            log(line);
        }
    }

    static long rssKb() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Runtime.getRuntime().totalMemory() / 1024;
    }

    private static void deleteRecursively(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p + ": " + e.getMessage(), e);
        }
    }

    /** The node's and neurons' logs would scroll the live view away: keep warnings for headless runs only. */
    private static void quietLogs(boolean live) {
        org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(live ? ch.qos.logback.classic.Level.OFF : ch.qos.logback.classic.Level.WARN);
        }
    }

    /** Setting up the devnet failed; the message says where. */
    public static final class DevnetException extends RuntimeException {
        public DevnetException(String message) {
            super(message);
        }

        public DevnetException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
