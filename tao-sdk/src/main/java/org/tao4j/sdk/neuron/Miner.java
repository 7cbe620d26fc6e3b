package org.tao4j.sdk.neuron;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.AxonEndpoint;
import org.tao4j.sdk.StreamingSynapse;
import org.tao4j.sdk.Synapse;
import org.tao4j.sdk.axon.Axon;
import org.tao4j.sdk.axon.Blacklist;
import org.tao4j.sdk.axon.Priority;
import org.tao4j.sdk.axon.StreamHandler;
import org.tao4j.sdk.axon.SynapseHandler;
import org.tao4j.sdk.chain.SubnetChain;
import org.tao4j.sdk.chain.TxResult;
import org.tao4j.sdk.metagraph.AxonInfo;
import org.tao4j.sdk.metagraph.Metagraph;
import org.tao4j.sdk.metagraph.MetagraphWatcher;

/**
 * A miner: serves the subnet's handlers on an axon and tells the chain where it is.
 *
 * <p>On {@link Builder#start} it syncs the metagraph, refuses to start unless its hotkey holds a uid
 * ({@link NotRegisteredException}: it never registers by itself), starts its axon with the metagraph
 * as the axon's {@link org.tao4j.sdk.NeuronDirectory}, and calls {@code serve_axon} with its
 * external address unless the chain already has exactly that. The metagraph is refreshed every
 * {@code --metagraph.refresh-blocks} blocks, so the blacklist and priority hooks follow
 * registrations, permits and stake; if the announced axon drifts (or a {@code serve_axon} failed),
 * it is served again at the next refresh.
 *
 * <p>By default it answers only registered callers holding a validator permit, highest stake first
 * ({@code --blacklist.allow-non-validators}, {@code --blacklist.min-stake} relax or tighten it).
 */
