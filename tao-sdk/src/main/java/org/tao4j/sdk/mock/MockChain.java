package org.tao4j.sdk.mock;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.consensus.SparseRow;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.kv.MemoryKeyValueStore;
import org.tao4j.runtime.ApplyResult;
import org.tao4j.runtime.BlockExecution;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.Runtime;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.schema.NeuronInfo;
import org.tao4j.runtime.schema.SubnetInfo;
import org.tao4j.runtime.staking.Staking;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Hyperparameter;
import org.tao4j.sdk.chain.HeadListener;
import org.tao4j.sdk.chain.HeadSubscription;
import org.tao4j.sdk.chain.SubnetChain;
import org.tao4j.sdk.chain.SubnetHyperparameters;
import org.tao4j.sdk.chain.TxResult;
import org.tao4j.sdk.metagraph.AxonInfo;
import org.tao4j.sdk.metagraph.Metagraph;

/**
 * An in-memory chain for testing a subnet in one JVM, without a node (mock mode).
 *
 * <p>It holds the runtime's own {@link ChainState} in memory and drives the runtime's own block step:
 * each block is a {@link BlockExecution}, the same object a node uses to author and import blocks.
 * A neuron's calls ({@code set_weights}, {@code commit_weights}, {@code reveal_weights},
 * {@code serve_axon}, {@code commit}) run in the open block through
 * {@link BlockExecution#dispatchWithoutTransaction}, i.e. {@link Runtime#dispatch} with every guard
 * (rate limits, permits, min-allowed-weights, max-weight-limit, version key, reveal epochs, serving
 * rate limit); and {@link #advance} finishes the block with the runtime's step (docs/spec/chain.md §7:
 * childkeys, burn decay, the block emission with the owner cut, every due epoch, root first). So a
 * subnet tested against it sees incentives, dividends and permits move as on a real chain, and a
 * change to the chain's block step reaches mock mode with no change here.
 *
 * <p>What it leaves out: transactions (no signatures, fees or nonces: a call runs as the hotkey of
 * the {@link #connect session} that sends it) and registration through {@code burned_register}:
 * set-up ({@link #addSubnet}, {@link #register}, {@link #replace}, {@link #setHyperparameter}) writes
 * the state directly, as a genesis would. Emission is the chain's: 1 TAO per block before the first
 * halving, split equally among the open subnets until root weights exist, 18% of it to the owner.
 *
 * <p>A call is applied at once, as part of the next block (number {@code head + 1}), in its own
 * overlay that a failure rolls back, as the runtime does. Blocks advance on demand
 * ({@link #advance}) or on a timer ({@link #startBlocks}); head listeners are told after each block,
 * on the thread that produced it. Thread-safe: one lock guards the state().
 *
 * <pre>{@code
 * MockChain chain = MockChain.create();
 * chain.addSubnet(1);
 * chain.register(1, id(minerKey), 0);
 * chain.register(1, id(validatorKey), 1_000 * MockChain.TAO, true);
 * SubnetChain minerView = chain.connect(minerKey);
 * chain.startBlocks(Duration.ofMillis(100));
 * }</pre>
 */
