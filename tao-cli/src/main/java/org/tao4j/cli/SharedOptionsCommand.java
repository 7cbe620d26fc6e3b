package org.tao4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command with the shared options; {@link #run(Ctx)} does the work. */
public abstract class SharedOptionsCommand implements Callable<Integer> {

    @Mixin
    public Opts opts;

    @Spec
    public CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        try (Ctx ctx =
                new Ctx(opts, spec.commandLine().getOut(), spec.commandLine().getErr())) {
            Integer rc = run(ctx);
            return rc == null ? ExitCodes.OK : rc;
        } catch (Ctx.Announced done) {
            // --announce: the announcement was the transaction; the command's own call is made later
            return ExitCodes.OK;
        }
    }

    protected abstract Integer run(Ctx ctx) throws Exception;
}