public final class Miner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Miner.class);
    static final int PROTOCOL = 1;
    static final long VERSION = 1;

    private final NeuronConfig config;
    private final SubnetChain chain;
    private final AccountId hotkey;
    private final int netuid;
    private final MetagraphWatcher watcher;
    private final Axon axon;
    private final InetAddress externalIp;
    private final int externalPort;
    private volatile int uid;
    private volatile boolean served;
    private volatile boolean deregistered;
    private volatile long lastServeAttempt = Long.MIN_VALUE / 4;
    private volatile TxResult lastServe;
    private volatile boolean closed;

    private Miner(Builder b) {
        this.config = b.config;
        this.chain = b.chain;
        this.hotkey = chain.hotkey();
        if (!hotkey.equals(AccountId.of(b.keyPair.publicKey()))) {
            throw new IllegalArgumentException(
                    "the chain session signs as " + hotkey.toSs58() + ", not as this miner's hotkey "
                            + AccountId.of(b.keyPair.publicKey()).toSs58());
        }
        this.netuid = config.netuid();
        this.watcher = MetagraphWatcher.start(chain, netuid, Metagraph.Field.STANDARD, config.metagraphRefreshBlocks());
        Axon started = null;
        try {
            uid = watcher.current().uidOf(hotkey);
            if (uid < 0) {
                throw new NotRegisteredException(hotkey, netuid);
            }
            Blacklist blacklist = b.blacklist != null
                    ? b.blacklist
                    : Blacklist.standard(!config.allowNonValidators(), config.blacklistMinStakeRao());
            Axon.Builder ab = Axon.builder(b.keyPair, watcher)
                    .host(config.axonIp())
                    .port(config.axonPort())
                    .blacklist(blacklist)
                    .priority(b.priority != null ? b.priority : Priority.byStake());
            b.routes.forEach(r -> r.accept(ab));
            if (b.customise != null) {
                b.customise.apply(ab);
            }
            started = ab.start();
            this.externalIp = externalIp(config, started);
            this.externalPort = config.axonExternalPort() > 0 ? config.axonExternalPort() : started.port();
        } catch (RuntimeException e) {
            if (started != null) {
                started.close();
            }
            watcher.close();
            throw e;
        }
        this.axon = started;
        serveIfNeeded(watcher.current());
        watcher.onUpdate(this::onMetagraph);
        LOG.info(
                "miner.started netuid={} uid={} hotkey={} axon={}:{} announced={}:{}",
                netuid,
                uid,
                hotkey.toSs58(),
                config.axonIp(),
                axon.port(),
                externalIp.getHostAddress(),
                externalPort);
    }

    /** A miner of {@code config.netuid()} signing as {@code hotkey} through {@code chain}. */
    public static Builder builder(NeuronConfig config, Ed25519.KeyPair hotkey, SubnetChain chain) {
        return new Builder(config, hotkey, chain);
    }

    private static InetAddress externalIp(NeuronConfig config, Axon axon) {
        String ip = config.axonExternalIp();
        if (ip == null) {
            String bind = config.axonIp();
            ip = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        }
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("axon external ip " + ip + " is not an address", e);
        }
    }

    private void onMetagraph(Metagraph mg) {
        int u = mg.uidOf(hotkey);
        if (u < 0) {
            if (!deregistered) {
                deregistered = true;
                LOG.error(
                        "miner.deregistered netuid={} hotkey={}: the uid is gone; still serving, not registering again",
                        netuid,
                        hotkey.toSs58());
            }
            uid = -1;
            return;
        }
        deregistered = false;
        uid = u;
        serveIfNeeded(mg);
    }

    /** serve_axon unless the chain holds exactly our address; retried at refreshes, not every block. */
    private void serveIfNeeded(Metagraph mg) {
        if (closed || uid < 0) {
            return;
        }
        AxonInfo onChain = mg.axon(uid);
        if (onChain != null
                && onChain.port() == externalPort
                && onChain.ip().equals(externalIp.getHostAddress())
                && onChain.protocol() == PROTOCOL
                && onChain.version() == VERSION) {
            served = true;
            return;
        }
        if (mg.block() < lastServeAttempt + config.metagraphRefreshBlocks()) {
            return;
        }
        lastServeAttempt = mg.block();
        TxResult r = chain.serveAxon(netuid, externalIp, externalPort, PROTOCOL, VERSION);
        lastServe = r;
        if (r.ok()) {
            served = true;
            LOG.info(
                    "miner.axon_served netuid={} uid={} at={}:{} {}",
                    netuid,
                    uid,
                    externalIp.getHostAddress(),
                    externalPort,
                    r.describe());
        } else {
            LOG.warn("miner.serve_axon_failed netuid={} uid={} {}", netuid, uid, r.describe());
        }
    }

    /**
     * Publishes {@code data} (up to 1 KiB: a model's hash, an address) as this miner's commitment on
     * its subnet (docs/spec/chain.md §11), so validators can read it with {@link Validator#commitments()}.
     * Blocks until the transaction is in a block; the chain rate-limits it (once per 100 blocks, 10 on
     * a dev chain).
     */
    public org.tao4j.sdk.chain.TxResult commit(byte[] data) {
        return chain.commit(netuid, data);
    }

    /** {@link #commit(byte[])} of UTF-8 text. */
    public org.tao4j.sdk.chain.TxResult commit(String text) {
        return commit(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public AccountId hotkey() {
        return hotkey;
    }

    public int netuid() {
        return netuid;
    }

    /** Its uid, or -1 once it lost it. */
    public int uid() {
        return uid;
    }

    /** The port its axon listens on. */
    public int port() {
        return axon.port();
    }

    /** How a dendrite on this host reaches its axon. */
    public AxonEndpoint endpoint() {
        return axon.endpoint();
    }

    public Axon axon() {
        return axon;
    }

    /** Whether the chain holds its axon address. */
    public boolean served() {
        return served;
    }

    /** The result of its last {@code serve_axon}, or null when it never needed one. */
    public TxResult lastServe() {
        return lastServe;
    }

    /** The metagraph it serves by. */
    public Metagraph metagraph() {
        return watcher.current();
    }

    @Override
    public String toString() {
        return "Miner[netuid=" + netuid + ", uid=" + uid + ", hotkey=" + hotkey.toSs58() + ", axon="
                + externalIp.getHostAddress() + ":" + externalPort + "]";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        watcher.close();
        axon.close();
        LOG.info("miner.stopped netuid={} uid={}", netuid, uid);
    }

    /** Configures and starts a {@link Miner}. */
    public static final class Builder {
        private final NeuronConfig config;
        private final Ed25519.KeyPair keyPair;
        private final SubnetChain chain;
        private final List<java.util.function.Consumer<Axon.Builder>> routes = new ArrayList<>();
        private Blacklist blacklist;
        private Priority priority;
        private UnaryOperator<Axon.Builder> customise;

        private Builder(NeuronConfig config, Ed25519.KeyPair keyPair, SubnetChain chain) {
            this.config = Objects.requireNonNull(config, "config");
            this.keyPair = Objects.requireNonNull(keyPair, "hotkey");
            this.chain = Objects.requireNonNull(chain, "chain");
        }

        /** Attaches the handler of one synapse. */
        public <Q, R> Builder serve(Synapse<Q, R> synapse, SynapseHandler<Q, R> handler) {
            routes.add(ab -> ab.serve(synapse, handler));
            return this;
        }

        /** Attaches the handler of one streaming synapse. */
        public <Q, C> Builder serveStream(StreamingSynapse<Q, C> synapse, StreamHandler<Q, C> handler) {
            routes.add(ab -> ab.serveStream(synapse, handler));
            return this;
        }

        /** Replaces the default blacklist (registered callers with a validator permit). */
        public Builder blacklist(Blacklist b) {
            this.blacklist = Objects.requireNonNull(b);
            return this;
        }

        /** Replaces the default priority (caller's stake). */
        public Builder priority(Priority p) {
            this.priority = Objects.requireNonNull(p);
            return this;
        }

        /** Any other axon setting (timeouts, limits, clock). */
        public Builder axon(UnaryOperator<Axon.Builder> customise) {
            this.customise = customise;
            return this;
        }

        /**
         * Syncs the metagraph, starts the axon and serves it on chain.
         *
         * @throws NotRegisteredException when the hotkey holds no uid on the subnet
         */
        public Miner start() {
            if (routes.isEmpty()) {
                throw new IllegalStateException("a miner must serve at least one synapse");
            }
            return new Miner(this);
        }
    }
}
