package org.tao4j.sdk.mock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.runtime.tx.Hyperparameter;
import org.tao4j.sdk.metagraph.Metagraph;
import org.tao4j.sdk.neuron.Miner;
import org.tao4j.sdk.neuron.NeuronConfig;
import org.tao4j.sdk.neuron.SubnetDefinition;
import org.tao4j.sdk.neuron.Validator;

/**
 * A whole subnet in one JVM: a {@link MockChain} producing blocks on a timer, one miner per listed
 * strategy and a few validators (and, optionally, weight copiers), all real neurons talking over
 * real axons and dendrites on loopback. This is mock mode for a subnet author
 * ({@code … local --mock}), and the shape an in-process orchestrator follows against a real node.
 *
 * <pre>{@code
 * try (LocalSubnet s = LocalSubnet.builder(new ForecastSubnet()).validators(2).start()) {
 *     s.awaitEpochs(5, Duration.ofMinutes(1));
 *     System.out.println(s.table());
 * }
 * }</pre>
 */
public final class LocalSubnet implements AutoCloseable {
    /** What a neuron of the local subnet is. */
    public enum Role {
        MINER,
        VALIDATOR,
        COPIER
    }

    /** One neuron: its role, strategy (miners) and key. */
    public record Member(Role role, String strategy, Ed25519.KeyPair key) {
        public AccountId hotkey() {
            return AccountId.of(key.publicKey());
        }
    }

    private final Builder options;
    private final MockChain chain;
    private final List<Member> members = new ArrayList<>();
    private final List<Miner> miners = new ArrayList<>();
    private final List<Validator<?, ?>> validators = new ArrayList<>();

    private LocalSubnet(Builder b) {
        this.options = b;
        this.chain = MockChain.create(b.seed);
        int netuid = b.netuid;
        chain.addSubnet(netuid)
                .setHyperparameter(netuid, Hyperparameter.TEMPO, b.tempo)
                .setHyperparameter(netuid, Hyperparameter.WEIGHTS_SET_RATE_LIMIT, b.weightsRateLimit)
                .setHyperparameter(netuid, Hyperparameter.COMMIT_REVEAL_ENABLED, b.commitReveal ? 1 : 0)
                .setHyperparameter(netuid, Hyperparameter.MAX_ALLOWED_VALIDATORS, b.validators + b.copiers);
        SplittableRandom keys = new SplittableRandom(b.seed);
        for (int i = 0; i < b.validators; i++) {
            members.add(new Member(Role.VALIDATOR, null, key(keys)));
        }
        for (int i = 0; i < b.copiers; i++) {
            members.add(new Member(Role.COPIER, null, key(keys)));
        }
        for (String s : b.strategies) {
            members.add(new Member(Role.MINER, s, key(keys)));
        }
        for (Member m : members) {
            boolean validates = m.role() != Role.MINER;
            chain.register(netuid, m.hotkey(), validates ? b.validatorStake : 0, validates);
        }
    }

    private static Ed25519.KeyPair key(SplittableRandom r) {
        byte[] seed = new byte[32];
        r.nextBytes(seed);
        return Ed25519.KeyPair.fromSeed(seed);
    }

    public static Builder builder(SubnetDefinition<?, ?> definition) {
        return new Builder(definition);
    }

