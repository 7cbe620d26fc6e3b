package org.tao4j.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tao help [COMMAND...]}: the help of any command, nested ones too ({@code tao help stake add}). */
@Command(name = "help", helpCommand = true, description = "Show the help of a command, e.g. 'tao help stake add'.")
public final class HelpCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "The command, as typed after 'tao'.")
    List<String> path = new ArrayList<>();

    @Override
    public void run() {
        CommandLine c = spec.parent().commandLine();
        StringBuilder typed = new StringBuilder(c.getCommandName());
        for (String name : path) {
            CommandLine sub = c.getSubcommands().get(name);
            if (sub == null) {
                throw new UserError("'" + typed + "' has no command '" + name + "'; its commands: "
                        + String.join(", ", c.getSubcommands().keySet()));
            }
            typed.append(' ').append(name);
            c = sub;
        }
        c.usage(spec.commandLine().getOut());
    }
}
