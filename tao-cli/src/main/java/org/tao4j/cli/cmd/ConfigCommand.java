package org.tao4j.cli.cmd;

import org.tao4j.cli.Config;
import org.tao4j.cli.Ctx;
import org.tao4j.cli.SharedOptionsCommand;
import org.tao4j.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tao config get|set}: defaults in ~/.tao/config.yaml. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Defaults for --network, --wallet, --hotkey and --wallet-path, kept in ~/.tao/config.yaml.",
        subcommands = {ConfigCommand.Get.class, ConfigCommand.Set.class},
        footer = {"", "Example:", "  tao config set network dev", "  tao config get"})
public final class ConfigCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "get",
            mixinStandardHelpOptions = true,
            description = "Show one key, or all.",
            footer = {"", "Example:", "  tao config get network"})
    public static final class Get extends SharedOptionsCommand implements org.tao4j.cli.Offline {
        @Parameters(arity = "0..1", paramLabel = "KEY")
        String key;

        @Override
        protected Integer run(Ctx ctx) {
            var o = ctx.obj();
            if (key != null) {
                if (!Config.KEYS.contains(key)) {
                    throw new UserError(
                            "unknown config key '" + key + "'; keys: " + new java.util.TreeSet<>(Config.KEYS));
                }
                o.put(key, ctx.config.get(key));
                ctx.say(key + ": " + (ctx.config.get(key) == null ? "(not set)" : ctx.config.get(key)));
            } else {
                new java.util.TreeMap<>(ctx.config.all()).forEach((k, v) -> {
                    o.put(k, v);
                    ctx.say(k + ": " + v);
                });
                ctx.note("(" + ctx.config.file() + ")");
            }
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = "Set a key (an empty value removes it).",
            footer = {"", "Example:", "  tao config set wallet alice"})
    public static final class Set extends SharedOptionsCommand implements org.tao4j.cli.Offline {
        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Parameters(index = "1", paramLabel = "VALUE")
        String value;

        @Override
        protected Integer run(Ctx ctx) {
            if (key.equals("network")) {
                try {
                    org.tao4j.client.Networks.resolve(value);
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
            }
            ctx.config.set(key, value);
            ctx.say(key + ": " + value + "  (" + ctx.config.file() + ")");
            ctx.emit(ctx.obj().put(key, value));
            return 0;
        }
    }
}
