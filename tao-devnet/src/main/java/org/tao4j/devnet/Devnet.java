package org.tao4j.devnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.tao4j.client.TaoClient;
import org.tao4j.client.TxHandle;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.model.MetagraphField;
import org.tao4j.client.model.MetagraphView;
import org.tao4j.client.model.Subnet;
import org.tao4j.client.model.Supply;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.supply.EmissionSchedule;
import org.tao4j.wallet.KeyDerivation;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;
import org.tao4j.node.NodeStartException;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Hyperparameter;
import org.tao4j.sdk.chain.RpcSubnetChain;
import org.tao4j.sdk.chain.TxResult;
import org.tao4j.sdk.neuron.Miner;
import org.tao4j.sdk.neuron.NeuronConfig;
import org.tao4j.sdk.neuron.SubnetDefinition;
import org.tao4j.sdk.neuron.Validator;
import org.tao4j.subnets.forecast.ForecastSubnet;
import org.tao4j.subnets.text.TextSubnet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final long OWNER_FUNDS = 1_000 * TAO;
    private static final long VALIDATOR_FUNDS = VALIDATOR_STAKE + 100 * TAO;
    private static final long MINER_FUNDS = 100 * TAO;
    private static final long HOTKEY_FUNDS = 10 * TAO;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A neuron's role in the devnet. */
    public enum Role { OWNER, VALIDATOR, COPIER, MINER }

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
            this.owner = new Member(Role.OWNER, null, key("//Devnet//" + name + "//owner"),
                    key("//Devnet//" + name + "//owner//hot"));
            List<String> strategies = definition.strategies();
            for (int i = 0; i < options.validators(); i++) {
                Role r = commitReveal && options.validators() > 1 && i == options.validators() - 1 ? Role.COPIER
                        : Role.VALIDATOR;
                members.add(new Member(r, null, key("//Devnet//" + name + "//validator//" + i),
                        key("//Devnet//" + name + "//validator//" + i + "//hot")));
            }
            for (int i = 0; i < options.miners(); i++) {
                members.add(new Member(Role.MINER, strategies.get(i % strategies.size()),
                        key("//Devnet//" + name + "//miner//" + i), key("//Devnet//" + name + "//miner//" + i + "//hot")));
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
            return members.stream().filter(m -> m.hotkeyId().equals(hotkey)).findFirst().orElse(null);
        }
    }

    private final DevnetOptions options;
    private final long startNanos = System.nanoTime();
    private final List<SubnetRun> subnets = new ArrayList<>();
    private final AtomicLong head = new AtomicLong(-1);
    /** How often the neurons re-read the metagraph, in blocks. */
    private static final int METAGRAPH_REFRESH_BLOCKS = 2;
    private final AtomicLong peakRssKb = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final PrintStream out;
    private volatile long firstEpochAllMillis = -1;
    private volatile long readyMillis = -1;
    private Node node;
    private TaoClient client;
    private org.tao4j.client.Subscription heads;
    private ScheduledExecutorService view;
    private LiveView liveView;

    private Devnet(DevnetOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** {@code tao devnet ARGS}: runs until {@code --epochs} are done or Ctrl-C; the exit code. */
    public static int run(String... args) {
        return run(System.out, args);
    }

    static int run(PrintStream out, String... args) {
        DevnetOptions o;
        try {
            if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
                out.print(DevnetOptions.USAGE);
                return 0;
            }
            o = DevnetOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("tao devnet: " + e.getMessage());
            System.err.print(DevnetOptions.USAGE);
            return 2;
        }
        Devnet d;
        try {
            d = start(o, out);
        } catch (DevnetException e) {
            System.err.println("tao devnet: " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(d::close, "devnet-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (o.epochs() > 0) {
                Duration max = o.blockTime().multipliedBy((long) (o.tempo() + 1) * (o.epochs() + 2)).plusMinutes(2);
                if (!d.awaitEpochs(o.epochs(), max)) {
                    System.err.println("tao devnet: " + o.epochs() + " epochs did not pass within " + max.toSeconds() + " s");
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
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down already
            }
        }
    }

    public static Devnet start(DevnetOptions options) {
        return start(options, System.out);
    }

    static Devnet start(DevnetOptions options, PrintStream out) {
        Devnet d = new Devnet(options, out);
        try {
            d.boot();
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw e instanceof DevnetException de ? de : new DevnetException(e.getMessage(), e);
        }
    }

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
        // train the models while the chain is set up
        CompletableFuture<Map<Member, Object>> handlers = CompletableFuture.supplyAsync(this::buildHandlers);
        try {
            node = Node.start(NodeConfig.forDev().withBasePath(base.resolve("node")).withBlockTime(options.blockTime())
                    .withRpc(options.rpcPort(), false).withMetricsPort(options.metricsPort()).withSyncWrites(false));
        } catch (NodeStartException e) {
            throw new DevnetException("the dev node did not start: " + e.getMessage(), e);
        }
        client = TaoClient.connect(URI.create("ws://127.0.0.1:" + node.rpcPort()));
        head.set(client.head().number());
        heads = client.subscribeNewHeads(h -> head.accumulateAndGet(h.number(), Math::max));
        fund();
        registerSubnets();
        configureSubnets();
        List<CompletableFuture<Void>> regs = new ArrayList<>();
        for (SubnetRun s : subnets) {
            regs.add(CompletableFuture.runAsync(() -> registerNeurons(s)));
        }
        regs.forEach(CompletableFuture::join);
        stake();
        Map<Member, Object> h = handlers.join();
        for (SubnetRun s : subnets) {
            startNeurons(s, h);
        }
        long from = head.get();
        for (SubnetRun s : subnets) {
            s.startBlock = from; // epochs count from when every subnet's neurons run
        }
        readyMillis = elapsedMillis();
        log(String.format("all neurons running after %.1f s; RPC %s, metrics %s", readyMillis / 1000.0, rpcUrl(),
                metricsUrl()));
        view = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "devnet-view");
            t.setDaemon(true);
            return t;
        });
        liveView = new LiveView(this, out, !options.headless());
        long period = Math.max(200, options.blockTime().toMillis());
        view.scheduleWithFixedDelay(this::tick, 0, period, TimeUnit.MILLISECONDS);
    }

    private Map<Member, Object> buildHandlers() {
        Map<Member, Object> out = new HashMap<>();
        long seed = 1;
        for (SubnetRun s : subnets) {
            for (Member m : s.members) {
                seed++;
                if (m.role() == Role.MINER) {
                    out.put(m, s.definition.minerHandler(m.strategy(), seed));
                } else if (m.role() == Role.VALIDATOR) {
                    out.put(m, s.definition.validatorLogic(seed * 7919));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ set-up through transactions

    private void fund() {
        Ed25519.KeyPair alice = DevAccounts.keyPair("Alice");
        List<TxHandle> pending = new ArrayList<>();
        for (SubnetRun s : subnets) {
            topUp(alice, s.owner.coldkeyId(), OWNER_FUNDS, pending);
            topUp(alice, s.owner.hotkeyId(), HOTKEY_FUNDS, pending);
            for (Member m : s.members) {
                topUp(alice, m.coldkeyId(), m.role() == Role.MINER ? MINER_FUNDS : VALIDATOR_FUNDS, pending);
                topUp(alice, m.hotkeyId(), HOTKEY_FUNDS, pending);
            }
        }
        for (TxHandle t : pending) {
            expectOk("funding", t.await(Duration.ofSeconds(60)));
        }
        log("funded " + pending.size() + " dev wallets from //Alice");
    }

    private void topUp(Ed25519.KeyPair from, AccountId to, long amount, List<TxHandle> pending) {
        long have = client.balance(to).free();
        if (have < amount / 2) {
            pending.add(client.tx(from, new Call.Transfer(to, amount - have)).submitAndWatch());
        }
    }

    private void registerSubnets() {
        for (SubnetRun s : subnets) {
            Optional<Subnet> mine = ownedBy(s.owner.coldkeyId());
            if (mine.isEmpty()) {
                TxResult r = RpcSubnetChain.submit(client, s.owner.coldkey(), new Call.RegisterNetwork(s.owner.hotkeyId()));
                check("register_network " + s.name, r);
                mine = ownedBy(s.owner.coldkeyId());
            }
            s.netuid = mine.orElseThrow(() -> new DevnetException("subnet " + s.name + " is not on chain")).netuid();
            log("subnet " + s.netuid + " '" + s.name + "' owned by " + s.owner.coldkeyId().toSs58()
                    + (s.commitReveal ? " (commit-reveal on)" : ""));
        }
    }

    private Optional<Subnet> ownedBy(AccountId coldkey) {
        return client.subnets().stream().filter(x -> x.netuid() != 0 && coldkey.equals(x.owner())).findFirst();
    }

    private void configureSubnets() {
        Ed25519.KeyPair alice = DevAccounts.keyPair("Alice");
        long rateLimit = Math.max(1, options.tempo() / 2);
        List<CompletableFuture<TxResult>> txs = new ArrayList<>();
        for (SubnetRun s : subnets) {
            Hyperparams h = client.subnet(s.netuid).orElseThrow().hyperparams();
            // sudo (//Alice, the dev chain's root): what only root may set, and what the owner's one change
            // per 2 tempos leaves over
            if (h.tempo() != options.tempo()) {
                txs.add(sudo(alice, s.netuid, Hyperparameter.TEMPO, options.tempo()));
            }
            // a restarted miner listens on a new port and must announce it at once, not 50 blocks later
            if (h.servingRateLimit() != 0) {
                txs.add(sudo(alice, s.netuid, Hyperparameter.SERVING_RATE_LIMIT, 0));
            }
            int permits = options.validators();
            if (h.maxAllowedValidators() != permits) {
                txs.add(sudo(alice, s.netuid, Hyperparameter.MAX_ALLOWED_VALIDATORS, permits));
            }
            // the owner's change, through its own SetHyperparameter
            if (s.commitReveal) {
                if (h.weightsSetRateLimit() != rateLimit) {
                    txs.add(sudo(alice, s.netuid, Hyperparameter.WEIGHTS_SET_RATE_LIMIT, rateLimit));
                }
                if (!h.commitRevealEnabled()) {
                    txs.add(owner(s, Hyperparameter.COMMIT_REVEAL_ENABLED, 1));
                }
                if (h.revealPeriodEpochs() != options.revealPeriod()) {
                    txs.add(sudo(alice, s.netuid, Hyperparameter.REVEAL_PERIOD_EPOCHS, options.revealPeriod()));
                }
            } else if (h.weightsSetRateLimit() != rateLimit) {
                txs.add(owner(s, Hyperparameter.WEIGHTS_SET_RATE_LIMIT, rateLimit));
            }
        }
        for (CompletableFuture<TxResult> t : txs) {
            check("hyperparameters", t.join());
        }
    }

    private CompletableFuture<TxResult> sudo(Ed25519.KeyPair alice, int netuid, Hyperparameter p, long v) {
        TxHandle h = client.tx(alice, new Call.Sudo(new Call.SetSubnetParameter(netuid, p, v))).submitAndWatch();
        return CompletableFuture.supplyAsync(() -> result(h.await(Duration.ofSeconds(60))));
    }

    private CompletableFuture<TxResult> owner(SubnetRun s, Hyperparameter p, long v) {
        TxHandle h = client.tx(s.owner.coldkey(), new Call.SetHyperparameter(s.netuid, p, v)).submitAndWatch();
        return CompletableFuture.supplyAsync(() -> result(h.await(Duration.ofSeconds(60))));
    }

    private void registerNeurons(SubnetRun s) {
        for (Member m : s.members) {
            for (int attempt = 0; ; attempt++) {
                MetagraphView mg = client.metagraph(s.netuid, EnumSet.of(MetagraphField.HOTKEYS));
                if (mg.hotkeys().contains(m.hotkeyId())) {
                    break;
                }
                TxResult r = RpcSubnetChain.submit(client, m.coldkey(), new Call.BurnedRegister(s.netuid, m.hotkeyId()));
                if (r.ok()) {
                    break;
                }
                if (attempt >= 20) {
                    check("burned_register on " + s.name, r);
                }
                LOG.debug("burned_register retry: {}", r.describe());
            }
        }
        log("subnet " + s.netuid + ": " + s.members.size() + " neurons registered by burned_register");
    }

    private void stake() {
        List<CompletableFuture<TxResult>> txs = new ArrayList<>();
        for (SubnetRun s : subnets) {
            for (Member m : s.members) {
                if (m.role() == Role.MINER) {
                    continue;
                }
                long have = client.stakeForHotkey(m.hotkeyId()).total();
                if (have < VALIDATOR_STAKE) {
                    TxHandle h = client.tx(m.coldkey(), new Call.AddStake(m.hotkeyId(), VALIDATOR_STAKE - have))
                            .submitAndWatch();
                    txs.add(CompletableFuture.supplyAsync(() -> result(h.await(Duration.ofSeconds(60)))));
                }
            }
        }
        for (CompletableFuture<TxResult> t : txs) {
            check("add_stake", t.join());
        }
        log("validators staked " + VALIDATOR_STAKE / TAO + " TAO each");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void startNeurons(SubnetRun s, Map<Member, Object> handlers) {
        Path dir = options.basePath().resolve("neurons").resolve(s.name);
        for (int i = 0; i < s.members.size(); i++) {
            Member m = s.members.get(i);
            if (m.role() != Role.MINER) {
                continue;
            }
            NeuronConfig c = config(s, dir.resolve("miner-" + i));
            s.miners.add(Miner.builder(c, m.hotkey(), new RpcSubnetChain(client, m.hotkey()))
                    .serve((org.tao4j.sdk.Synapse) s.definition.synapse(),
                            (org.tao4j.sdk.axon.SynapseHandler) handlers.get(m))
                    .start());
        }
        awaitAxons(s);
        awaitPermits(s);
        for (int i = 0; i < s.members.size(); i++) {
            Member m = s.members.get(i);
            NeuronConfig c = config(s, dir.resolve("validator-" + i));
            if (m.role() == Role.VALIDATOR) {
                s.validators.add(Validator.builder(c, m.hotkey(), new RpcSubnetChain(client, m.hotkey()))
                        .query((org.tao4j.sdk.Synapse) s.definition.synapse(),
                                (org.tao4j.sdk.neuron.ValidatorLogic) handlers.get(m))
                        .samplingSeed(i).start());
            } else if (m.role() == Role.COPIER) {
                s.validators.add(Validator.weightCopier(c, m.hotkey(), new RpcSubnetChain(client, m.hotkey())));
            }
        }
        log("subnet " + s.netuid + " '" + s.name + "': " + s.miners.size() + " miners serving on loopback, "
                + s.validators.size() + " validators querying");
    }

    /**
     * Waits until every miner's axon is on chain at the port it listens on, so that the validators'
     * first rounds query every miner. A miner that joins the rounds late starts its moving average
     * late, and with commit-reveal those early, lopsided weights are revealed epochs later.
     */
    private void awaitAxons(SubnetRun s) {
        pollUntil(Duration.ofSeconds(60), "the miners of subnet " + s.netuid + " to serve their axons", () -> {
            MetagraphView mg = client.metagraph(s.netuid, EnumSet.of(MetagraphField.HOTKEYS, MetagraphField.AXONS));
            for (Miner miner : s.miners) {
                int uid = mg.hotkeys().indexOf(miner.hotkey());
                org.tao4j.client.model.Axon a = uid < 0 ? null : mg.axons().get(uid);
                if (a == null || a.port() != miner.port()) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Waits until every validator of the subnet holds a validator permit (given at the first epoch
     * after it staked), and then until the miners' metagraphs have refreshed past that block. A miner
     * answers only callers with a permit; a validator that started earlier would score the miners
     * that had not yet seen its permit as silent (0), and under commit-reveal those lopsided first
     * weights are revealed, and copied, epochs later.
     */
    private void awaitPermits(SubnetRun s) {
        List<AccountId> validators = s.members.stream()
                .filter(m -> m.role() == Role.VALIDATOR || m.role() == Role.COPIER).map(Member::hotkeyId).toList();
        Duration timeout = Duration.ofMillis(Math.max(60_000, 4L * (options.tempo() + 1) * options.blockTime().toMillis()));
        long[] permittedAt = {-1};
        pollUntil(timeout, "the validators of subnet " + s.netuid + " to get validator permits", () -> {
            MetagraphView mg = client.metagraph(s.netuid,
                    EnumSet.of(MetagraphField.HOTKEYS, MetagraphField.VALIDATOR_PERMIT));
            if (permittedAt[0] < 0 && validators.stream().allMatch(v -> {
                int uid = mg.hotkeys().indexOf(v);
                return uid >= 0 && mg.validatorPermit()[uid];
            })) {
                permittedAt[0] = mg.blockNumber();
            }
            return permittedAt[0] >= 0 && mg.blockNumber() >= permittedAt[0] + 2L * METAGRAPH_REFRESH_BLOCKS + 1;
        });
    }

    /** Polls {@code done} every half block until it holds; a DevnetException after {@code timeout}. */
    private void pollUntil(Duration timeout, String what, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new DevnetException("gave up waiting for " + what + " after " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(Math.max(20, options.blockTime().toMillis() / 2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DevnetException("interrupted while waiting for " + what);
            }
        }
    }

    private NeuronConfig config(SubnetRun s, Path dir) {
        return NeuronConfig.builder().netuid(s.netuid).axonIp("127.0.0.1").axonPort(0).movingAverageAlpha(0.1)
                .metagraphRefreshBlocks(METAGRAPH_REFRESH_BLOCKS).queryTimeout(Duration.ofSeconds(3)).neuronDir(dir).build();
    }

    private static TxResult result(TxOutcome o) {
        return switch (o) {
            case TxOutcome.Finalized f when f.success() -> new TxResult.Included(f.blockNumber());
            case TxOutcome.Finalized f -> new TxResult.Failed(f.blockNumber(),
                    f.error() == null ? "ExtrinsicFailed" : f.error(), f.errorMessage());
            case TxOutcome.Dropped d -> new TxResult.Dropped(d.reason());
        };
    }

    private static void expectOk(String what, TxOutcome o) {
        check(what, result(o));
    }

    private static void check(String what, TxResult r) {
        if (!r.ok()) {
            throw new DevnetException(what + " failed: " + r.describe());
        }
    }

    // ------------------------------------------------------------------ running

    private void tick() {
        try {
            long rss = rssKb();
            peakRssKb.accumulateAndGet(rss, Math::max);
            if (firstEpochAllMillis < 0) {
                boolean all = true;
                for (SubnetRun s : subnets) {
                    if (s.epochs() >= 1 && s.firstEpochMillis < 0) {
                        s.firstEpochMillis = elapsedMillis();
                    }
                    all &= s.firstEpochMillis >= 0;
                }
                if (all) {
                    firstEpochAllMillis = subnets.stream().mapToLong(s -> s.firstEpochMillis).max().orElse(0);
                    log(String.format("first epoch of every subnet %.1f s after start", firstEpochAllMillis / 1000.0));
                }
            }
            liveView.render(snapshot());
        } catch (RuntimeException e) {
            if (!closed.get()) {
                LOG.debug("view refresh failed", e);
            }
        }
    }

    /** What the live view and the summary show, read from the chain. */
    record Snapshot(long block, Supply supply, long blockEmission, List<SubnetState> subnets) {
    }

    record SubnetState(SubnetRun run, Subnet subnet, MetagraphView metagraph) {
    }

    Snapshot snapshot() {
        Supply supply = client.supply();
        List<SubnetState> states = new ArrayList<>();
        for (SubnetRun s : subnets) {
            states.add(new SubnetState(s, client.subnet(s.netuid).orElseThrow(),
                    client.metagraph(s.netuid, EnumSet.of(MetagraphField.HOTKEYS, MetagraphField.STAKE,
                            MetagraphField.INCENTIVE, MetagraphField.DIVIDENDS, MetagraphField.EMISSION,
                            MetagraphField.VALIDATOR_PERMIT, MetagraphField.LAST_UPDATE, MetagraphField.AXONS,
                            MetagraphField.WEIGHTS))));
        }
        return new Snapshot(supply.blockNumber(), supply, EmissionSchedule.blockEmission(supply.totalIssuance()), states);
    }

    /** Waits until every subnet has run {@code n} epochs since its neurons started; false on timeout. */
    public boolean awaitEpochs(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (subnets.stream().anyMatch(s -> s.epochs() < n)) {
            if (System.nanoTime() > deadline || closed.get()) {
                return false;
            }
            Thread.sleep(50);
        }
        // the epoch's results are in the block that ran it: give the view one more refresh
        Thread.sleep(Math.min(500, options.blockTime().toMillis()));
        return true;
    }

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

    /** Reads the final state, writes {@code --summary} if asked, and prints the figures. */
    public synchronized Summary finish() {
        if (closed.get() || client == null) {
            return null;
        }
        Snapshot snap = snapshot();
        Summary s = summary(snap);
        log(String.format("block %d: total_issuance %d, expected_issuance %d (%s); first epoch of every subnet %.1f s "
                        + "after start; peak resident memory %d MB", snap.block(), s.totalIssuance(), s.expectedIssuance(),
                s.issuanceMatches() ? "equal" : "MISMATCH", firstEpochAllMillis / 1000.0, peakRssKb() / 1024));
        if (options.summary() != null) {
            try {
                Path p = options.summary().toAbsolutePath();
                if (p.getParent() != null) {
                    Files.createDirectories(p.getParent());
                }
                Files.writeString(p, JSON.writeValueAsString(s.json()) + "\n");
                log("summary written to " + p);
            } catch (IOException e) {
                System.err.println("tao devnet: cannot write the summary: " + e.getMessage());
            }
        }
        return s;
    }

    Summary summary(Snapshot snap) {
        Supply supply = snap.supply();
        long n = supply.blockNumber();
        long genesis = (long) DevAccounts.NAMES.size() * ChainSpec.DEV_ENDOWMENT;
        // the halving schedule for each produced block, at the issuance before its mint: issuance only
        // moves by minting and recycling, so when the schedule gives one amount over the whole range
        // it gave it at every block
        // blocks mint only once a subnet exists to receive the emission (Coinbase): the produced blocks
        // that emit are those from the first subnet's registration block on
        long firstSubnet = client.subnets().stream().filter(x -> x.netuid() != 0).mapToLong(Subnet::registeredAt)
                .min().orElse(n + 1);
        long emitting = Math.max(0, n - firstSubnet + 1);
        long low = genesis - supply.totalRecycled();
        long high = genesis + supply.totalMinted();
        long scheduled;
        if (EmissionSchedule.era(low) == EmissionSchedule.era(high)) {
            // issuance only moves by minting and recycling: one era over the whole range means the
            // schedule gave the same amount at every block
            scheduled = emitting * EmissionSchedule.blockEmission(genesis);
        } else {
            scheduled = scheduledFromEvents(firstSubnet, n);
        }
        long expected = genesis + scheduled - supply.totalRecycled();
        ObjectNode root = JSON.createObjectNode();
        root.put("block", n);
        root.put("total_issuance", supply.totalIssuance());
        root.put("expected_issuance", expected);
        ArrayNode subs = root.putArray("subnets");
        for (SubnetState st : snap.subnets()) {
            SubnetRun run = st.run();
            MetagraphView mg = st.metagraph();
            ObjectNode o = subs.addObject();
            o.put("netuid", run.netuid);
            o.put("name", run.name);
            o.put("epochs", run.epochs());
            o.put("commit_reveal", st.subnet().hyperparams().commitRevealEnabled());
            o.put("reveal_period_epochs", st.subnet().hyperparams().revealPeriodEpochs());
            ArrayNode ns = o.putArray("neurons");
            for (int uid = 0; uid < mg.n(); uid++) {
                Member m = run.member(mg.hotkeys().get(uid));
                ObjectNode x = ns.addObject();
                x.put("uid", uid);
                x.put("hotkey", mg.hotkeys().get(uid).toSs58());
                x.put("role", m == null ? "unknown" : m.roleName());
                x.put("strategy", m == null ? "" : m.role() == Role.OWNER ? "" : m.label());
                x.put("stake", mg.stake()[uid]);
                x.put("incentive", mg.incentive()[uid]);
                x.put("dividends", mg.dividends()[uid]);
                x.put("emission", mg.emission()[uid]);
                x.put("last_update", mg.lastUpdate()[uid]);
                if (!mg.weights().get(uid).isEmpty()) {
                    ObjectNode w = x.putObject("weights"); // the row on chain: uid -> u16
                    mg.weights().get(uid).forEach(e -> w.put(String.valueOf(e.uid()), e.value()));
                }
            }
        }
        ObjectNode perf = root.putObject("performance");
        perf.put("ready_ms", readyMillis);
        perf.put("first_epoch_all_subnets_ms", firstEpochAllMillis);
        perf.put("peak_rss_mb", peakRssKb() / 1024);
        perf.put("total_minted", supply.totalMinted());
        perf.put("total_recycled", supply.totalRecycled());
        perf.put("emitting_blocks", emitting);
        return new Summary(root, supply.totalIssuance(), expected);
    }

    /**
     * Across a halving: Σ over blocks {@code from..n} of the schedule's emission at the issuance before
     * each block's mint, read from the blocks' {@code Minted} events ({@code totalIssuance} after it).
     */
    private long scheduledFromEvents(long from, long n) {
        long sum = 0;
        for (long b = Math.max(1, from); b <= n; b++) {
            var hash = client.blockHash(b).orElseThrow();
            for (var e : client.events(hash).events()) {
                if (e.type().equals("Minted")) {
                    sum += EmissionSchedule.blockEmission(e.longField("totalIssuance") - e.longField("amount"));
                }
            }
        }
        return sum;
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
