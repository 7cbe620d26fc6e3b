package org.tao4j.sdk.neuron;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.AxonEndpoint;
import org.tao4j.sdk.Synapse;
import org.tao4j.sdk.chain.SubnetChain;
import org.tao4j.sdk.chain.SubnetHyperparameters;
import org.tao4j.sdk.dendrite.AxonResult;
import org.tao4j.sdk.dendrite.Dendrite;
import org.tao4j.sdk.metagraph.Metagraph;
import org.tao4j.sdk.metagraph.MetagraphWatcher;

/**
 * A validator: the loop of the subnet template, with the chain's rules built in. Every
 * {@code --validator.step-blocks} blocks it
 * <ol>
 *   <li>samples up to {@code --validator.sample-size} uids that serve an axon (never itself);</li>
 *   <li>queries them all at once with the subnet's task, through its dendrite;</li>
 *   <li>scores the answers with the subnet's reward function, now or, for a task whose truth comes
 *       later, at a later step (the round waits until the reward function can score it);</li>
 *   <li>folds the scores into a moving average per uid ({@code --validator.moving-average-alpha}),
 *       reset when a uid changes hands;</li>
 *   <li>every {@code --validator.epoch-blocks} blocks (default: the tempo) sets weights from the
 *       moving averages, respecting the rate limit, {@code min_allowed_weights} and
 *       {@code max_weights_limit}, and using commit-reveal when the subnet has it on.</li>
 * </ol>
 * Its scores and pending commits are saved to {@code validator-state.json} in its working
 * directory, and loaded again on start, so a restart loses nothing.
 *
 * <p>Two virtual threads share the work: one queries and scores (steps 1-4), one follows the
 * chain at every block and sends the weight transactions (step 5). Slow or dead miners (a query
 * may wait {@code --validator.timeout}) therefore never delay a reveal, which has one epoch to land.
 *
 * <p>It never registers: a hotkey without a uid makes {@link Builder#start} throw
 * {@link NotRegisteredException}, and a validator that loses its uid stops setting weights and
 * says so.
 *
 * <p>{@link #weightCopier} builds the adversarial "weight copier": it queries nobody and sets the
 * previous epoch's consensus read from the metagraph as its weights.
 */
