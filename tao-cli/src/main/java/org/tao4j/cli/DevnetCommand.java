package org.tao4j.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.tao4j.devnet.Devnet;
import org.tao4j.devnet.DevnetArgs;
import org.tao4j.devnet.DevnetOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code tao devnet}: the whole network on this machine (options in docs/devnet.md). The options are
 * {@link DevnetArgs}, a picocli mixin, so help, errors and completion work as for every other command.
 */
@Command(
        name = "devnet",
        mixinStandardHelpOptions = true,
        description = "Run a local network: a dev node, two subnets of real miners and validators, and a live view. "
                + "See docs/devnet.md.",
        footer = {"", "Examples:", "  tao devnet", "  tao devnet --epochs 6 --headless --summary summary.json --fresh"})
public final class DevnetCommand implements Callable<Integer> {

    @Mixin
    DevnetArgs args;

    @Override
    public Integer call() {
        DevnetOptions o;
        try {
            o = args.toOptions();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + ". Run 'tao devnet --help' for usage");
        }
        return Devnet.run(o, new PrintStream(System.out, true, java.nio.charset.StandardCharsets.UTF_8));
    }
}