    private LocalSubnet startNeurons() {
        try {
            start(options.definition);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    private <Q, R> void start(SubnetDefinition<Q, R> def) {
        long seed = options.seed;
        for (Member m : members) {
            if (m.role() == Role.MINER) {
                miners.add(Miner.builder(config(m), m.key(), chain.connect(m.key()))
                        .serve(def.synapse(), def.minerHandler(m.strategy(), ++seed))
                        .start());
            }
        }
        chain.advance(); // the miners' axons are on chain
        for (Member m : members) {
            if (m.role() == Role.VALIDATOR) {
                validators.add(Validator.builder(config(m), m.key(), chain.connect(m.key()))
                        .query(def.synapse(), def.validatorLogic(++seed))
                        .start());
            } else if (m.role() == Role.COPIER) {
                validators.add(Validator.weightCopier(config(m), m.key(), chain.connect(m.key())));
            }
        }
        chain.startBlocks(options.blockTime);
    }

    private NeuronConfig config(Member m) {
        String name = m.role().name().toLowerCase(java.util.Locale.ROOT) + "-"
                + m.hotkey().toSs58().substring(0, 8);
        return options.base.toBuilder()
                .netuid(options.netuid)
                .axonIp("127.0.0.1")
                .axonPort(0)
                .neuronDir(options.baseDir.resolve(name))
                .build();
    }

    public MockChain chain() {
        return chain;
    }

    public int netuid() {
        return options.netuid;
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    public List<Miner> miners() {
        return List.copyOf(miners);
    }

    /** The validators, copiers last. */
    public List<Validator<?, ?>> validators() {
        return List.copyOf(validators);
    }

    public Metagraph metagraph() {
        return chain.metagraph(options.netuid, Metagraph.Field.STANDARD);
    }

    /** Epochs the subnet has run so far. */
    public int epochs() {
        return chain.epochs(options.netuid);
    }

    /** Waits until {@code n} more epochs have run; false on timeout. */
    public boolean awaitEpochs(int n, Duration timeout) throws InterruptedException {
        int target = epochs() + n;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (epochs() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** The metagraph as a table: uid, role, strategy, stake, permit, incentive, dividends, emission, scores. */
    public String table() {
        Metagraph mg = metagraph();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("block %d, subnet %d, %d epochs%n", mg.block(), options.netuid, epochs()));
        sb.append(String.format(
                "%4s %-9s %-20s %12s %6s %9s %9s %12s  %s%n",
                "uid",
                "role",
                "strategy",
                "stake(TAO)",
                "permit",
                "incentive",
                "dividends",
                "emission",
                "scores by validator"));
        for (int uid = 0; uid < mg.n(); uid++) {
            AccountId hk = mg.hotkey(uid);
            Member m = members.stream()
                    .filter(x -> x.hotkey().equals(hk))
                    .findFirst()
                    .orElse(null);
            StringBuilder scores = new StringBuilder();
            for (Validator<?, ?> v : validators) {
                if (v.isWeightCopier()) {
                    continue;
                }
                Double s = v.scores().get(uid);
                scores.append(s == null ? "    -" : String.format(" %.3f", s));
            }
            sb.append(String.format(
                    "%4d %-9s %-20s %12.3f %6s %9.4f %9.4f %12d %s%n",
                    uid,
                    m == null ? "owner" : m.role().name().toLowerCase(java.util.Locale.ROOT),
                    m == null || m.strategy() == null ? "" : m.strategy(),
                    mg.stake(uid) / (double) MockChain.TAO,
                    mg.validatorPermit(uid) ? "yes" : "no",
                    mg.incentive(uid) / 65535.0,
                    mg.dividends(uid) / 65535.0,
                    mg.emission(uid),
                    scores));
        }
        return sb.toString();
    }

    /** Each miner's strategy and incentive (u16), in member order. */
    public Map<String, Integer> incentiveByStrategy() {
        Metagraph mg = metagraph();
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (Member m : members) {
            if (m.role() == Role.MINER) {
                out.put(m.strategy(), mg.incentive(mg.uidOf(m.hotkey())));
            }
        }
        return out;
    }

    @Override
    public void close() {
        chain.stopBlocks();
        for (Validator<?, ?> v : validators) {
            v.close();
        }
        for (Miner m : miners) {
            m.close();
        }
        chain.close();
    }

    /** Configures a {@link LocalSubnet}. */
    public static final class Builder {
        private final SubnetDefinition<?, ?> definition;
        private int netuid = 1;
        private int validators = 2;
        private int copiers;
        private List<String> strategies;
        private Duration blockTime = Duration.ofMillis(250);
        private int tempo = 20;
        private int weightsRateLimit = 10;
        private boolean commitReveal;
        private long validatorStake = 1_000 * MockChain.TAO;
        private Path baseDir;
        private long seed = 1;
        private NeuronConfig base = NeuronConfig.builder().build();

        private Builder(SubnetDefinition<?, ?> definition) {
            this.definition = Objects.requireNonNull(definition);
            this.strategies = definition.strategies();
        }

        public Builder netuid(int v) {
            netuid = v;
            return this;
        }

        public Builder validators(int v) {
            validators = v;
            return this;
        }

        /** Weight copiers besides the honest validators. */
        public Builder copiers(int v) {
            copiers = v;
            return this;
        }

        /** One miner per entry (default: every strategy of the subnet). */
        public Builder miners(List<String> v) {
            strategies = List.copyOf(v);
            return this;
        }

        public Builder blockTime(Duration v) {
            blockTime = v;
            return this;
        }

        public Builder tempo(int v) {
            tempo = v;
            return this;
        }

        public Builder weightsRateLimit(int v) {
            weightsRateLimit = v;
            return this;
        }

        public Builder commitReveal(boolean v) {
            commitReveal = v;
            return this;
        }

        public Builder validatorStake(long rao) {
            validatorStake = rao;
            return this;
        }

        /** Where the neurons keep their state (default: a new temporary directory). */
        public Builder baseDir(Path v) {
            baseDir = v;
            return this;
        }

        /** Seeds keys, miners' randomness and validators' task seeds. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Neuron settings (alpha, sample size, timeouts, refresh); netuid, axon and dir are set per neuron. */
        public Builder neuronConfig(NeuronConfig v) {
            base = v;
            return this;
        }

        public LocalSubnet start() {
            if (baseDir == null) {
                try {
                    baseDir = Files.createTempDirectory("tao-local-subnet-");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new LocalSubnet(this).startNeurons();
        }
    }
}