public final class Validator<Q, R> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Validator.class);
    /** Rounds waiting for their scores, at most; the oldest is given up beyond. */
    static final int MAX_PENDING_ROUNDS = 1024;
    /** A round not scorable after this many blocks is given up. */
    static final long MAX_ROUND_AGE_BLOCKS = 2_000;
    /** Steps between two saves of the state (it is also saved after every weight transaction). */
    static final int SAVE_EVERY_STEPS = 20;

    private final NeuronConfig config;
    private final SubnetChain chain;
    private final AccountId hotkey;
    private final int netuid;
    private final Synapse<Q, R> synapse;
    private final TaskSource<Q> tasks;
    private final RewardFunction<Q, R> reward;
    private final boolean copier;
    private final Dendrite dendrite;
    private final boolean ownsDendrite;
    private final SplittableRandom sampler;
    private final MovingAverageScores scores;
    private final ValidatorStore store;
    private final WeightSetter weights;
    private final Deque<Round<Q, R>> pending = new ArrayDeque<>();
    private final AtomicLong steps = new AtomicLong();
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong scoredRounds = new AtomicLong();
    private volatile int pendingRounds;
    private final AtomicLong chainSteps = new AtomicLong();
    private CountDownLatch stopped;
    private MetagraphWatcher watcher;
    private HeadWaiter heads;
    private Thread chainLoop;
    private Thread queryLoop;
    private volatile SubnetHyperparameters hyperparameters;
    private volatile boolean running;
    private volatile int uid = -1;
    private volatile double[] copied = new double[0];
    private long hyperparametersBlock;
    private long nextRoundId = 1;
    private boolean deregisteredLogged;

    private Validator(Builder<Q, R> b, boolean copier) {
        this.config = b.config;
        this.chain = b.chain;
        this.hotkey = chain.hotkey();
        if (!hotkey.equals(AccountId.of(b.keyPair.publicKey()))) {
            throw new IllegalArgumentException(
                    "the chain session signs as " + hotkey.toSs58() + ", not as this validator's hotkey "
                            + AccountId.of(b.keyPair.publicKey()).toSs58());
        }
        this.netuid = config.netuid();
        this.synapse = b.synapse;
        this.tasks = b.tasks;
        this.reward = b.reward;
        this.copier = copier;
        this.ownsDendrite = b.dendrite == null && !copier;
        this.dendrite = copier
                ? null
                : b.dendrite != null ? b.dendrite : Dendrite.builder(b.keyPair).build();
        this.sampler = new SplittableRandom(b.samplingSeed != null ? b.samplingSeed : new SecureRandom().nextLong());
        this.scores = new MovingAverageScores(config.movingAverageAlpha());
        this.store = new ValidatorStore(config.neuronDir());
        this.weights = new WeightSetter(chain, netuid, config.epochBlocks(), () -> heads.head(), this::save);
    }

    /**
     * A validator of {@code config.netuid()} signing as {@code hotkey} through {@code chain}; its
     * types come with {@link Builder#query}.
     */
    public static Builder<Object, Object> builder(NeuronConfig config, Ed25519.KeyPair hotkey, SubnetChain chain) {
        return new Builder<>(config, hotkey, chain);
    }

    /**
     * The adversarial weight copier: it queries no one, and at each weight setting submits the
     * consensus of the last epoch, read from the metagraph, as its own weights (through
     * commit-reveal when the subnet has it on, like everyone). Under commit-reveal the consensus it
     * can read is an epoch behind the weights it is judged against.
     */
    public static Validator<Void, Void> weightCopier(NeuronConfig config, Ed25519.KeyPair hotkey, SubnetChain chain) {
        Builder<Void, Void> b = new Builder<>(config, hotkey, chain);
        return new Validator<>(b, true).begin();
    }

    private Validator<Q, R> begin() {
        loadState();
        watcher = MetagraphWatcher.start(chain, netuid, Metagraph.Field.STANDARD, config.metagraphRefreshBlocks());
        try {
            Metagraph mg = watcher.current();
            uid = mg.uidOf(hotkey);
            if (uid < 0) {
                throw new NotRegisteredException(hotkey, netuid);
            }
            scores.reconcile(mg);
            hyperparameters = chain.hyperparameters(netuid);
            hyperparametersBlock = mg.block();
            heads = new HeadWaiter(chain, Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            watcher.close();
            if (dendrite != null && ownsDendrite) {
                dendrite.close();
            }
            throw e;
        }
        running = true;
        stopped = new CountDownLatch(copier ? 1 : 2);
        String name = (copier ? "copier-" : "validator-") + netuid + "-" + uid;
        chainLoop = Thread.ofVirtual().name(name + "-weights").start(() -> loop(1, this::chainStep));
        if (!copier) {
            queryLoop =
                    Thread.ofVirtual().name(name + "-queries").start(() -> loop(config.stepBlocks(), this::queryStep));
        }
        LOG.info(
                "validator.started netuid={} uid={} hotkey={} role={} state={} scores={} config={}",
                netuid,
                uid,
                hotkey.toSs58(),
                copier ? "weight-copier" : "validator",
                store.file(),
                scores.scores().size(),
                config);
        return this;
    }

    /**
     * Runs {@code step} at every {@code everyBlocks}-th head (at once when behind) until closed,
     * starting with the first block after the start: what was loaded is what it acts on.
     */
    private void loop(int everyBlocks, java.util.function.LongConsumer step) {
        try {
            long next = heads.head() + 1;
            while (running) {
                long head = heads.awaitAtLeast(next);
                if (!running) {
                    break;
                }
                try {
                    step.accept(head);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "validator.step_failed netuid={} uid={} block={} error={}",
                            netuid,
                            uid,
                            head,
                            e.toString(),
                            e);
                }
                next = head + everyBlocks;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    /**
     * The chain side, at every block, on its own thread so that slow miners never delay it (a
     * reveal has one epoch to land): follow the metagraph and hyperparameters, reveal what is due,
     * and set or commit weights when it is time.
     */
    private void chainStep(long head) {
        Metagraph mg = watcher.current();
        int me = mg.uidOf(hotkey);
        if (me < 0) {
            if (!deregisteredLogged) {
                LOG.error(
                        "validator.deregistered netuid={} hotkey={}: the uid is gone; not setting weights and not"
                                + " registering again",
                        netuid,
                        hotkey.toSs58());
                deregisteredLogged = true;
            }
            uid = -1;
            return;
        }
        deregisteredLogged = false;
        uid = me;
        if (mg.block() - hyperparametersBlock >= config.metagraphRefreshBlocks()) {
            hyperparameters = chain.hyperparameters(netuid);
            hyperparametersBlock = mg.block();
        }
        int dropped = scores.reconcile(mg);
        if (dropped > 0) {
            LOG.info("validator.scores_reset netuid={} uids={} reason=hotkey_changed", netuid, dropped);
        }
        weights.reveal(hyperparameters);
        double[] row;
        if (copier) {
            row = consensusOf(mg);
            copied = row;
        } else {
            row = scores.toArray(mg.n());
        }
        weights.submit(mg, me, hyperparameters, row);
        if (chainSteps.incrementAndGet() % SAVE_EVERY_STEPS == 0) {
            save();
        }
    }

    /** The miners' side, every {@code --validator.step-blocks} blocks: query a sample, score what can be scored. */
    private void queryStep(long head) {
        steps.incrementAndGet();
        Metagraph mg = watcher.current();
        int me = mg.uidOf(hotkey);
        if (me < 0) {
            return; // the chain side says so
        }
        query(head, mg, me);
        scorePending(heads.head(), watcher.current());
    }

    private static double[] consensusOf(Metagraph mg) {
        int[] c = mg.consensusColumn();
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = c[i] / 65535.0;
        }
        return out;
    }

    private void query(long head, Metagraph mg, int me) {
        int[] serving = mg.servingUids();
        List<Integer> candidates = new ArrayList<>(serving.length);
        for (int u : serving) {
            if (u != me) {
                candidates.add(u);
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        // a partial Fisher-Yates shuffle: the first k are a uniform sample
        int k = Math.min(config.sampleSize(), candidates.size());
        for (int i = 0; i < k; i++) {
            int j = i + sampler.nextInt(candidates.size() - i);
            Integer t = candidates.get(i);
            candidates.set(i, candidates.get(j));
            candidates.set(j, t);
        }
        List<Integer> sample = new ArrayList<>(candidates.subList(0, k));
        sample.sort(null);
        List<AccountId> hotkeys = new ArrayList<>(k);
        List<AxonEndpoint> endpoints = new ArrayList<>(k);
        for (int u : sample) {
            hotkeys.add(mg.hotkey(u));
            endpoints.add(mg.axonEndpoint(u));
        }
        Q request = tasks.next(head);
        List<AxonResult<R>> results = dendrite.query(endpoints, synapse, request, config.queryTimeout())
                .join();
        queries.addAndGet(k);
        Round<Q, R> round = new Round<>(nextRoundId++, head, request, sample, hotkeys, results);
        pending.addLast(round);
        while (pending.size() > MAX_PENDING_ROUNDS) {
            reward.discard(pending.removeFirst());
        }
        pendingRounds = pending.size();
        LOG.debug(
                "validator.queried netuid={} block={} round={} uids={} answered={}",
                netuid,
                head,
                round.id(),
                sample,
                round.answered());
    }

    private void scorePending(long head, Metagraph mg) {
        for (var it = pending.iterator(); it.hasNext(); ) {
            Round<Q, R> round = it.next();
            Optional<Map<Integer, Double>> s = reward.score(round, head);
            if (s.isPresent()) {
                it.remove();
                scoredRounds.incrementAndGet();
                s.get().forEach((u, x) -> {
                    int k = round.uids().indexOf(u);
                    // only the hotkey that answered earns the score
                    if (k >= 0
                            && u < mg.n()
                            && mg.hotkey(u).equals(round.hotkeys().get(k))) {
                        scores.update(u, round.hotkeys().get(k), x == null ? 0 : x, head);
                    }
                });
                LOG.debug("validator.scored netuid={} block={} round={} scores={}", netuid, head, round.id(), s.get());
            } else if (head - round.block() > MAX_ROUND_AGE_BLOCKS) {
                it.remove();
                reward.discard(round);
            }
        }
        pendingRounds = pending.size();
    }

    // ---- persistence

    private void loadState() {
        store.load().ifPresent(saved -> {
            if (saved.netuid() != netuid || !saved.hotkey().equals(hotkey.toSs58())) {
                throw new IllegalStateException(
                        "validator state " + store.file() + " belongs to hotkey " + saved.hotkey() + " on subnet "
                                + saved.netuid() + "; give this validator its own --neuron.dir");
            }
            for (ValidatorStore.SavedScore s : saved.scores()) {
                scores.restore(
                        s.uid(),
                        new MovingAverageScores.Entry(AccountId.fromSs58(s.hotkey()), s.score(), s.last(), s.block()));
            }
            List<WeightSetter.PendingCommit> commits = new ArrayList<>();
            for (ValidatorStore.SavedCommit c : saved.commits()) {
                commits.add(new WeightSetter.PendingCommit(
                        c.block(),
                        c.confirmed(),
                        c.uids(),
                        c.values(),
                        HexFormat.of()
                                .parseHex(c.salt().startsWith("0x") ? c.salt().substring(2) : c.salt()),
                        c.versionKey()));
            }
            weights.restore(saved.lastWeightsBlock(), commits);
            LOG.info(
                    "validator.resumed netuid={} file={} block={} scores={} commits={}",
                    netuid,
                    store.file(),
                    saved.block(),
                    saved.scores().size(),
                    commits.size());
        });
    }

    /** Writes the scores and pending commits to disk now. */
    public synchronized void save() {
        List<ValidatorStore.SavedScore> saved = new ArrayList<>();
        scores.entries()
                .forEach((u, e) -> saved.add(
                        new ValidatorStore.SavedScore(u, e.hotkey().toSs58(), e.score(), e.last(), e.block())));
        List<ValidatorStore.SavedCommit> commits = new ArrayList<>();
        for (WeightSetter.PendingCommit c : weights.pendingCommits()) {
            commits.add(new ValidatorStore.SavedCommit(
                    c.block(),
                    c.confirmed(),
                    c.uids(),
                    c.values(),
                    "0x" + HexFormat.of().formatHex(c.salt()),
                    c.versionKey()));
        }
        long block = heads == null ? 0 : heads.head();
        store.save(new ValidatorStore.Saved(
                ValidatorStore.VERSION,
                netuid,
                hotkey.toSs58(),
                block,
                scores.alpha(),
                weights.lastWeightsBlock(),
                saved,
                commits));
    }

    // ---- what it knows

    /** Every commitment on this validator's subnet at the head, in one read (docs/spec/chain.md §11). */
    public java.util.List<org.tao4j.sdk.chain.Commitment> commitments() {
        return chain.commitments(netuid);
    }

    public AccountId hotkey() {
        return hotkey;
    }

    public int netuid() {
        return netuid;
    }

    /** Its uid, or -1 once it has lost it. */
    public int uid() {
        return uid;
    }

    /** Whether this is the adversarial weight copier. */
    public boolean isWeightCopier() {
        return copier;
    }

    /** The moving-average score of each uid it has scored, in uid order (the copier: the consensus it copies). */
    public Map<Integer, Double> scores() {
        if (copier) {
            Map<Integer, Double> out = new LinkedHashMap<>();
            double[] c = copied;
            for (int i = 0; i < c.length; i++) {
                if (c[i] > 0) {
                    out.put(i, c[i]);
                }
            }
            return out;
        }
        return scores.scores();
    }

    /** The last raw score each uid got in a round, in uid order (empty for the copier). */
    public Map<Integer, Double> lastScores() {
        Map<Integer, Double> out = new LinkedHashMap<>();
        scores.entries().forEach((u, e) -> out.put(u, e.last()));
        return out;
    }

    /** The last weight row it set or revealed (or committed), or null before the first. */
    public WeightRow lastWeights() {
        return weights.lastRow();
    }

    /** The block of its last {@code set_weights} or {@code commit_weights}, or a very negative number. */
    public long lastWeightsBlock() {
        return weights.lastWeightsBlock();
    }

    public Stats stats() {
        return new Stats(
                steps.get(),
                queries.get(),
                scoredRounds.get(),
                pendingRounds,
                weights.weightsSet.get(),
                weights.committed.get(),
                weights.revealed.get(),
                weights.failures.get(),
                weights.pendingCommits().size(),
                weights.lastError());
    }

    /** Counters for logs, live views and tests; {@code steps} counts query steps. */
    public record Stats(
            long steps,
            long queries,
            long scoredRounds,
            int pendingRounds,
            long weightsSet,
            long commits,
            long reveals,
            long weightFailures,
            int pendingCommits,
            String lastWeightError) {}

    /** The working directory's state file. */
    public java.nio.file.Path stateFile() {
        return store.file();
    }

    @Override
    public String toString() {
        return (copier ? "WeightCopier" : "Validator") + "[netuid=" + netuid + ", uid=" + uid + ", hotkey="
                + hotkey.toSs58() + ", state=" + store.file() + "]";
    }

    /** Stops the loop (waiting for the current step), saves the state and releases everything. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        chainLoop.interrupt();
        if (queryLoop != null) {
            queryLoop.interrupt();
        }
        try {
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                LOG.warn("validator.stop_slow netuid={} uid={}", netuid, uid);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            save();
        } finally {
            heads.close();
            watcher.close();
            if (dendrite != null && ownsDendrite) {
                dendrite.close();
            }
            LOG.info("validator.stopped netuid={} uid={} stats={}", netuid, uid, stats());
        }
    }

    /** Configures and starts a {@link Validator}. */
    public static final class Builder<Q, R> {
        private final NeuronConfig config;
        private final Ed25519.KeyPair keyPair;
        private final SubnetChain chain;
        private Synapse<Q, R> synapse;
        private TaskSource<Q> tasks;
        private RewardFunction<Q, R> reward;
        private Dendrite dendrite;
        private Long samplingSeed;

        private Builder(NeuronConfig config, Ed25519.KeyPair keyPair, SubnetChain chain) {
            this.config = Objects.requireNonNull(config, "config");
            this.keyPair = Objects.requireNonNull(keyPair, "hotkey");
            this.chain = Objects.requireNonNull(chain, "chain");
        }

        /** What to ask miners and how to score their answers: the subnet's code. Sets the builder's types. */
        @SuppressWarnings("unchecked")
        public <Q2, R2> Builder<Q2, R2> query(
                Synapse<Q2, R2> synapse, TaskSource<Q2> tasks, RewardFunction<Q2, R2> reward) {
            Builder<Q2, R2> typed = (Builder<Q2, R2>) this; // nothing typed was set before: the cast is safe
            typed.synapse = Objects.requireNonNull(synapse, "synapse");
            typed.tasks = Objects.requireNonNull(tasks, "tasks");
            typed.reward = Objects.requireNonNull(reward, "reward");
            return typed;
        }

        /** {@link #query} with the pair a {@link SubnetDefinition} gives. */
        public <Q2, R2> Builder<Q2, R2> query(Synapse<Q2, R2> synapse, ValidatorLogic<Q2, R2> logic) {
            return query(synapse, logic.tasks(), logic.reward());
        }

        /** A dendrite to query with (the caller keeps it and closes it); by default the validator makes its own. */
        public Builder<Q, R> dendrite(Dendrite d) {
            if (!d.hotkey().equals(AccountId.of(keyPair.publicKey()))) {
                throw new IllegalArgumentException("the dendrite signs with another hotkey");
            }
            this.dendrite = d;
            return this;
        }

        /** Seeds the choice of uids to query (default: random); for reproducible tests. */
        public Builder<Q, R> samplingSeed(long seed) {
            this.samplingSeed = seed;
            return this;
        }

        /**
         * Loads the saved state, syncs the metagraph and starts the loop.
         *
         * @throws NotRegisteredException when the hotkey holds no uid on the subnet
         */
        public Validator<Q, R> start() {
            if (synapse == null) {
                throw new IllegalStateException("a validator needs query(synapse, tasks, reward)");
            }
            return new Validator<>(this, false).begin();
        }
    }
}
