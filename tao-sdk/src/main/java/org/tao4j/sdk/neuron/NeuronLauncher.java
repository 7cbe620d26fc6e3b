package org.tao4j.sdk.neuron;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.chain.SubnetChain;
import org.tao4j.sdk.mock.LocalSubnet;
import org.tao4j.sdk.mock.MockChain;
import org.tao4j.wallet.PasswordSource;

/**
 * The {@code main} of a subnet: {@code <main> ROLE [options]}, where ROLE is
 * <ul>
 *   <li>{@code miner}: serve the subnet's handler ({@code --miner.strategy NAME});</li>
 *   <li>{@code validator}: query, score and set weights;</li>
 *   <li>{@code copier}: the adversarial weight copier;</li>
 *   <li>{@code local}: a whole subnet in this JVM on a {@link MockChain} (mock mode): one miner per
 *       strategy, {@code --validators N} validators (default 2) and {@code --copiers N} copiers
 *       (default 0), blocks every {@code --block-time MS} (default 250), tempo {@code --tempo N}
 *       (default 20), {@code --commit-reveal}; prints the metagraph after every epoch, stops after
 *       {@code --epochs N} (default: never).</li>
 * </ul>
 * Options are {@link NeuronConfig}'s. With {@code --mock}, {@code miner}, {@code validator} and
 * {@code copier} run alone against an in-memory chain where they are registered among a few fake
 * neurons: a smoke test of start-up, serving and weight setting. Without it they connect to
 * {@code --network}.
 */
public final class NeuronLauncher {
    private NeuronLauncher() {}

    /** Runs until stopped (Ctrl-C) or, for {@code local --epochs N}, until done; returns the exit code. */
    public static int run(SubnetDefinition<?, ?> definition, String... args) {
        return run(definition, System.out, args);
    }

