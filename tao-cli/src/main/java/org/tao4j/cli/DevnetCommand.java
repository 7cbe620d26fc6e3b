package org.tao4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tao4j.devnet.DevnetMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code tao devnet}: the whole network on this machine (options in docs/devnet.md). */
@Command(name = "devnet",
        description = "Run a local network: a dev node, two subnets of real miners and validators, and a live view. "
                + "See 'tao devnet --help' and docs/devnet.md.",
        footer = {"", "Examples:", "  tao devnet", "  tao devnet --epochs 6 --headless --summary summary.json --fresh"})
public final class DevnetCommand implements Callable<Integer> {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return DevnetMain.run(args.toArray(String[]::new));
    }
}
