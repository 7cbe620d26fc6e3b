package org.tao4j.devnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code tao devnet} runs, as a checked record; {@link DevnetArgs} parses it from the command line.
 *
 * @param subnets subnet names in netuid order ({@code forecast}, {@code text})
 * @param commitReveal the subnet (by name) with commit-reveal on and the weight-copying validator
 * @param revealPeriod that subnet's {@code reveal_period_epochs}
 * @param epochs stop after this many epochs of every subnet (0: run until Ctrl-C)
 * @param rpcPort the node's RPC port (0: any free port)
 * @param metricsPort the node's metrics port (0: any free port, -1: none)
 */
public record DevnetOptions(
        List<String> subnets,
        int validators,
        int miners,
        Duration blockTime,
        int tempo,
        int epochs,
        boolean headless,
        Path summary,
        Path basePath,
        boolean fresh,
        String commitReveal,
        int revealPeriod,
        int rpcPort,
        int metricsPort,
        boolean access) {

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

    /** The options from command-line arguments ({@link DevnetArgs}); a one-line IllegalArgumentException. */
    public static DevnetOptions parse(String... args) {
        return DevnetArgs.parse(args);
    }
}
