package org.tao4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tao4j.network.ChainSpecs;
import org.tao4j.node.chain.ChainSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tao chain-spec new}: writes a chain spec for a network of authorities (docs/network.md). */
@Command(
        name = "chain-spec",
        mixinStandardHelpOptions = true,
        description = "Chain specs for a network of authorities.",
        subcommands = {ChainSpecCommand.New.class})
public final class ChainSpecCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "new",
            mixinStandardHelpOptions = true,
            description = "Write a new chain spec: its authorities and their p2p (Ratis) addresses.",
            footer = {
                "",
                "Examples:",
                "  tao chain-spec new --name Testnet --authorities //Alice,//Bob,//Charlie \\",
                "      --bootnodes 127.0.0.1:30331,127.0.0.1:30332,127.0.0.1:30333 --out spec.json",
                "  tao chain-spec new --name Main --live --authorities 5F...,keys/bob.seed --bootnodes ... --out spec.json"
            })
    public static final class New implements Callable<Integer> {
        @Option(names = "--name", required = true, description = "The chain's name (its id is derived from it).")
        String name;

        @Option(
                names = "--authorities",
                required = true,
                split = ",",
                description = "Comma-separated authorities: //Alice (dev URIs, non-live only), SS58 addresses, or key"
                        + " files holding a hex seed.")
        List<String> authorities = new ArrayList<>();

        @Option(
                names = "--bootnodes",
                split = ",",
                description = "host:port of each authority's p2p port, in the order of --authorities (or full"
                        + " <SS58>@host:port entries).")
        List<String> bootnodes = new ArrayList<>();

        @Option(names = "--live", description = "A live chain: no endowments, no sudo, no dev keys.")
        boolean live;

        @Option(names = "--out", description = "Where to write the spec (default: standard output).")
        Path out;

        @Option(names = "--force", description = "Overwrite --out if it exists.")
        boolean force;

        @Override
        public Integer call() {
            ChainSpec spec;
            try {
                spec = ChainSpecs.create(name, live, authorities, bootnodes);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            String json = spec.toJson() + "\n";
            if (out == null) {
                System.out.print(json);
                return 0;
            }
            if (Files.exists(out) && !force) {
                throw new UserError(out + " exists; give --force to overwrite it");
            }
            try {
                Files.writeString(out, json);
            } catch (IOException e) {
                throw new UserError("cannot write " + out + ": " + e.getMessage());
            }
            System.err.println("wrote chain spec '" + spec.name() + "' ("
                    + spec.authorities().size() + " authorities, "
                    + spec.bootnodes().size() + " bootnodes) to " + out);
            return 0;
        }
    }
}
