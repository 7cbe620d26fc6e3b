package org.tao4j.sdk.neuron;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.wallet.PasswordSource;
import org.tao4j.wallet.WalletStore;

/**
 * Everything about a neuron that is configuration rather than subnet code, immutable. Build it in
 * code ({@link #builder()}) or from command-line options ({@link #parse}, a picocli command:
 * {@link NeuronArgs}):
 *
 * <pre>
 * --netuid N                        subnet (default 1)
 * --wallet NAME --hotkey NAME       the wallet and hotkey to sign with (default "default" / "default")
 * --wallet.path DIR                 wallet root (default $TAO_WALLET_PATH or ~/.tao/wallets)
 * --network NAME|URL                "local" (default, ws://127.0.0.1:9944) or a node's WebSocket URL
 * --mock                            an in-memory chain instead of a node (see MockChain)
 * --proxy-for SS58                  act for this registered hotkey through a Weights (or Any) proxy:
 *                                   the wallet's hotkey is the delegate; transactions are
 *                                   proxy(SS58, call) (docs/keys-and-proxies.md)
 * --axon.port N                     port the axon binds (default 8091; 0 = any free port)
 * --axon.ip ADDR                    address the axon binds (default 0.0.0.0)
 * --axon.external-ip ADDR           address announced on chain (default: the bind address, or
 *                                   127.0.0.1 for a wildcard bind)
 * --axon.external-port N            port announced on chain (default: the bound port)
 * --blacklist.allow-non-validators  serve registered callers without a validator permit too
 * --blacklist.min-stake TAO         refuse callers with less stake (default 0)
 * --miner.strategy NAME             the subnet's miner strategy (subnet-specific names)
 * --validator.sample-size N         miners queried per step (default 16)
 * --validator.moving-average-alpha A  weight of a new score in the moving average (default 0.1)
 * --validator.epoch-blocks N        blocks between weight settings (default 0 = the subnet's tempo)
 * --validator.step-blocks N         blocks between query steps (default 1)
 * --validator.timeout SECONDS       per-query timeout (default 5)
 * --validator.seed N                the validator's secret task seed (default: random)
 * --metagraph.refresh-blocks N      blocks between metagraph syncs (default 5)
 * --neuron.dir DIR                  working directory for state (default
 *                                   ~/.tao/neurons/WALLET/HOTKEY/netuidN)
 * --logging.debug                   debug logging for org.tao4j
 * </pre>
 */
public final class NeuronConfig {
    private final int netuid;
    private final String wallet;
    private final String hotkey;
    private final Path walletPath;
    private final String network;
    private final boolean mock;
    private final org.tao4j.core.account.AccountId proxyFor;
    private final String axonIp;
    private final int axonPort;
    private final String axonExternalIp;
    private final int axonExternalPort;
    private final boolean allowNonValidators;
    private final long blacklistMinStakeRao;
    private final String minerStrategy;
    private final int sampleSize;
    private final double movingAverageAlpha;
    private final int epochBlocks;
    private final int stepBlocks;
    private final Duration queryTimeout;
    private final Long validatorSeed;
    private final int metagraphRefreshBlocks;
    private final Path neuronDir;
    private final boolean loggingDebug;
    private final List<String> positional;

