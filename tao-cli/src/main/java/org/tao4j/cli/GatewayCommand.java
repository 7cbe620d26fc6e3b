package org.tao4j.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.tao4j.gateway.GatewayArgs;
import org.tao4j.gateway.GatewayMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tao gateway}: sell a subnet's answers for payment-channel vouchers (docs/access.md). */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        description = "Serve a subnet's answers to outsiders who pay per query with vouchers. See docs/access.md.",
        footer = {
            "",
            "Example:",
            "  tao gateway --subnet text --netuid 2 --wallet validator --hotkey default --price 1000000 --top-k 4"
        })
public final class GatewayCommand implements Callable<Integer> {
    @Mixin
    GatewayArgs args;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return GatewayMain.serve(
                args,
                new PrintStream(System.out, true, java.nio.charset.StandardCharsets.UTF_8),
                spec.commandLine().getErr());
    }
}
