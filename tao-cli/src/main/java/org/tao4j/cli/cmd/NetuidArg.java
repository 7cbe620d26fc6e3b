package org.tao4j.cli.cmd;

import org.tao4j.cli.UserError;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The subnet a command works on, accepted both ways everywhere: as the first argument
 * ({@code tao subnet register 1}) or as {@code --netuid 1} ({@code tao weights set --netuid 1}).
 * A picocli mixin.
 */
public final class NetuidArg {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NETUID", description = "The subnet (or --netuid N).")
    Integer positional;

    @Option(names = "--netuid", paramLabel = "N", description = "The subnet (or as the first argument).")
    Integer option;

    /** The netuid given; exit 2 when it is missing, or given twice with different values. */
    public int get() {
        if (positional != null && option != null && !positional.equals(option)) {
            throw new UserError(
                    "the subnet is given twice, as " + positional + " and --netuid " + option + "; give it once");
        }
        Integer n = positional != null ? positional : option;
        if (n == null) {
            throw new UserError("which subnet? give its netuid as the first argument or as --netuid N "
                    + "(see `tao subnet list`)");
        }
        return n;
    }
}