    private NeuronConfig(Builder b) {
        this.netuid = b.netuid;
        this.wallet = b.wallet;
        this.hotkey = b.hotkey;
        this.walletPath = b.walletPath;
        this.network = b.network;
        this.mock = b.mock;
        this.proxyFor = b.proxyFor;
        this.axonIp = b.axonIp;
        this.axonPort = b.axonPort;
        this.axonExternalIp = b.axonExternalIp;
        this.axonExternalPort = b.axonExternalPort;
        this.allowNonValidators = b.allowNonValidators;
        this.blacklistMinStakeRao = b.blacklistMinStakeRao;
        this.minerStrategy = b.minerStrategy;
        this.sampleSize = b.sampleSize;
        this.movingAverageAlpha = b.movingAverageAlpha;
        this.epochBlocks = b.epochBlocks;
        this.stepBlocks = b.stepBlocks;
        this.queryTimeout = b.queryTimeout;
        this.validatorSeed = b.validatorSeed;
        this.metagraphRefreshBlocks = b.metagraphRefreshBlocks;
        this.neuronDir = b.neuronDir;
        this.loggingDebug = b.loggingDebug;
        this.positional = List.copyOf(b.positional);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Parses command-line options (see the class comment); {@code --key value} and
     * {@code --key=value} both work, and arguments that are not options are kept in
     * {@link #positional()}.
     *
     * @throws IllegalArgumentException naming the bad option
     */
    public static NeuronConfig parse(String... args) {
        return NeuronArgs.parse(args);
    }

    // ---- accessors

    public int netuid() {
        return netuid;
    }

    public String wallet() {
        return wallet;
    }

    public String hotkey() {
        return hotkey;
    }

    /** The wallet root, or null for the default ({@code WalletStore.locate}). */
    public Path walletPath() {
        return walletPath;
    }

    public String network() {
        return network;
    }

    /** The registered hotkey this neuron acts for through a proxy, or null (docs/keys-and-proxies.md). */
    public org.tao4j.core.account.AccountId proxyFor() {
        return proxyFor;
    }

    public boolean mock() {
        return mock;
    }

    public String axonIp() {
        return axonIp;
    }

    public int axonPort() {
        return axonPort;
    }

    /** The address announced on chain, or null for the default. */
    public String axonExternalIp() {
        return axonExternalIp;
    }

    /** The port announced on chain, or 0 for the bound port. */
    public int axonExternalPort() {
        return axonExternalPort;
    }

    /** Whether a miner serves registered callers that hold no validator permit. */
    public boolean allowNonValidators() {
        return allowNonValidators;
    }

    public long blacklistMinStakeRao() {
        return blacklistMinStakeRao;
    }

    /** The miner strategy's name, or null for the subnet's default. */
    public String minerStrategy() {
        return minerStrategy;
    }

    public int sampleSize() {
        return sampleSize;
    }

    public double movingAverageAlpha() {
        return movingAverageAlpha;
    }

    /** Blocks between weight settings; 0 means the subnet's tempo. */
    public int epochBlocks() {
        return epochBlocks;
    }

    public int stepBlocks() {
        return stepBlocks;
    }

    public Duration queryTimeout() {
        return queryTimeout;
    }

    /** The validator's task seed, or null for a random one. */
    public Long validatorSeed() {
        return validatorSeed;
    }

    public int metagraphRefreshBlocks() {
        return metagraphRefreshBlocks;
    }

    /** Where the neuron keeps its state (the validator's scores and pending commits). */
    public Path neuronDir() {
        if (neuronDir != null) {
            return neuronDir;
        }
        return Path.of(org.tao4j.wallet.WalletStore.userHome(), ".tao", "neurons", wallet, hotkey, "netuid" + netuid);
    }

    public boolean loggingDebug() {
        return loggingDebug;
    }

    /**
     * The hotkey named by {@code --wallet} and {@code --hotkey}, from the wallet store
     * ({@code --wallet.path}, else {@code $TAO_WALLET_PATH}, else {@code ~/.tao/wallets});
     * {@code passwords} is asked only if the hotkey file is encrypted.
     */
    public Ed25519.KeyPair loadHotkey(PasswordSource passwords) {
        return WalletStore.locate(walletPath)
                .wallet(wallet)
                .unlockHotkey(hotkey, passwords)
                .keyPair();
    }

    /** Arguments that were not options, in order (e.g. a role: {@code miner}, {@code validator}). */
    public List<String> positional() {
        return positional;
    }

    @Override
    public String toString() {
        return "NeuronConfig[netuid=" + netuid + ", wallet=" + wallet + ", hotkey=" + hotkey + ", network="
                + (mock ? "mock" : network) + ", axon=" + axonIp + ":" + axonPort
                + (axonExternalIp == null ? "" : " as " + axonExternalIp) + ", sampleSize=" + sampleSize
                + ", alpha=" + movingAverageAlpha + ", epochBlocks=" + epochBlocks + ", dir=" + neuronDir() + "]";
    }

    /** Builds a {@link NeuronConfig}; every value is checked when set. */
    public static final class Builder {
        private int netuid = 1;
        private String wallet = "default";
        private String hotkey = "default";
        private Path walletPath;
        private String network = "local";
        private boolean mock;
        private org.tao4j.core.account.AccountId proxyFor;
        private String axonIp = "0.0.0.0";
        private int axonPort = 8091;
        private String axonExternalIp;
        private int axonExternalPort;
        private boolean allowNonValidators;
        private long blacklistMinStakeRao;
        private String minerStrategy;
        private int sampleSize = 16;
        private double movingAverageAlpha = 0.1;
        private int epochBlocks;
        private int stepBlocks = 1;
        private Duration queryTimeout = Duration.ofSeconds(5);
        private Long validatorSeed;
        private int metagraphRefreshBlocks = 5;
        private Path neuronDir;
        private boolean loggingDebug;
        private final List<String> positional = new ArrayList<>();

        private Builder() {}

        private Builder(NeuronConfig c) {
            netuid = c.netuid;
            wallet = c.wallet;
            hotkey = c.hotkey;
            walletPath = c.walletPath;
            network = c.network;
            mock = c.mock;
            proxyFor = c.proxyFor;
            axonIp = c.axonIp;
            axonPort = c.axonPort;
            axonExternalIp = c.axonExternalIp;
            axonExternalPort = c.axonExternalPort;
            allowNonValidators = c.allowNonValidators;
            blacklistMinStakeRao = c.blacklistMinStakeRao;
            minerStrategy = c.minerStrategy;
            sampleSize = c.sampleSize;
            movingAverageAlpha = c.movingAverageAlpha;
            epochBlocks = c.epochBlocks;
            stepBlocks = c.stepBlocks;
            queryTimeout = c.queryTimeout;
            validatorSeed = c.validatorSeed;
            metagraphRefreshBlocks = c.metagraphRefreshBlocks;
            neuronDir = c.neuronDir;
            loggingDebug = c.loggingDebug;
            positional.addAll(c.positional);
        }

        public Builder netuid(int v) {
            if (v < 0 || v > 0xFFFF) {
                throw new IllegalArgumentException("netuid must be 0..65535, got " + v);
            }
            netuid = v;
            return this;
        }

        public Builder wallet(String v) {
            wallet = name(v, "wallet");
            return this;
        }

        public Builder hotkey(String v) {
            hotkey = name(v, "hotkey");
            return this;
        }

        public Builder walletPath(Path v) {
            walletPath = v;
            return this;
        }

        public Builder network(String v) {
            network = Objects.requireNonNull(v);
            return this;
        }

        /** An SS58 address, or null for none. */
        public Builder proxyFor(String v) {
            if (v == null) {
                proxyFor = null;
                return this;
            }
            try {
                proxyFor = org.tao4j.core.account.AccountId.fromSs58(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--proxy-for " + v + " is not an address: " + e.getMessage());
            }
            return this;
        }

        public Builder mock(boolean v) {
            mock = v;
            return this;
        }

        public Builder axonIp(String v) {
            axonIp = Objects.requireNonNull(v);
            return this;
        }

        public Builder axonPort(int v) {
            axonPort = port(v, true);
            return this;
        }

        public Builder axonExternalIp(String v) {
            axonExternalIp = v;
            return this;
        }

        public Builder axonExternalPort(int v) {
            axonExternalPort = port(v, true);
            return this;
        }

        public Builder allowNonValidators(boolean v) {
            allowNonValidators = v;
            return this;
        }

        public Builder blacklistMinStakeRao(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("minimum stake must be >= 0");
            }
            blacklistMinStakeRao = v;
            return this;
        }

        public Builder minerStrategy(String v) {
            minerStrategy = v;
            return this;
        }

        public Builder sampleSize(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("sample size must be >= 1, got " + v);
            }
            sampleSize = v;
            return this;
        }

        public Builder movingAverageAlpha(double v) {
            if (!(v > 0 && v <= 1)) {
                throw new IllegalArgumentException("moving-average alpha must be in (0, 1], got " + v);
            }
            movingAverageAlpha = v;
            return this;
        }

        public Builder epochBlocks(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("epoch blocks must be >= 0 (0 = tempo), got " + v);
            }
            epochBlocks = v;
            return this;
        }

        public Builder stepBlocks(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("step blocks must be >= 1, got " + v);
            }
            stepBlocks = v;
            return this;
        }

