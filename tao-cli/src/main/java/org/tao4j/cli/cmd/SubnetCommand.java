package org.tao4j.cli.cmd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tao4j.cli.Ctx;
import org.tao4j.cli.SharedOptionsCommand;
import org.tao4j.cli.UserError;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.model.ChainEvent;
import org.tao4j.client.model.MetagraphView;
import org.tao4j.client.model.Subnet;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Hyperparameter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tao subnet …}. */
@Command(
        name = "subnet",
        mixinStandardHelpOptions = true,
        description = "List, inspect, create and register on subnets.",
        subcommands = {
            SubnetCommand.ListCmd.class,
            SubnetCommand.Show.class,
            SubnetCommand.Metagraph.class,
            SubnetCommand.Hyper.class,
            SubnetCommand.SetHyper.class,
            SubnetCommand.Create.class,
            SubnetCommand.Register.class,
            SubnetCommand.BurnCost.class,
            SubnetCommand.LockCost.class,
            CommitCommand.Commit.class,
            CommitCommand.List.class,
            IdentityCommand.SetSubnet.class
        },
        footer = {"", "Example:", "  tao subnet list", "  tao subnet metagraph 1 --sort incentive"})
public final class SubnetCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The subnet, or exit 2 "no subnet N". */
    static Subnet subnet(Ctx ctx, int netuid) {
        if (netuid < 0 || netuid > 65535) {
            throw new UserError("netuid " + netuid + " is out of range 0..65535");
        }
        return ctx.client()
                .subnet(netuid)
                .orElseThrow(() -> new UserError("there is no subnet " + netuid + "; see `tao subnet list`"));
    }

    /** The netuids {@code coldkey} owns, for messages: "1, 3" or "none (`tao subnet create`)". */
    static String owned(Ctx ctx, AccountId coldkey) {
        List<String> mine = ctx.client().subnets().stream()
                .filter(x -> coldkey.equals(x.owner()))
                .map(x -> String.valueOf(x.netuid()))
                .toList();
        return mine.isEmpty() ? "none (`tao subnet create` makes one)" : String.join(", ", mine);
    }

    static Integer eventInt(TxOutcome.Finalized f, String type, String field) {
        for (ChainEvent e : f.events()) {
            if (e.type().equals(type) && e.fields().has(field)) {
                return e.intField(field);
            }
        }
        return null;
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Every subnet: netuid, name, owner, n, max, emission share, tempo, burn.",
            footer = {"", "Example:", "  tao subnet list --json"})
    public static final class ListCmd extends SharedOptionsCommand {
        @Override
        protected Integer run(Ctx ctx) {
            ArrayNode a = ctx.arr();
            Table t = new Table("netuid", "name", "owner", "n", "max", "emission share", "tempo", "burn");
            for (Subnet s : ctx.client().subnets()) {
                Hyperparams h = s.hyperparams();
                a.addObject()
                        .put("netuid", s.netuid())
                        .put("name", s.name())
                        .put("owner", s.owner() == null ? null : s.owner().toSs58())
                        .put("n", s.n())
                        .put("max", h == null ? 0 : h.maxAllowedUids())
                        .put("emission_share", s.emissionShare())
                        .put("tempo", h == null ? 0 : h.tempo())
                        .put("burn", s.burn());
                t.row(
                        String.valueOf(s.netuid()),
                        s.name() == null ? "-" : s.name(),
                        s.owner() == null ? "-" : s.owner().toSs58(),
                        String.valueOf(s.n()),
                        String.valueOf(h == null ? 0 : h.maxAllowedUids()),
                        s.emissionShare().toPlainString(),
                        String.valueOf(h == null ? 0 : h.tempo()),
                        ctx.amount(s.burn()));
            }
            if (!ctx.json()) {
                t.print(ctx.out);
            }
            ctx.emit(ctx.obj().set("subnets", a));
            return 0;
        }
    }

    /** The metagraph table (shared by show and metagraph). */
    public abstract static class MetaBase extends SharedOptionsCommand {
        @picocli.CommandLine.Mixin
        NetuidArg netuidArg;

        int netuid;

        @Option(
                names = "--sort",
                paramLabel = "COL",
                description = "Sort by a column (uid, stake, incentive, dividends, "
                        + "emission, trust, consensus, updated, …); numeric columns sort high first.")
        String sort;

        @Option(
                names = "--fields",
                split = ",",
                paramLabel = "COL",
                description =
                        "Columns to show (default: uid,hotkey,stake,incentive,dividends,emission,trust,vpermit,updated).")
        List<String> fields;

        static final List<String> ALL = List.of(
                "uid",
                "hotkey",
                "name",
                "coldkey",
                "stake",
                "consensus",
                "incentive",
                "dividends",
                "trust",
                "emission",
                "vpermit",
                "active",
                "updated",
                "registered",
                "axon");

        @Override
        protected Integer run(Ctx ctx) {
            netuid = netuidArg.get();
            List<String> cols = fields == null
                    ? List.of(
                            "uid",
                            "hotkey",
                            "name",
                            "stake",
                            "incentive",
                            "dividends",
                            "emission",
                            "trust",
                            "vpermit",
                            "updated")
                    : fields;
            for (String c : cols) {
                if (!ALL.contains(c)) {
                    throw new UserError("unknown column '" + c + "'; columns: " + String.join(", ", ALL));
                }
            }
            if (sort != null && !ALL.contains(sort)) {
                throw new UserError("cannot sort by '" + sort + "'; columns: " + String.join(", ", ALL));
            }
            Subnet sn = subnet(ctx, netuid);
            MetagraphView m = ctx.client().metagraph(netuid);
            List<Integer> uids = new ArrayList<>();
            for (int i = 0; i < m.n(); i++) {
                uids.add(i);
            }
            if (sort != null && !sort.equals("uid")) {
                Comparator<Integer> cmp = switch (sort) {
                    case "hotkey" ->
                        Comparator.comparing(u -> m.hotkeys().get(u).toSs58());
                    case "coldkey" ->
                        Comparator.comparing(u -> String.valueOf(m.coldkeys().get(u)));
                    case "name" -> Comparator.comparing(u -> name(m, u));
                    default ->
                        Comparator.comparingDouble((Integer u) -> num(m, sort, u))
                                .reversed();
                };
                uids.sort(cmp);
            }
            Table t = new Table(cols.toArray(String[]::new));
            ArrayNode a = ctx.arr();
            for (int u : uids) {
                ObjectNode row = a.addObject();
                String[] cells = new String[cols.size()];
                for (int i = 0; i < cols.size(); i++) {
                    String c = cols.get(i);
                    cells[i] = cell(ctx, m, c, u, row);
                }
                t.row(cells);
            }
            ctx.say("subnet " + netuid + (sn.name() == null ? "" : " (" + sn.name() + ")") + ": " + m.n()
                    + " neurons at block #" + m.blockNumber());
            if (!ctx.json()) {
                t.print(ctx.out);
            }
            ObjectNode o = ctx.obj();
            o.put("netuid", netuid)
                    .put("name", sn.name())
                    .put("block", m.blockNumber())
                    .put("n", m.n());
            o.set("neurons", a);
            ctx.emit(o);
            return 0;
        }

        /** The owner coldkey's identity name, "" when none (or from a node without the names column). */
        static String name(MetagraphView m, int u) {
            String n = m.names() == null ? null : m.names().get(u);
            return n == null ? "" : n;
        }

        static double num(MetagraphView m, String c, int u) {
            return switch (c) {
                case "stake" -> m.stake()[u];
                case "consensus" -> m.consensus()[u];
                case "incentive" -> m.incentive()[u];
                case "dividends" -> m.dividends()[u];
                case "trust" -> m.validatorTrust()[u];
                case "emission" -> m.emission()[u];
                case "vpermit" -> m.validatorPermit()[u] ? 1 : 0;
                case "active" -> m.active()[u] ? 1 : 0;
                case "updated" -> m.lastUpdate()[u];
                case "registered" -> m.registeredAt()[u];
                default -> u;
            };
        }

        static String cell(Ctx ctx, MetagraphView m, String c, int u, ObjectNode row) {
            switch (c) {
                case "uid" -> {
                    row.put("uid", u);
                    return String.valueOf(u);
                }
                case "hotkey" -> {
                    row.put("hotkey", m.hotkeys().get(u).toSs58());
                    return m.hotkeys().get(u).toSs58();
                }
                case "name" -> {
                    String n = name(m, u);
                    row.put("name", n.isEmpty() ? null : n);
                    return n.isEmpty() ? "-" : n;
                }
                case "coldkey" -> {
                    AccountId ck = m.coldkeys().get(u);
                    row.put("coldkey", ck == null ? null : ck.toSs58());
                    return ck == null ? "-" : ck.toSs58();
                }
                case "stake", "emission" -> {
                    long v = c.equals("stake") ? m.stake()[u] : m.emission()[u];
                    row.put(c, v);
                    return ctx.amount(v);
                }
                case "consensus", "incentive", "dividends", "trust" -> {
                    double v = num(m, c, u) / 65535.0;
                    row.put(c, v);
                    return String.format("%.5f", v);
                }
                case "vpermit", "active" -> {
                    boolean v = num(m, c, u) == 1;
                    row.put(c, v);
                    return v ? "yes" : "no";
                }
                case "updated", "registered" -> {
                    long v = (long) num(m, c, u);
                    row.put(c, v);
                    return String.valueOf(v);
                }
                case "axon" -> {
                    var ax = m.axons().get(u);
                    String s = ax == null ? "-" : ax.ip() + ":" + ax.port();
                    row.put("axon", ax == null ? null : s);
                    return s;
                }
                default -> throw new IllegalStateException(c);
            }
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = "A subnet's metagraph (same as metagraph).",
            footer = {"", "Example:", "  tao subnet show 1 --sort stake"})
    public static final class Show extends MetaBase {}

    @Command(
            name = "metagraph",
            mixinStandardHelpOptions = true,
            description = "A subnet's metagraph: one row per uid, sortable by any column.",
            footer = {"", "Example:", "  tao subnet metagraph 1 --sort incentive --fields uid,hotkey,incentive,emission"
            })
    public static final class Metagraph extends MetaBase {}

    @Command(
            name = "hyperparameters",
            mixinStandardHelpOptions = true,
            description = "A subnet's hyperparameters.",
            footer = {"", "Example:", "  tao subnet hyperparameters 1"})
    public static final class Hyper extends SharedOptionsCommand {
        @picocli.CommandLine.Mixin
        NetuidArg netuidArg;

        int netuid;

        @Override
        protected Integer run(Ctx ctx) {
            netuid = netuidArg.get();
            Subnet s = subnet(ctx, netuid);
            ObjectNode o = ctx.obj();
            Table t = new Table("name", "value", "owner may set");
            for (Hyperparameter h : Hyperparameter.values()) {
                long v = s.hyperparams().get(h);
                o.put(h.wireName(), v);
                boolean amount = h == Hyperparameter.MIN_BURN || h == Hyperparameter.MAX_BURN;
                t.row(
                        h.wireName(),
                        amount ? ctx.amount(v) : Long.toString(v),
                        h.ownerSettable() ? "yes" : "no (governance)");
            }
            if (!ctx.json()) {
                t.print(ctx.out);
            }
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "set-hyperparameter",
            mixinStandardHelpOptions = true,
            description = "Set a hyperparameter of a subnet you own (signed by the owner coldkey).",
            footer = {"", "Example:", "  tao subnet set-hyperparameter 1 weights_set_rate_limit 10 --wallet owner"})
    public static final class SetHyper extends SharedOptionsCommand {
        @Parameters(
                arity = "2..3",
                paramLabel = "[NETUID] NAME VALUE",
                description = "The subnet (or --netuid N), the hyperparameter's name and its new value.")
        List<String> args;

        @Option(names = "--netuid", paramLabel = "N", description = "The subnet (or as the first argument).")
        Integer netuidOption;

        int netuid;
        String name;
        String value;

        @Override
        protected Integer run(Ctx ctx) {
            NetuidArg n = new NetuidArg();
            n.option = netuidOption;
            if (args.size() == 3) {
                try {
                    n.positional = Integer.valueOf(args.get(0));
                } catch (NumberFormatException e) {
                    throw new UserError("netuid '" + args.get(0) + "' is not a whole number");
                }
            }
            netuid = n.get();
            name = args.get(args.size() - 2);
            value = args.get(args.size() - 1);
            Hyperparameter h = Hyperparameter.byName(name);
            if (h == null) {
                throw new UserError(
                        "unknown hyperparameter '" + name + "'; see `tao subnet hyperparameters " + netuid + "`");
            }
            long v;
            try {
                v = value.equals("true") ? 1 : value.equals("false") ? 0 : Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new UserError("value '" + value + "' is not a whole number (or true/false)");
            }
            Subnet s = subnet(ctx, netuid);
            long old = s.hyperparams().get(h);
            // checked before anything is signed, as `gov` checks the senate: the chain would refuse it and
            // keep the fee
            if (!h.ownerSettable()) {
                throw new UserError(
                        h.wireName() + " is set by governance, not by the subnet owner; see `tao gov propose"
                                + " --help`. Nothing was submitted");
            }
            AccountId me = ctx.coldkeyPub();
            if (!me.equals(s.owner())) {
                throw new UserError("subnet " + netuid + " is owned by " + (s.owner() == null ? "nobody" : s.owner())
                        + ", not by " + me + " (--wallet " + ctx.walletName() + "); only its owner may set its "
                        + "hyperparameters. Your subnets: " + owned(ctx, me) + ". Nothing was submitted");
            }
            var key = ctx.coldkey();
            TxOutcome.Finalized f = ctx.submit(
                    ctx.prepare(key, new Call.SetHyperparameter(netuid, h, v)),
                    "Set " + h.wireName() + " on subnet " + netuid,
                    List.of(h.wireName() + " " + old + " → " + v));
            ctx.say(h.wireName() + " on subnet " + netuid + " is now " + v + " (was " + old + "; block #"
                    + f.blockNumber() + ")");
            ObjectNode o = ctx.obj()
                    .put("netuid", netuid)
                    .put("name", h.wireName())
                    .put("old", old)
                    .put("value", v);
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Register a new subnet owned by the wallet (shows the lock cost first).",
            footer = {"", "Example:", "  tao subnet create --wallet owner --hotkey default"})
    public static final class Create extends SharedOptionsCommand {
        @Override
        protected Integer run(Ctx ctx) {
            long lock = ctx.client().lockCost().lockCost();
            AccountId cold = ctx.coldkeyPub();
            AccountId hot = ctx.hotkeyPub();
            long free = ctx.client().balance(cold).free();
            ctx.note("Creating a subnet locks " + ctx.amount(lock) + " (returned when the subnet is dissolved).");
            if (lock > free) {
                throw new UserError("the lock cost " + ctx.amount(lock) + " is more than the free balance "
                        + ctx.amount(free) + "; nothing was submitted");
            }
            var p = ctx.prepare(ctx.coldkey(), new Call.RegisterNetwork(hot));
            TxOutcome.Finalized f = ctx.submit(
                    p,
                    "Create a subnet owned by " + cold + " (owner hotkey " + hot + ")",
                    List.of(
                            "lock " + ctx.amount(lock),
                            "balance " + ctx.amount(free) + " → " + ctx.amount(free - lock - p.fee())));
            Integer netuid = eventInt(f, "NetworkRegistered", "netuid");
            ctx.say("Created subnet " + netuid);
            ObjectNode o = ctx.obj().put("netuid", netuid).put("lock", lock);
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "register",
            mixinStandardHelpOptions = true,
            description = "Register the wallet's hotkey on a subnet by burning TAO (shows the burn first).",
            footer = {"", "Example:", "  tao subnet register 1 --wallet alice --hotkey miner1"})
    public static final class Register extends SharedOptionsCommand {
        @picocli.CommandLine.Mixin
        NetuidArg netuidArg;

        int netuid;

        @Override
        protected Integer run(Ctx ctx) {
            netuid = netuidArg.get();
            Subnet s = subnet(ctx, netuid);
            AccountId cold = ctx.coldkeyPub();
            AccountId hot = ctx.hotkeyPub();
            long free = ctx.client().balance(cold).free();
            // the burn decays block by block while the question waits, so the preview is an upper bound;
            // only another registration landing first (each raises it by 26%) could make it higher
            ctx.note("Registering on subnet " + netuid + " burns at most " + ctx.amount(s.burn())
                    + " (the burn decays each block; another registration landing first would raise it).");
            if (s.burn() > free) {
                throw new UserError("the burn " + ctx.amount(s.burn()) + " is more than the free balance "
                        + ctx.amount(free) + "; nothing was submitted");
            }
            var p = ctx.prepare(ctx.coldkey(), new Call.BurnedRegister(netuid, hot));
            TxOutcome.Finalized f = ctx.submit(
                    p,
                    "Register hotkey " + hot + " on subnet " + netuid,
                    List.of(
                            "burn at most " + ctx.amount(s.burn()),
                            "balance " + ctx.amount(free) + " → at least " + ctx.amount(free - s.burn() - p.fee())));
            Integer uid = eventInt(f, "NeuronRegistered", "uid");
            long burned = f.events().stream()
                    .filter(e -> e.type().equals("NeuronRegistered"))
                    .mapToLong(e -> e.longField("burn"))
                    .findFirst()
                    .orElse(s.burn());
            ctx.say("Registered as uid " + uid + " on subnet " + netuid + "; burned " + ctx.amount(burned) + " (block #"
                    + f.blockNumber() + ")");
            ObjectNode o = ctx.obj()
                    .put("netuid", netuid)
                    .put("uid", uid)
                    .put("hotkey", hot.toSs58())
                    .put("burn", burned);
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "burn-cost",
            mixinStandardHelpOptions = true,
            description = "What registering on a subnet burns now.",
            footer = {"", "Example:", "  tao subnet burn-cost 1"})
    public static final class BurnCost extends SharedOptionsCommand {
        @picocli.CommandLine.Mixin
        NetuidArg netuidArg;

        int netuid;

        @Override
        protected Integer run(Ctx ctx) {
            netuid = netuidArg.get();
            Subnet s = subnet(ctx, netuid);
            ctx.say(ctx.amount(s.burn()));
            ctx.emit(ctx.obj().put("netuid", netuid).put("burn", s.burn()));
            return 0;
        }
    }

    @Command(
            name = "lock-cost",
            mixinStandardHelpOptions = true,
            description = "What creating a subnet locks now.",
            footer = {"", "Example:", "  tao subnet lock-cost"})
    public static final class LockCost extends SharedOptionsCommand {
        @Override
        protected Integer run(Ctx ctx) {
            var l = ctx.client().lockCost();
            ctx.say(ctx.amount(l.lockCost()));
            ctx.emit(ctx.obj().put("lock_cost", l.lockCost()).put("block", l.block()));
            return 0;
        }
    }
}
