package org.tao4j.cli.cmd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.tao4j.cli.Ctx;
import org.tao4j.cli.SharedOptionsCommand;
import org.tao4j.cli.UserError;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.model.Emission;
import org.tao4j.client.model.RootMember;
import org.tao4j.client.model.WeightEntry;
import org.tao4j.runtime.tx.Call;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tao root …}. */
@Command(
        name = "root",
        mixinStandardHelpOptions = true,
        description = "The root network: members, weights, emission shares.",
        subcommands = {
            RootCommand.Register.class,
            RootCommand.Weights.class,
            RootCommand.ListCmd.class,
            RootCommand.Emissions.class
        },
        footer = {"", "Example:", "  tao root list", "  tao root weights set --netuids 1,2 --weights 1,1"})
public final class RootCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "register",
            mixinStandardHelpOptions = true,
            description = "Join the root network with the hotkey.",
            footer = {"", "Example:", "  tao root register --wallet v --hotkey default"})
    public static final class Register extends SharedOptionsCommand {
        @Override
        protected Integer run(Ctx ctx) {
            var hot = ctx.hotkeyPub();
            TxOutcome.Finalized f = ctx.submit(
                    ctx.prepare(ctx.coldkey(), new Call.RootRegister(hot)),
                    "Register " + hot + " on the root network",
                    List.of("a root uid for the hotkey"));
            ctx.say("Registered " + hot + " on the root network (block #" + f.blockNumber() + ")");
            ObjectNode o = ctx.obj().put("hotkey", hot.toSs58());
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "weights",
            mixinStandardHelpOptions = true,
            description = "Root weights.",
            subcommands = SetW.class,
            footer = {"", "Example:", "  tao root weights set --netuids 1,2 --weights 0.5,0.5"})
    public static final class Weights implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = "Set the hotkey's root weights over subnets.",
            footer = {"", "Example:", "  tao root weights set --netuids 1,2 --weights 0.5,0.5 --wallet v"})
    public static final class SetW extends SharedOptionsCommand {
        @Option(names = "--netuids", required = true, split = ",")
        List<Integer> netuids;

        @Option(names = "--weights", required = true, split = ",")
        List<Double> weights;

        @Override
        protected Integer run(Ctx ctx) {
            if (netuids.size() != weights.size()) {
                throw new UserError(netuids.size() + " netuids but " + weights.size() + " weights");
            }
            int[] v = WeightsCommand.normalise(weights);
            TxOutcome.Finalized f = ctx.submit(
                    ctx.prepare(
                            ctx.hotkey(),
                            new Call.SetRootWeights(
                                    netuids.stream().mapToInt(Integer::intValue).toArray(), v)),
                    "Set root weights",
                    List.of("weights on subnets " + netuids));
            ctx.say("Root weights set on subnets " + netuids + " (block #" + f.blockNumber() + ")");
            ObjectNode o = ctx.obj();
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Root members, stake and their weights.",
            footer = {"", "Example:", "  tao root list"})
    public static final class ListCmd extends SharedOptionsCommand {
        @Override
        protected Integer run(Ctx ctx) {
            ArrayNode a = ctx.arr();
            Table t = new Table("uid", "hotkey", "stake", "weights (netuid:w)");
            for (RootMember m : ctx.client().rootWeights()) {
                ObjectNode r = a.addObject()
                        .put("uid", m.uid())
                        .put("hotkey", m.hotkey().toSs58())
                        .put("stake", m.stake());
                ObjectNode w = r.putObject("weights");
                StringBuilder sb = new StringBuilder();
                for (WeightEntry e : m.weights()) {
                    w.put(String.valueOf(e.uid()), e.value() / 65535.0);
                    sb.append(e.uid()).append(':').append(String.format("%.3f ", e.value() / 65535.0));
                }
                t.row(
                        String.valueOf(m.uid()),
                        m.hotkey().toSs58(),
                        ctx.amount(m.stake()),
                        sb.toString().strip());
            }
            if (!ctx.json()) {
                t.print(ctx.out);
            }
            ctx.emit(ctx.obj().set("members", a));
            return 0;
        }
    }

    @Command(
            name = "emissions",
            mixinStandardHelpOptions = true,
            description = "Each subnet's emission share.",
            footer = {"", "Example:", "  tao root emissions"})
    public static final class Emissions extends SharedOptionsCommand {
        @Override
        protected Integer run(Ctx ctx) {
            Emission e = ctx.client().emission();
            ArrayNode a = ctx.arr();
            Table t = new Table("netuid", "share", "per block");
            for (var s : e.subnets()) {
                a.addObject()
                        .put("netuid", s.netuid())
                        .put("share", s.emissionShare())
                        .put("per_block", s.emissionValue());
                t.row(String.valueOf(s.netuid()), s.emissionShare().toPlainString(), ctx.amount(s.emissionValue()));
            }
            ctx.say("block emission " + ctx.amount(e.blockEmission()));
            if (!ctx.json()) {
                t.print(ctx.out);
            }
            ObjectNode o = ctx.obj().put("block_emission", e.blockEmission());
            o.set("subnets", a);
            ctx.emit(o);
            return 0;
        }
    }
}
