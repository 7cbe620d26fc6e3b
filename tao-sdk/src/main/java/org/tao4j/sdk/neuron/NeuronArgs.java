package org.tao4j.sdk.neuron;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A neuron's command-line options as a picocli command (see {@link NeuronConfig}'s class comment for
 * the list): {@link #toConfig()} builds the {@link NeuronConfig} record through its builder, which checks
 * the values. An option left out keeps the builder's default. Usable as a {@code @Mixin}.
 */
@Command(name = "neuron", description = "A miner or validator of a subnet.")
public final class NeuronArgs {
    @Option(names = "--netuid", paramLabel = "N", description = "The subnet (default 1).")
    Integer netuid;

    @Option(
            names = {"--wallet", "--wallet.name"},
            paramLabel = "NAME",
            description = "The wallet (default 'default').")
    String wallet;

    @Option(
            names = {"--hotkey", "--wallet.hotkey"},
            paramLabel = "NAME",
            description = "The hotkey (default 'default').")
    String hotkey;

    @Option(
            names = "--wallet.path",
            paramLabel = "DIR",
            description = "Wallet root (default $TAO_WALLET_PATH or ~/.tao/wallets).")
    Path walletPath;

    @Option(names = "--network", paramLabel = "NAME|URL", description = "'local' (default) or a node's WebSocket URL.")
    String network;

    @Option(
            names = "--proxy-for",
            paramLabel = "SS58",
            description = "Act for this registered hotkey through a Weights (or Any) proxy; the wallet's hotkey"
                    + " is the delegate and signs proxy(SS58, call).")
    String proxyFor;

    @Option(
            names = "--mock",
            arity = "0..1",
            fallbackValue = "true",
            paramLabel = "BOOL",
            description = "An in-memory chain instead of a node.")
    String mock;

    @Option(names = "--axon.ip", paramLabel = "ADDR", description = "Address the axon binds (default 0.0.0.0).")
    String axonIp;

    @Option(names = "--axon.port", paramLabel = "N", description = "Port the axon binds (default 8091; 0 = any).")
    Integer axonPort;

    @Option(names = "--axon.external-ip", paramLabel = "ADDR", description = "Address announced on chain.")
    String axonExternalIp;

    @Option(names = "--axon.external-port", paramLabel = "N", description = "Port announced on chain.")
    Integer axonExternalPort;

    @Option(
            names = "--blacklist.allow-non-validators",
            arity = "0..1",
            fallbackValue = "true",
            paramLabel = "BOOL",
            description = "Serve registered callers without a validator permit too.")
    String allowNonValidators;

    @Option(
            names = "--blacklist.min-stake",
            paramLabel = "TAO",
            description = "Refuse callers with less stake (default 0).")
    String minStake;

    @Option(names = "--miner.strategy", paramLabel = "NAME", description = "The subnet's miner strategy.")
    String minerStrategy;

    @Option(names = "--validator.sample-size", paramLabel = "N", description = "Miners queried per step (default 16).")
    Integer sampleSize;

    @Option(
            names = "--validator.moving-average-alpha",
            paramLabel = "A",
            description = "Weight of a new score in the moving average (default 0.1).")
    Double alpha;

    @Option(
            names = "--validator.epoch-blocks",
            paramLabel = "N",
            description = "Blocks between weight settings (default 0 = the subnet's tempo).")
    Integer epochBlocks;

    @Option(
            names = "--validator.step-blocks",
            paramLabel = "N",
            description = "Blocks between query steps (default 1).")
    Integer stepBlocks;

    @Option(names = "--validator.timeout", paramLabel = "SECONDS", description = "Per-query timeout (default 5).")
    String timeout;

    @Option(
            names = "--validator.seed",
            paramLabel = "N",
            description = "The validator's secret task seed (default: random).")
    Long seed;

    @Option(
            names = "--metagraph.refresh-blocks",
            paramLabel = "N",
            description = "Blocks between metagraph syncs (default 5).")
    Integer refreshBlocks;

    @Option(names = "--neuron.dir", paramLabel = "DIR", description = "Working directory for state.")
    Path neuronDir;

    @Option(
            names = "--logging.debug",
            arity = "0..1",
            fallbackValue = "true",
            paramLabel = "BOOL",
            description = "Debug logging for org.tao4j.")
    String debug;

    @Parameters(paramLabel = "ARG", description = "Arguments that are not options (e.g. the role).")
    List<String> positional = new ArrayList<>();

    /** The config; IllegalArgumentException naming the bad option. */
    public NeuronConfig toConfig() {
        NeuronConfig.Builder b = NeuronConfig.builder();
        set("--netuid", netuid, b::netuid);
        set("--wallet", wallet, b::wallet);
        set("--hotkey", hotkey, b::hotkey);
        set("--wallet.path", walletPath, b::walletPath);
        set("--network", network, b::network);
        set("--proxy-for", proxyFor, b::proxyFor);
        set("--mock", mock, v -> b.mock(bool(v)));
        set("--axon.ip", axonIp, b::axonIp);
        set("--axon.port", axonPort, b::axonPort);
        set("--axon.external-ip", axonExternalIp, b::axonExternalIp);
        set("--axon.external-port", axonExternalPort, b::axonExternalPort);
        set("--blacklist.allow-non-validators", allowNonValidators, v -> b.allowNonValidators(bool(v)));
        set(
                "--blacklist.min-stake",
                minStake,
                v -> b.blacklistMinStakeRao(new BigDecimal(v).movePointRight(9).longValueExact()));
        set("--miner.strategy", minerStrategy, b::minerStrategy);
        set("--validator.sample-size", sampleSize, b::sampleSize);
        set("--validator.moving-average-alpha", alpha, b::movingAverageAlpha);
        set("--validator.epoch-blocks", epochBlocks, b::epochBlocks);
        set("--validator.step-blocks", stepBlocks, b::stepBlocks);
        set("--validator.timeout", timeout, v -> b.queryTimeout(seconds(v)));
        set("--validator.seed", seed, b::validatorSeed);
        set("--metagraph.refresh-blocks", refreshBlocks, b::metagraphRefreshBlocks);
        set("--neuron.dir", neuronDir, b::neuronDir);
        set("--logging.debug", debug, v -> b.loggingDebug(bool(v)));
        b.positional(positional);
        return b.build();
    }

    private static <T> void set(String option, T value, Consumer<T> setter) {
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "bad value for " + option + ": " + value
                            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"),
                    e);
        }
    }

    private static boolean bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got " + v);
        };
    }

    private static Duration seconds(String v) {
        double s = Double.parseDouble(v);
        if (!(s > 0) || s > 3600) {
            throw new IllegalArgumentException("seconds must be in (0, 3600]");
        }
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    /** Parses {@code args} (both {@code --key value} and {@code --key=value}); one-line IllegalArgumentException. */
    public static NeuronConfig parse(String... args) {
        NeuronArgs a = new NeuronArgs();
        CommandLine cl = new CommandLine(a);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.UnmatchedArgumentException e) {
            String typed = e.getUnmatched().isEmpty() ? "?" : e.getUnmatched().get(0);
            throw new IllegalArgumentException(
                    "unknown option " + typed + "; options: "
                            + String.join(
                                    ", ",
                                    cl.getCommandSpec().optionsMap().keySet().stream()
                                            .sorted()
                                            .toList()),
                    e);
        } catch (CommandLine.MissingParameterException e) {
            String name = e.getMissing().isEmpty() ? "" : e.getMissing().get(0).toString();
            throw new IllegalArgumentException("option " + name.replaceAll("=.*", "") + " needs a value", e);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return a.toConfig();
    }
}