    static int run(SubnetDefinition<?, ?> definition, PrintStream out, String... args) {
        LauncherArgs parsed = new LauncherArgs();
        picocli.CommandLine cl = new picocli.CommandLine(parsed);
        LocalOptions local = parsed.local;
        NeuronConfig config;
        try {
            picocli.CommandLine.ParseResult r = cl.parseArgs(args);
            if (r.isUsageHelpRequested()) {
                out.println(usage(definition));
                return 0;
            }
            config = parsed.neuron.toConfig();
        } catch (picocli.CommandLine.ParameterException | IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
            out.println(usage(definition));
            return 2;
        }
        if (config.positional().size() != 1) {
            out.println(usage(definition));
            return 2;
        }
        NeuronLogging.quietDefaults();
        if (config.loggingDebug()) {
            NeuronLogging.enableDebug();
        }
        String role = config.positional().get(0);
        try {
            return switch (role) {
                case "local" -> runLocal(definition, config, local, out);
                case "miner", "validator", "copier" -> runNeuron(definition, config, role, out);
                default -> {
                    out.println("error: unknown role '" + role + "'");
                    out.println(usage(definition));
                    yield 2;
                }
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (RuntimeException e) {
            out.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** The launcher's arguments as a picocli command: the neuron's options ({@link NeuronArgs}) and mock mode's. */
    @picocli.CommandLine.Command(name = "neuron")
    static final class LauncherArgs {
        @picocli.CommandLine.Mixin
        NeuronArgs neuron = new NeuronArgs();

        @picocli.CommandLine.Mixin
        LocalOptions local = new LocalOptions();

        @picocli.CommandLine.Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show the usage.")
        boolean help;
    }

    /** Mock mode's options ({@code local}). */
    static final class LocalOptions {
        @picocli.CommandLine.Option(names = "--validators", paramLabel = "N", description = "Validators (default 2).")
        int validators = 2;

        @picocli.CommandLine.Option(names = "--copiers", paramLabel = "N", description = "Weight copiers (default 0).")
        int copiers;

        @picocli.CommandLine.Option(
                names = "--block-time",
                paramLabel = "MS",
                description = "Milliseconds per block (default 250).")
        int blockTimeMs = 250;

        @picocli.CommandLine.Option(
                names = "--tempo",
                paramLabel = "N",
                description = "Blocks between epochs (default 20).")
        int tempo = 20;

        @picocli.CommandLine.Option(
                names = "--epochs",
                paramLabel = "N",
                description = "Stop after N epochs (default: never).")
        int epochs = -1;

        @picocli.CommandLine.Option(names = "--commit-reveal", description = "Commit-reveal on.")
        boolean commitReveal;
    }

    private static int runLocal(SubnetDefinition<?, ?> def, NeuronConfig config, LocalOptions o, PrintStream out)
            throws InterruptedException {
        LocalSubnet.Builder b = LocalSubnet.builder(def)
                .netuid(config.netuid())
                .validators(o.validators)
                .copiers(o.copiers)
                .blockTime(Duration.ofMillis(o.blockTimeMs))
                .tempo(o.tempo)
                .weightsRateLimit(Math.max(1, o.tempo / 2))
                .commitReveal(o.commitReveal)
                .neuronConfig(config);
        if (config.minerStrategy() != null) {
            b.miners(List.of(config.minerStrategy().split(",")));
        }
        try (Stop stopping = new Stop();
                LocalSubnet subnet = b.start()) {
            CountDownLatch stop = stopping.latch;
            out.println("mock subnet '" + def.name() + "' running: "
                    + subnet.members().size() + " neurons, block every " + o.blockTimeMs + " ms, tempo " + o.tempo
                    + (o.commitReveal ? ", commit-reveal on" : ""));
            int shown = 0;
            while (stop.getCount() > 0 && (o.epochs < 0 || shown < o.epochs)) {
                if (subnet.epochs() > shown) {
                    shown = subnet.epochs();
                    out.println(subnet.table());
                }
                Thread.sleep(100);
            }
        }
        return 0;
    }

    private static int runNeuron(SubnetDefinition<?, ?> def, NeuronConfig config, String role, PrintStream out)
            throws InterruptedException {
        Ed25519.KeyPair key;
        SubnetChain chain;
        MockChain mock = null;
        if (config.mock() && config.proxyFor() != null) {
            throw new IllegalArgumentException("--proxy-for needs a node (--network): mock mode has no proxies");
        }
        if (config.mock()) {
            // a dev key from the names, so a mock run needs no wallet
            key = Ed25519.KeyPair.fromSeed(Blake2b.hash256(("mock//" + config.wallet() + "//" + config.hotkey())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            mock = MockChain.create();
            mock.addSubnet(config.netuid());
            boolean validates = !role.equals("miner");
            mock.register(
                    config.netuid(),
                    org.tao4j.core.account.AccountId.of(key.publicKey()),
                    validates ? 1_000 * MockChain.TAO : 0,
                    validates);
            mock.addFakeNeurons(config.netuid(), 4, 10 * MockChain.TAO);
            chain = mock.connect(key);
            mock.startBlocks(Duration.ofMillis(250));
        } else {
            key = config.loadHotkey(PasswordSource.console());
            chain = ChainConnector.connect(config, key);
        }
        try (Stop stop = new Stop();
                AutoCloseable neuron = start(def, config, role, key, chain)) {
            out.println(role + " running on subnet " + config.netuid() + " as "
                    + chain.hotkey().toSs58() + (config.mock() ? " (mock chain)" : " on " + config.network()) + ": "
                    + neuron);
            stop.latch.await();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } finally {
            chain.close();
            if (mock != null) {
                mock.close();
            }
        }
        return 0;
    }

    private static <Q, R> AutoCloseable start(
            SubnetDefinition<Q, R> def, NeuronConfig config, String role, Ed25519.KeyPair key, SubnetChain chain) {
        return switch (role) {
            case "miner" -> {
                String strategy = config.minerStrategy() != null
                        ? config.minerStrategy()
                        : def.strategies().get(0);
                yield Miner.builder(config, key, chain)
                        .serve(def.synapse(), def.minerHandler(strategy, new java.security.SecureRandom().nextLong()))
                        .start();
            }
            case "validator" -> {
                long seed = config.validatorSeed() != null
                        ? config.validatorSeed()
                        : new java.security.SecureRandom().nextLong();
                yield Validator.builder(config, key, chain)
                        .query(def.synapse(), def.validatorLogic(seed))
                        .start();
            }
            default -> Validator.weightCopier(config, key, chain);
        };
    }

    /** Counts down on Ctrl-C (JVM shutdown); closing it removes the hook. */
    private static final class Stop implements AutoCloseable {
        final CountDownLatch latch = new CountDownLatch(1);
        private final Thread hook = new Thread(latch::countDown, "neuron-shutdown");

        Stop() {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running, which is why we stop
            }
        }
    }

    static String usage(SubnetDefinition<?, ?> def) {
        return "usage: " + def.name() + " (miner|validator|copier|local) [options]\n"
                + "  miner strategies: " + String.join(", ", def.strategies()) + "\n"
                + "  options: --netuid N --wallet NAME --hotkey NAME --network URL --mock --axon.port N\n"
                + "           --axon.external-ip ADDR --miner.strategy NAME --validator.sample-size N\n"
                + "           --validator.moving-average-alpha A --validator.epoch-blocks N --neuron.dir DIR\n"
                + "           --logging.debug   (all options: see NeuronConfig)\n"
                + "  local:   --validators N --copiers N --block-time MS --tempo N --epochs N --commit-reveal";
    }
}