        public Builder queryTimeout(Duration v) {
            if (v == null || v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException("query timeout must be positive");
            }
            queryTimeout = v;
            return this;
        }

        public Builder validatorSeed(Long v) {
            validatorSeed = v;
            return this;
        }

        public Builder metagraphRefreshBlocks(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("metagraph refresh must be >= 1 block, got " + v);
            }
            metagraphRefreshBlocks = v;
            return this;
        }

        public Builder neuronDir(Path v) {
            neuronDir = v;
            return this;
        }

        /** Arguments that are not options (e.g. the launcher's role). */
        public Builder positional(List<String> v) {
            positional.clear();
            positional.addAll(v);
            return this;
        }

        public Builder loggingDebug(boolean v) {
            loggingDebug = v;
            return this;
        }

        public NeuronConfig build() {
            return new NeuronConfig(this);
        }

        private static String name(String v, String what) {
            if (v == null || v.isBlank() || v.contains("/") || v.contains("\\") || v.startsWith(".")) {
                throw new IllegalArgumentException(what + " name must be a plain file name, got " + v);
            }
            return v;
        }

        private static int port(int v, boolean zeroOk) {
            if (v < (zeroOk ? 0 : 1) || v > 65535) {
                throw new IllegalArgumentException("port must be " + (zeroOk ? 0 : 1) + "..65535, got " + v);
            }
            return v;
        }
    }
}
