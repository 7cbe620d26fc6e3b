package org.tao4j.cli;

import java.io.PrintWriter;
import org.tao4j.cli.yuma.YumaCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tao} command: entry point, command groups and the shared error handling. */
@Command(name = "tao",
        mixinStandardHelpOptions = true,
        versionProvider = TaoCli.Version.class,
        description = "tao4j: a decentralised marketplace for machine intelligence.",
        subcommands = {DevnetCommand.class, NodeCommand.class, YumaCommand.class, EmissionCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  tao devnet", "  tao node --dev --tmp", "  tao yuma run --scenario examples/yuma/bonds_example.json",
                "  tao emission --issuance 10500000000000000 --json"})
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
        CommandLine cl = new CommandLine(new TaoCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parse) -> {
            if (ex instanceof UserError ue) {
                err.println("error: " + ue.getMessage());
                return ue.exitCode();
            }
            // a bug: one line for the user, the trace only when asked for
            err.println("error: internal error (" + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                    + "). Please report it; set TAO_DEBUG=1 for details.");
            if (System.getenv("TAO_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return ExitCodes.INTERNAL;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TaoCli.class.getPackage().getImplementationVersion();
            return new String[] {"tao4j " + (v == null ? "dev" : v)};
        }
    }
}
