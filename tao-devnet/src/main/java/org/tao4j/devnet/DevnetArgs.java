package org.tao4j.devnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The options of {@code tao devnet} as a picocli command: parsing, {@code --help} and errors work as
 * for every other {@code tao} command, and {@link #toOptions()} builds the {@link DevnetOptions}
 * record, which checks the values. {@code tao}'s devnet command mixes this in; {@link DevnetMain} runs
 * it alone.
 */
@Command(
        name = "devnet",
        mixinStandardHelpOptions = true,
        description = "Run a local network: a dev node, subnets of real miners and validators, and a live view. "
                + "See docs/devnet.md.",
        footer = {"", "Examples:", "  tao devnet", "  tao devnet --epochs 6 --headless --summary summary.json --fresh"})
public final class DevnetArgs {

    @Option(
            names = "--subnets",
            split = ",",
            paramLabel = "NAME",
            defaultValue = "forecast,text",
            description = "The subnets to run, in netuid order: forecast, text (default: forecast,text).")
    List<String> subnets = new ArrayList<>();

    @Option(
            names = "--validators",
            paramLabel = "N",
            defaultValue = "3",
            description = "Validators per subnet (default 3; on the commit-reveal subnet the last is a weight copier).")
    int validators;

    @Option(
            names = "--miners",
            paramLabel = "N",
            defaultValue = "6",
            description = "Miners per subnet (default 6: one per strategy, best first).")
    int miners;

    @Option(
            names = "--block-time",
            paramLabel = "MS",
            defaultValue = "250",
            description = "Milliseconds per block (default 250; '250ms' works too).")
    String blockTime;

    @Option(
            names = "--tempo",
            paramLabel = "T",
            defaultValue = "20",
            description = "Blocks between a subnet's epochs (default 20).")
    int tempo;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            defaultValue = "0",
            description = "Stop after N epochs of every subnet (default: run until Ctrl-C).")
    int epochs;

    @Option(
            names = "--commit-reveal",
            paramLabel = "NAME",
            defaultValue = "text",
            description = "The subnet with commit-reveal and the weight copier (default: text; 'none' for none).")
    String commitReveal;

    @Option(
            names = "--reveal-period",
            paramLabel = "N",
            defaultValue = "2",
            description = "Epochs between a commit and its reveal on that subnet (default 2).")
    int revealPeriod;

    @Option(names = "--headless", description = "No live view, log lines only.")
    boolean headless;

    @Option(
            names = "--summary",
            paramLabel = "FILE",
            description = "Write the final state as JSON on exit, also on Ctrl-C or SIGTERM.")
    Path summary;

    @Option(names = "--base-path", paramLabel = "DIR", description = "The data directory (default ~/.tao/devnet).")
    Path basePath;

    @Option(names = "--fresh", description = "Delete the data directory first.")
    boolean fresh;

    @Option(
            names = "--rpc-port",
            paramLabel = "P",
            defaultValue = "9944",
            description = "The node's RPC port (default 9944; 0 = any free port).")
    int rpcPort;

    @Option(
            names = "--metrics-port",
            paramLabel = "P",
            defaultValue = "9615",
            description = "The node's metrics port (default 9615; 0 = any, -1 = none).")
    int metricsPort;

    @Option(
            names = "--access",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Run a paid-access gateway on one validator of each subnet and an outside client "
                    + "querying it (default on; --no-access turns it off). See docs/access.md.")
    boolean access;

    // not offered: the devnet runs until stopped and is no query; its machine output is --summary
    @Option(names = "--json", hidden = true)
    boolean json;

    /** The options as a record; IllegalArgumentException with a one-line message for a bad value. */
    public DevnetOptions toOptions() {
        if (json) {
            throw new IllegalArgumentException("tao devnet has no --json: it runs until stopped; "
                    + "--summary FILE writes its final state as JSON");
        }
        List<String> names = new ArrayList<>();
        for (String s : subnets) {
            if (!s.isBlank()) {
                names.add(s.strip().toLowerCase(Locale.ROOT));
            }
        }
        long ms;
        try {
            ms = Long.parseLong(blockTime.strip().replace("ms", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--block-time needs a whole number of milliseconds, got '" + blockTime + "'");
        }
        Path base = basePath != null ? basePath : Path.of(org.tao4j.wallet.WalletStore.userHome(), ".tao", "devnet");
        return new DevnetOptions(
                names,
                validators,
                miners,
                Duration.ofMillis(ms),
                tempo,
                epochs,
                headless,
                summary,
                base,
                fresh,
                commitReveal.strip().toLowerCase(Locale.ROOT),
                revealPeriod,
                rpcPort,
                metricsPort,
                access);
    }

    /** Parses {@code args}; IllegalArgumentException with picocli's or the record's one-line message. */
    public static DevnetOptions parse(String... args) {
        DevnetArgs a = new DevnetArgs();
        try {
            new CommandLine(a).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return a.toOptions();
    }
}
