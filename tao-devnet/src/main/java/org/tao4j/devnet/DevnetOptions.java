package org.tao4j.devnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code tao devnet} runs: see {@link #USAGE}.
 *
 * @param subnets subnet names in netuid order ({@code forecast}, {@code text})
 * @param commitReveal the subnet (by name) with commit-reveal on and the weight-copying validator
 * @param revealPeriod that subnet's {@code reveal_period_epochs}
 * @param epochs stop after this many epochs of every subnet (0: run until Ctrl-C)
 * @param rpcPort the node's RPC port (0: any free port)
 * @param metricsPort the node's metrics port (0: any free port, -1: none)
 */
public record DevnetOptions(List<String> subnets, int validators, int miners, Duration blockTime, int tempo,
                            int epochs, boolean headless, Path summary, Path basePath, boolean fresh,
                            String commitReveal, int revealPeriod, int rpcPort, int metricsPort) {

    public static final String USAGE = """
            Usage: tao devnet [options]
              --subnets forecast,text   the subnets to run, in netuid order (default: forecast,text)
              --validators N            validators per subnet (default 3; on the commit-reveal subnet the last is a weight copier)
              --miners N                miners per subnet (default 6: one per strategy, best first)
              --block-time MS           milliseconds per block (default 250)
              --tempo T                 blocks between a subnet's epochs (default 20)
              --epochs N                stop after N epochs of every subnet (default: run until Ctrl-C)
              --commit-reveal NAME      the subnet with commit-reveal and the weight copier (default: text; 'none' for none)
              --reveal-period N         epochs between a commit and its reveal on that subnet (default 2)
              --headless                no live view, log lines only
              --summary FILE            write the final state as JSON on exit
              --base-path DIR           the data directory (default ~/.tao/devnet)
              --fresh                   delete the data directory first
              --rpc-port P              the node's RPC port (default 9944; 0 = any free port)
              --metrics-port P          the node's metrics port (default 9615; 0 = any, -1 = none)
            """;

    public DevnetOptions {
        subnets = List.copyOf(subnets);
        if (subnets.isEmpty()) {
            throw new IllegalArgumentException("--subnets needs at least one of forecast, text");
        }
        for (String s : subnets) {
            if (!s.equals("forecast") && !s.equals("text")) {
                throw new IllegalArgumentException("unknown subnet '" + s + "'; subnets: forecast, text");
            }
        }
        if (validators < 1 || validators > 64 || miners < 1 || miners > 200) {
            throw new IllegalArgumentException("--validators is 1..64 and --miners 1..200");
        }
        if (tempo < 2 || tempo > 10_000) {
            throw new IllegalArgumentException("--tempo is 2..10000 blocks");
        }
        if (blockTime.toMillis() < 10) {
            throw new IllegalArgumentException("--block-time is at least 10 ms");
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("--epochs must not be negative");
        }
        if (revealPeriod < 1 || revealPeriod > 100) {
            throw new IllegalArgumentException("--reveal-period is 1..100 epochs");
        }
    }

    public static DevnetOptions defaults() {
        return parse();
    }

    public static DevnetOptions parse(String... args) {
        List<String> subnets = List.of("forecast", "text");
        int validators = 3;
        int miners = 6;
        Duration blockTime = Duration.ofMillis(250);
        int tempo = 20;
        int epochs = 0;
        boolean headless = false;
        Path summary = null;
        Path basePath = Path.of(org.tao4j.wallet.WalletStore.userHome(), ".tao", "devnet");
        boolean fresh = false;
        String commitReveal = "text";
        int revealPeriod = 2;
        int rpcPort = 9944;
        int metricsPort = 9615;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                v = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--headless" -> headless = true;
                case "--fresh" -> fresh = true;
                case "--subnets", "--validators", "--miners", "--block-time", "--tempo", "--epochs", "--summary",
                     "--base-path", "--commit-reveal", "--reveal-period", "--rpc-port", "--metrics-port" -> {
                    if (v == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(a + " needs a value");
                        }
                        v = args[++i];
                    }
                    switch (a) {
                        case "--subnets" -> {
                            List<String> l = new ArrayList<>();
                            for (String s : v.split(",")) {
                                if (!s.isBlank()) {
                                    l.add(s.trim().toLowerCase(Locale.ROOT));
                                }
                            }
                            subnets = l;
                        }
                        case "--validators" -> validators = integer(a, v);
                        case "--miners" -> miners = integer(a, v);
                        case "--block-time" -> blockTime = Duration.ofMillis(integer(a, v.replace("ms", "")));
                        case "--tempo" -> tempo = integer(a, v);
                        case "--epochs" -> epochs = integer(a, v);
                        case "--summary" -> summary = Path.of(v);
                        case "--base-path" -> basePath = Path.of(v);
                        case "--commit-reveal" -> commitReveal = v.trim().toLowerCase(Locale.ROOT);
                        case "--reveal-period" -> revealPeriod = integer(a, v);
                        case "--rpc-port" -> rpcPort = integer(a, v);
                        case "--metrics-port" -> metricsPort = integer(a, v);
                        default -> throw new IllegalStateException(a);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        return new DevnetOptions(subnets, validators, miners, blockTime, tempo, epochs, headless, summary, basePath,
                fresh, commitReveal, revealPeriod, rpcPort, metricsPort);
    }

    private static int integer(String option, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + v + "'");
        }
    }
}