public final class MockChain implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MockChain.class);
    public static final long TAO = ChainParams.RAO_PER_TAO;

    private final Object lock = new Object();
    private final Object producing = new Object();
    /** Mock mode's chain identity; nothing is signed, so it only names the runtime instance. */
    private static final byte[] MOCK_GENESIS =
            org.tao4j.core.crypto.Blake2b.hash256("tao4j mock chain".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private final MemoryKeyValueStore store = new MemoryKeyValueStore();
    private final Runtime runtime = new Runtime(MOCK_GENESIS);
    private final SplittableRandom random;
    /** The block being built (head + 1): calls and set-up write into it; {@link #advance} finishes it. */
    private BlockExecution current;
    /** How many of {@code current}'s events are already recorded (calls record theirs at once). */
    private int recordedInBlock;

    private final List<HeadListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> eventCounts = new HashMap<>();
    private final Map<Integer, Integer> epochCounts = new HashMap<>();
    private final List<Event> recentEvents = new ArrayList<>();
    private ScheduledExecutorService timer;
    private long head;

    private MockChain(long seed) {
        this.random = new SplittableRandom(seed);
        ChainState genesis = new ChainState(store);
        genesis.setParams(ChainParams.dev());
        genesis.setLive(false); // loopback axons are fine, as on a dev chain
        genesis.setBlockNumber(0);
        current = runtime.begin(store, 1);
    }

    /** A chain at block 0 with no subnets (the dev chain's parameters). */
    public static MockChain create() {
        return new MockChain(42);
    }

    /** @param seed for the hotkeys of {@link #addFakeNeurons} and the subnets' fake owners */
    public static MockChain create(long seed) {
        return new MockChain(seed);
    }

    /** The state as the open block sees it (committed blocks, then this block's calls and set-up). */
    private ChainState state() {
        return current.state();
    }

    // ------------------------------------------------------------------ set-up

    /**
     * Creates subnet {@code netuid} with a fake owner (uid 0, as {@code register_network} gives the
     * owner's hotkey) and mock-friendly hyperparameters: the dev chain's defaults with tempo 20 and
     * {@code weights_set_rate_limit} 10. Change them with {@link #setHyperparameter}.
     */
    public MockChain addSubnet(int netuid) {
        if (netuid < 1 || netuid > 0xFFFF) {
            throw new IllegalArgumentException("netuid must be 1..65535 (0 is root), got " + netuid);
        }
        synchronized (lock) {
            if (state().subnetExists(netuid)) {
                throw new IllegalStateException("subnet " + netuid + " exists");
            }
            AccountId ownerCold = randomAccount();
            AccountId ownerHot = randomAccount();
            state().setSubnet(new SubnetInfo(
                    netuid, ownerCold, ownerHot, head, 0, state().params().newSubnetBurn(), -1, 0, 0, 0, 0, -1, 0));
            Hyperparams h = Hyperparams.defaults(state().params())
                    .with(Hyperparameter.TEMPO, 20)
                    .with(Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 10);
            state().setHyperparams(netuid, h);
            registerLocked(netuid, ownerHot, ownerCold, 0, false);
        }
        return this;
    }

    /** Sets one hyperparameter, as the owner's {@code set_hyperparameter} would (no checks). */
    public MockChain setHyperparameter(int netuid, Hyperparameter param, long value) {
        synchronized (lock) {
            requireSubnet(netuid);
            state().setHyperparams(netuid, state().hyperparams(netuid).with(param, value));
        }
        return this;
    }

    public Hyperparams hyperparams(int netuid) {
        synchronized (lock) {
            requireSubnet(netuid);
            return state().hyperparams(netuid);
        }
    }

    /** Registers {@code hotkey} (owned by a fresh coldkey) with {@code stakeRao} of stake; returns its uid. */
    public int register(int netuid, AccountId hotkey, long stakeRao) {
        return register(netuid, hotkey, stakeRao, false);
    }

    /**
     * Registers {@code hotkey} as the next uid at the head block, owned by a fresh coldkey, with
     * {@code stakeRao} of stake. {@code permit} pre-sets the stored validator permit, which a real
     * chain only grants at the next epoch (the epoch recomputes it from stake); it lets validators
     * start before the first epoch.
     */
    public int register(int netuid, AccountId hotkey, long stakeRao, boolean permit) {
        synchronized (lock) {
            requireSubnet(netuid);
            return registerLocked(netuid, hotkey, randomAccount(), stakeRao, permit);
        }
    }

    /** {@code count} neurons with random hotkeys, no axon and {@code stakeRao} each; returns their hotkeys. */
    public List<AccountId> addFakeNeurons(int netuid, int count, long stakeRao) {
        List<AccountId> out = new ArrayList<>(count);
        synchronized (lock) {
            requireSubnet(netuid);
            for (int i = 0; i < count; i++) {
                AccountId hk = randomAccount();
                registerLocked(netuid, hk, randomAccount(), stakeRao, false);
                out.add(hk);
            }
        }
        return out;
    }

    /**
     * Gives {@code uid} to {@code newHotkey}, as a registration that prunes it does: a fresh neuron,
     * its weights, bonds and the old hotkey's commits wiped.
     */
    public void replace(int netuid, int uid, AccountId newHotkey) {
        synchronized (lock) {
            requireSubnet(netuid);
            NeuronInfo old = state().neuron(netuid, uid);
            if (old == null) {
                throw new IllegalArgumentException("no uid " + uid + " on subnet " + netuid);
            }
            if (state().uid(netuid, newHotkey) >= 0) {
                throw new IllegalStateException(newHotkey + " is already registered on subnet " + netuid);
            }
            state().removeUid(netuid, old.hotkey());
            state().setCommits(netuid, old.hotkey(), List.of());
            state().setWeights(netuid, uid, SparseRow.EMPTY);
            state().setBonds(netuid, uid, SparseRow.EMPTY);
            state().setNeuron(netuid, uid, NeuronInfo.fresh(newHotkey, head));
            state().setUid(netuid, newHotkey, uid);
            if (state().owner(newHotkey) == null) {
                state().setOwner(newHotkey, randomAccount());
            }
            record(List.of(new Event.NeuronReplaced(netuid, uid, old.hotkey(), newHotkey)));
        }
    }

    private int registerLocked(int netuid, AccountId hotkey, AccountId coldkey, long stakeRao, boolean permit) {
        if (state().uid(netuid, hotkey) >= 0) {
            throw new IllegalStateException(hotkey + " is already registered on subnet " + netuid);
        }
        if (stakeRao < 0) {
            throw new IllegalArgumentException("stake must be >= 0");
        }
        SubnetInfo sn = state().subnet(netuid);
        int uid = sn.n();
        NeuronInfo fresh = NeuronInfo.fresh(hotkey, head);
        if (permit) {
            fresh = fresh.withEpoch(true, true, 0, 0, 0, 0, 0);
        }
        state().setNeuron(netuid, uid, fresh);
        state().setUid(netuid, hotkey, uid);
        AccountId owner = state().owner(hotkey);
        if (owner == null) {
            state().setOwner(hotkey, coldkey);
            owner = coldkey;
        }
        state().setSubnet(sn.withRegistration(head, uid + 1, sn.burn()));
        if (stakeRao > 0) {
            Staking.creditStake(state(), hotkey, owner, stakeRao);
            state().setTotalIssuance(state().totalIssuance() + stakeRao);
        }
        record(List.of(new Event.NeuronRegistered(netuid, uid, hotkey, 0)));
        return uid;
    }

    private AccountId randomAccount() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return new AccountId(b);
    }

    // ------------------------------------------------------------------ blocks

    /** The head block's number. */
    public long head() {
        synchronized (lock) {
            return head;
        }
    }

    /**
     * Produces one block: finishes the open block with the runtime's block step (childkeys, burn
     * decay, emission, due epochs), commits it, opens the next, then tells the head listeners.
     */
    public long advance() {
        synchronized (producing) {
            long b;
            synchronized (lock) {
                BlockExecution.Outcome out = current.finish();
                for (var ch : out.changes().entrySet()) {
                    if (ch.getValue() == null) {
                        store.delete(ch.getKey());
                    } else {
                        store.put(ch.getKey(), ch.getValue());
                    }
                }
                head = out.number();
                b = head;
                List<Event> step =
                        out.events().subList(recordedInBlock, out.events().size());
                for (Event e : step) {
                    if (e instanceof Event.EpochRun er) {
                        epochCounts.merge(er.netuid(), 1, Integer::sum);
                        LOG.debug("mock.epoch netuid={} block={}", er.netuid(), b);
                    }
                }
                record(step);
                current = runtime.begin(store, head + 1);
                recordedInBlock = 0;
            }
            for (HeadListener l : listeners) {
                try {
                    l.onHead(b);
                } catch (RuntimeException e) {
                    LOG.warn("mock.head_listener_failed block={}", b, e);
                }
            }
            return b;
        }
    }

    /** Produces {@code blocks} blocks; returns the new head. */
    public long advance(int blocks) {
        long b = head();
        for (int i = 0; i < blocks; i++) {
            b = advance();
        }
        return b;
    }

    /** Produces blocks until subnet {@code netuid} has run its next epoch; returns that block. */
    public long advanceToNextEpoch(int netuid) {
        int before = epochs(netuid);
        while (true) {
            long b = advance();
            if (epochs(netuid) > before) {
                return b;
            }
        }
    }

    /** Produces a block every {@code interval} on a timer thread, until {@link #stopBlocks} or close. */
    public synchronized void startBlocks(Duration interval) {
        if (timer != null) {
            throw new IllegalStateException("blocks are already produced on a timer");
        }
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "mock-chain-blocks");
            th.setDaemon(true);
            return th;
        });
        // fixed delay, not rate: after a stall a node produces the next block late, not a burst of them
        t.scheduleWithFixedDelay(
                () -> {
                    try {
                        advance();
                    } catch (RuntimeException e) {
                        LOG.error("mock.block_failed", e);
                    }
                },
                interval.toNanos(),
                interval.toNanos(),
                TimeUnit.NANOSECONDS);
        timer = t;
    }

    public synchronized void stopBlocks() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
    }

    @Override
    public void close() {
        stopBlocks();
        listeners.clear();
    }

    // ------------------------------------------------------------------ reads

    /** Reads the state under the chain's lock; for tests and tools. Do not keep {@code ChainState}. */
    public <T> T read(Function<ChainState, T> reader) {
        synchronized (lock) {
            return reader.apply(state());
        }
    }

    /** How many epochs subnet {@code netuid} has run. */
    public int epochs(int netuid) {
        synchronized (lock) {
            return epochCounts.getOrDefault(netuid, 0);
        }
    }

    /** How many events of this type the chain has emitted (calls, registrations, epochs). */
    public int eventCount(Class<? extends Event> type) {
        synchronized (lock) {
            return eventCounts.getOrDefault(type.getSimpleName(), 0);
        }
    }

    /** The last (up to 10,000) events, oldest first. */
    public List<Event> recentEvents() {
        synchronized (lock) {
            return List.copyOf(recentEvents);
        }
    }

    private void record(List<Event> events) {
        for (Event e : events) {
            eventCounts.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            recentEvents.add(e);
        }
        if (recentEvents.size() > 10_000) {
            recentEvents.subList(0, recentEvents.size() - 10_000).clear();
        }
    }

    /** The metagraph of {@code netuid} at the head. */
    public Metagraph metagraph(int netuid, Set<Metagraph.Field> fields) {
        synchronized (lock) {
            requireSubnet(netuid);
            List<NeuronInfo> ns = state().neurons(netuid);
            int n = ns.size();
            Metagraph.Builder b = Metagraph.builder(netuid, head, n)
                    .hotkeys(ns.stream().map(NeuronInfo::hotkey).toList());
            if (fields.contains(Metagraph.Field.COLDKEYS)) {
                b.coldkeys(ns.stream().map(x -> state().owner(x.hotkey())).toList());
            }
            if (fields.contains(Metagraph.Field.STAKE)) {
                b.stake(ns.stream()
                        .mapToLong(x -> state().totalHotkeyStake(x.hotkey()))
                        .toArray());
            }
            if (fields.contains(Metagraph.Field.CONSENSUS)) {
                b.consensus(ns.stream().mapToInt(NeuronInfo::consensus).toArray());
            }
            if (fields.contains(Metagraph.Field.INCENTIVE)) {
                b.incentive(ns.stream().mapToInt(NeuronInfo::incentive).toArray());
            }
            if (fields.contains(Metagraph.Field.DIVIDENDS)) {
                b.dividends(ns.stream().mapToInt(NeuronInfo::dividends).toArray());
            }
            if (fields.contains(Metagraph.Field.VALIDATOR_TRUST)) {
                b.validatorTrust(
                        ns.stream().mapToInt(NeuronInfo::validatorTrust).toArray());
            }
            if (fields.contains(Metagraph.Field.EMISSION)) {
                b.emission(ns.stream().mapToLong(NeuronInfo::emission).toArray());
            }
            if (fields.contains(Metagraph.Field.ACTIVE)) {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = ns.get(i).active();
                }
                b.active(a);
            }
            if (fields.contains(Metagraph.Field.LAST_UPDATE)) {
                b.lastUpdate(ns.stream().mapToLong(NeuronInfo::lastUpdate).toArray());
            }
            if (fields.contains(Metagraph.Field.REGISTERED_AT)) {
                b.registeredAt(ns.stream().mapToLong(NeuronInfo::registeredAt).toArray());
            }
            if (fields.contains(Metagraph.Field.VALIDATOR_PERMIT)) {
                boolean[] p = new boolean[n];
                for (int i = 0; i < n; i++) {
                    p[i] = ns.get(i).validatorPermit();
                }
                b.validatorPermit(p);
            }
            if (fields.contains(Metagraph.Field.AXONS)) {
                List<AxonInfo> axons = new ArrayList<>(n);
                for (NeuronInfo x : ns) {
                    var a = x.axon();
                    axons.add(
                            a == null
                                    ? null
                                    : new AxonInfo(
                                            a.ipText(), a.port(), a.ipType(), a.protocol(), a.version(), a.block()));
                }
                b.axons(axons);
            }
            if (fields.contains(Metagraph.Field.WEIGHTS)) {
                List<SparseRow> rows = new ArrayList<>(n);
                for (int uid = 0; uid < n; uid++) {
                    rows.add(state().weights(netuid, uid));
                }
                b.weights(rows);
            }
            if (fields.contains(Metagraph.Field.BONDS)) {
                List<SparseRow> rows = new ArrayList<>(n);
                for (int uid = 0; uid < n; uid++) {
                    rows.add(state().bonds(netuid, uid));
                }
                b.bonds(rows);
            }
            return b.build();
        }
    }

    /** The hyperparameters a neuron acts on. */
    public SubnetHyperparameters subnetHyperparameters(int netuid) {
        Hyperparams h = hyperparams(netuid);
        return new SubnetHyperparameters(
                netuid,
                h.tempo(),
                h.commitRevealEnabled(),
                h.revealPeriodEpochs(),
                h.weightsSetRateLimit(),
                h.minAllowedWeights(),
                h.maxWeightsLimit(),
                h.weightsVersionKey());
    }

    private void requireSubnet(int netuid) {
        if (!state().subnetExists(netuid)) {
            throw new IllegalArgumentException("subnet " + netuid + " does not exist");
        }
    }

    // ------------------------------------------------------------------ calls

    /** A view of this chain whose calls run as {@code hotkey}: what a neuron is given. */
    public SubnetChain connect(Ed25519.KeyPair hotkey) {
        return new Session(AccountId.of(hotkey.publicKey()));
    }

    /** Runs one call as {@code signer} in the open block (head + 1), through the runtime's dispatcher. */
    private TxResult dispatch(AccountId signer, Call call) {
        synchronized (lock) {
            long at = head + 1;
            ApplyResult.Included r = current.dispatchWithoutTransaction(signer, call);
            List<Event> all = current.eventsSoFar();
            record(all.subList(recordedInBlock, all.size()));
            recordedInBlock = all.size();
            return r.error() == null ? new TxResult.Included(at) : new TxResult.Failed(at, r.error(), r.message());
        }
    }

    private final class Session implements SubnetChain {
        private final AccountId hotkey;
        private final List<HeadListener> mine = new CopyOnWriteArrayList<>();

        Session(AccountId hotkey) {
            this.hotkey = hotkey;
        }

        @Override
        public AccountId hotkey() {
            return hotkey;
        }

        @Override
        public Metagraph sync(int netuid, Set<Metagraph.Field> fields) {
            return metagraph(netuid, fields);
        }

        @Override
        public long currentBlock() {
            return head();
        }

        @Override
        public SubnetHyperparameters hyperparameters(int netuid) {
            return subnetHyperparameters(netuid);
        }

        @Override
        public HeadSubscription subscribeHeads(HeadListener listener) {
            Objects.requireNonNull(listener);
            listeners.add(listener);
            mine.add(listener);
            return () -> {
                listeners.remove(listener);
                mine.remove(listener);
            };
        }

        @Override
        public TxResult setWeights(int netuid, int[] uids, int[] values, long versionKey) {
            return dispatch(hotkey, new Call.SetWeights(netuid, uids, values, versionKey));
        }

        @Override
        public TxResult commitWeights(int netuid, byte[] hash) {
            return dispatch(hotkey, new Call.CommitWeights(netuid, hash));
        }

        @Override
        public TxResult revealWeights(int netuid, int[] uids, int[] values, byte[] salt, long versionKey) {
            return dispatch(hotkey, new Call.RevealWeights(netuid, uids, values, salt, versionKey));
        }

        @Override
        public TxResult serveAxon(int netuid, InetAddress ip, int port, int protocol, long version) {
            byte[] raw = ip.getAddress();
            int ipType = raw.length == 4 ? 4 : 6;
            return dispatch(hotkey, new Call.ServeAxon(netuid, raw, port, ipType, protocol, version));
        }

        @Override
        public TxResult commit(int netuid, byte[] data) {
            return dispatch(hotkey, new Call.Commit(netuid, data));
        }

        @Override
        public List<org.tao4j.sdk.chain.Commitment> commitments(int netuid) {
            synchronized (lock) {
                requireSubnet(netuid);
                List<org.tao4j.sdk.chain.Commitment> out = new ArrayList<>();
                for (var e : state().commitments(netuid)) {
                    if (e.second().data().length > 0) {
                        out.add(new org.tao4j.sdk.chain.Commitment(
                                state().uid(netuid, e.first()),
                                e.first(),
                                e.second().block(),
                                e.second().data()));
                    }
                }
                return out;
            }
        }

        @Override
        public void close() {
            listeners.removeAll(mine);
            mine.clear();
        }

        @Override
        public String toString() {
            return "MockChain.Session[" + hotkey.toSs58() + "]";
        }
    }
}
