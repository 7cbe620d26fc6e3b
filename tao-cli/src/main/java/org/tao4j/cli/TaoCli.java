package org.tao4j.cli;

import java.io.PrintWriter;
import java.util.List;
import org.tao4j.cli.yuma.YumaCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tao} command: entry point, command groups and the shared error handling. */
@Command(
        name = "tao",
        mixinStandardHelpOptions = true,
        versionProvider = TaoCli.Version.class,
        description = "tao4j: a decentralised marketplace for machine intelligence.",
        subcommands = {
            DevnetCommand.class,
            GatewayCommand.class,
            org.tao4j.cli.cmd.WalletCommand.class,
            org.tao4j.cli.cmd.StakeCommand.class,
            org.tao4j.cli.cmd.AccessCommand.class,
            org.tao4j.cli.cmd.KeysCommand.ProxyCommand.class,
            org.tao4j.cli.cmd.SubnetCommand.class,
            org.tao4j.cli.cmd.WeightsCommand.class,
            org.tao4j.cli.cmd.RootCommand.class,
            org.tao4j.cli.cmd.GovAxonCommand.Gov.class,
            org.tao4j.cli.cmd.GovAxonCommand.Axon.class,
            org.tao4j.cli.cmd.ChainCommand.class,
            org.tao4j.cli.cmd.ConfigCommand.class,
            NodeCommand.class,
            ChainSpecCommand.class,
            LocalnetCommand.class,
            YumaCommand.class,
            EmissionCommand.class,
            HelpCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  tao devnet",
            "  tao wallet create --wallet alice",
            "  tao node --dev --tmp",
            "  tao yuma run --scenario examples/yuma/bonds_example.json",
            "  tao emission --issuance 10500000 --json",
            "  tao help stake add"
        })
public final class TaoCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (tests call this directly). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        // `tao yuma run --json` keeps the simulator's own contract (docs/spec/yuma-scenario.md): bad input is one
        // line on stderr naming the JSON path, and stdout stays empty. Every other command answers
        // --json errors with one JSON document on stdout (issue: the tao command line).
        boolean yuma = args.length > 0 && args[0].equals("yuma");
        boolean json = !yuma && java.util.Arrays.asList(args).contains("--json");
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            String message = usageMessage(ex);
            if (json) {
                printJsonError(out, ExitCodes.USAGE, message, null);
            } else {
                err.println("error: " + message);
                err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            }
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parse) -> {
            Failure f = classify(ex);
            if (json) {
                printJsonError(out, f.code(), f.message(), f.chainError());
            } else {
                err.println("error: " + f.message());
            }
            if (f.code() == ExitCodes.INTERNAL && System.getenv("TAO_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return f.code();
        });
        return cl.execute(args);
    }

    /** The command tree, with --network hidden in the commands that never talk to a node. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TaoCli());
        dropNetworkOption(cl);
        return cl;
    }

    private static void dropNetworkOption(CommandLine c) {
        if (c.getCommand() instanceof Offline) {
            // hidden, not removed: scripts that pass --network to every command keep working
            var network = c.getCommandSpec().findOption("--network");
            if (network != null && !network.hidden()) {
                c.getCommandSpec().remove(network);
                c.getCommandSpec().addOption(network.toBuilder().hidden(true).build());
            }
        }
        c.getSubcommands().values().forEach(TaoCli::dropNetworkOption);
    }

    /** picocli's message, with "did you mean" for a mistyped command or option. */
    static String usageMessage(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u
                && !u.getUnmatched().isEmpty()) {
            List<String> suggestions = u.getSuggestions();
            String typed = u.getUnmatched().get(0);
            String where = ex.getCommandLine().getCommandSpec().qualifiedName();
            String what = typed.startsWith("-")
                    ? "unknown option '" + typed + "' for '" + where + "'"
                    : ex.getCommandLine().getSubcommands().isEmpty()
                            ? "unexpected argument '" + typed + "' for '" + where + "'"
                            : "'" + where + "' has no command '" + typed + "'";
            if (!suggestions.isEmpty()) {
                return what + "; did you mean "
                        + suggestions.stream()
                                .limit(3)
                                .map(x -> "'" + x + "'")
                                .collect(java.util.stream.Collectors.joining(" or "))
                        + "?";
            }
            return what;
        }
        return ex.getMessage();
    }

    /** An exception as the user sees it: exit code, one-line message, and the chain's error name if any. */
    public record Failure(int code, String message, String chainError) {}

    public static Failure classify(Throwable ex) {
        if (ex instanceof UserError ue) {
            return new Failure(ue.exitCode(), ue.getMessage(), null);
        }
        if (ex instanceof Connection.ChainRefused cr) {
            return new Failure(ExitCodes.CHAIN_REFUSED, cr.getMessage(), cr.outcome.error());
        }
        if (ex instanceof org.tao4j.client.NodeUnreachableException nu) {
            return new Failure(ExitCodes.UNREACHABLE, nu.getMessage(), null);
        }
        if (ex instanceof org.tao4j.client.RpcTimeoutException t) {
            return new Failure(ExitCodes.UNREACHABLE, t.getMessage(), null);
        }
        if (ex instanceof org.tao4j.client.RpcException re) {
            int code = switch (re.code()) {
                case org.tao4j.client.RpcException.INVALID_PARAMS,
                        org.tao4j.client.RpcException.UNKNOWN_BLOCK,
                        org.tao4j.client.RpcException.BAD_EXTRINSIC -> ExitCodes.USAGE;
                default -> ExitCodes.CHAIN_REFUSED;
            };
            return new Failure(code, "the node refused: " + re.getMessage(), null);
        }
        if (ex instanceof org.tao4j.wallet.WalletException we) {
            // the library says "ask for overwrite explicitly": on the command line that is --overwrite
            String m = we.reason() == org.tao4j.wallet.WalletException.Reason.ALREADY_EXISTS
                            && we.getMessage().contains("ask for overwrite explicitly")
                    ? we.getMessage().replace("ask for overwrite explicitly", "pass --overwrite")
                    : we.getMessage();
            return new Failure(ExitCodes.USAGE, m, null);
        }
        if (ex instanceof org.tao4j.client.TaoClientException ce) {
            return new Failure(ExitCodes.CHAIN_REFUSED, ce.getMessage(), null);
        }
        return new Failure(
                ExitCodes.INTERNAL,
                "internal error (" + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                        + "). Please report it; set TAO_DEBUG=1 for details.",
                null);
    }

    static void printJsonError(PrintWriter out, int code, String message, String chainError) {
        var o = Ctx.JSON.createObjectNode();
        var e = o.putObject("error");
        e.put("code", code);
        e.put("message", message);
        if (chainError != null) {
            e.put("chain_error", chainError);
        }
        out.println(o.toPrettyString());
        out.flush();
    }

    /** The project version the CLI was built from (version.properties, filled in by Maven). */
    public static String version() {
        try (var in = TaoCli.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                var p = new java.util.Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (java.io.IOException e) {
            // fall through
        }
        String v = TaoCli.class.getPackage().getImplementationVersion();
        return v == null ? "unknown (built without Maven)" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"tao4j " + version()};
        }
    }
}
