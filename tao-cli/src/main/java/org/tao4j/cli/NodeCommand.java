package org.tao4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tao4j.network.NetworkMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code tao node}: runs a node in this process (options as in docs/node.md). */
@Command(
        name = "node",
        description =
                "Run a node: --dev for a development chain, or --chain FILE. See 'tao node --help' and docs/node.md.",
        footer = {
            "",
            "Examples:",
            "  tao node --dev --tmp",
            "  tao node --dev --base-path ./data --rpc-port 9944 --instant"
        })
public final class NodeCommand implements Callable<Integer> {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return NetworkMain.run(args.toArray(String[]::new));
    }
}
