package org.tao4j.cli.cmd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.tao4j.cli.Ctx;
import org.tao4j.cli.SharedOptionsCommand;
import org.tao4j.cli.UserError;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.model.Children;
import org.tao4j.client.model.HotkeyStake;
import org.tao4j.client.model.Parents;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.tx.Call;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tao stake child set|get|revoke|take}: childkeys (docs/spec/chain.md §5 "Childkeys"). */
@Command(
        name = "child",
        mixinStandardHelpOptions = true,
        description = "Lend a validator hotkey's stake weight to child hotkeys on one subnet.",
        subcommands = {
            ChildCommand.Set.class,
            ChildCommand.Get.class,
            ChildCommand.Revoke.class,
            ChildCommand.Take.class
        },
        footer = {
            "",
            "Example:",
            "  tao stake child set --wallet alice --hotkey v --netuid 1 --child 5F...=0.3 --child 5G...=0.2",
            "  tao stake child get --netuid 1 --hotkey-address 5F...",
            "  tao stake child revoke --wallet alice --hotkey v --netuid 1",
            "  tao stake child take 10 --wallet bob --hotkey c1 --netuid 1"
        })
public final class ChildCommand implements Runnable {
    /** The chain's limit (Childkeys.MAX_CHILDREN); checked here too so that no fee is paid for a sure refusal. */
    static final int MAX_CHILDREN = 5;

    static final BigInteger ONE = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static void checkNetuid(Ctx ctx, int netuid) {
        if (netuid == 0) {
            throw new UserError("the root network (netuid 0) has no childkeys; give a subnet's netuid");
        }
        SubnetCommand.subnet(ctx, netuid);
    }

    /** The signer must own the hotkey: said before a fee is paid. */
    static void checkOwner(Ctx ctx, AccountId hot) {
        HotkeyStake hs = ctx.client().stakeForHotkey(hot);
        if (hs.owner() == null) {
            throw new UserError("hotkey " + hot + " is not registered anywhere; register it on the subnet first");
        }
        if (!hs.owner().equals(ctx.coldkeyPub())) {
            throw new UserError("hotkey " + hot + " is owned by coldkey " + hs.owner() + ", not by " + ctx.coldkeyPub()
                    + "; use --wallet with the owner's wallet");
        }
    }

    /** "0.3" → floor(0.3 · (2^64 − 1)) as a u64 bit pattern; 0 < p ≤ 1. */
    static long proportion(String text, String what) {
        BigDecimal p;
        try {
            p = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new UserError(what + ": proportion '" + text + "' is not a number between 0 and 1, such as 0.25");
        }
        if (p.signum() <= 0 || p.compareTo(BigDecimal.ONE) > 0) {
            throw new UserError(what + ": proportion " + text + " must be above 0 and at most 1");
        }
        return new BigDecimal(ONE)
                .multiply(p)
                .setScale(0, RoundingMode.FLOOR)
                .toBigIntegerExact()
                .longValue();
    }

    static String fraction(long proportion) {
        return new BigDecimal(new BigInteger(Long.toUnsignedString(proportion)))
                .divide(new BigDecimal(ONE), 6, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    static ArrayNode json(Ctx ctx, List<Children.Child> cs) {
        ArrayNode a = ctx.arr();
        for (Children.Child c : cs) {
            a.addObject()
                    .put("child", c.child().toSs58())
                    .put("proportion", c.proportion())
                    .put("proportion_ppm", c.proportionPpm())
                    .put("stake", c.stake());
        }
        return a;
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = "Set the hotkey's children on a subnet (takes effect after the cooldown; replaces the list).",
            footer = {
                "",
                "Example:",
                "  tao stake child set --wallet alice --hotkey v --netuid 1 --child 5F...=0.3 --child 5G...=0.2"
            })
    public static final class Set extends SharedOptionsCommand {
        @Option(names = "--netuid", required = true)
        int netuid;

        @Option(
                names = "--child",
                required = true,
                paramLabel = "SS58=PROPORTION",
                description =
                        "A child hotkey and the share of this hotkey's stake it gets (0 < p <= 1); repeat, at most 5.")
        List<String> children;

        @Override
        protected Integer run(Ctx ctx) {
            return submitChildren(ctx, netuid, children);
        }
    }

    static Integer submitChildren(Ctx ctx, int netuid, List<String> specs) {
        checkNetuid(ctx, netuid);
        AccountId hot = ctx.hotkeyPub();
        if (specs.size() > MAX_CHILDREN) {
            throw new UserError(specs.size() + " children given; a hotkey may have at most " + MAX_CHILDREN);
        }
        List<Call.Child> list = new ArrayList<>();
        BigInteger sum = BigInteger.ZERO;
        java.util.Set<AccountId> seen = new java.util.TreeSet<>();
        List<String> effects = new ArrayList<>();
        for (String spec : specs) {
            int eq = spec.lastIndexOf('=');
            if (eq <= 0) {
                throw new UserError("--child '" + spec + "' is not SS58=PROPORTION, such as 5F...=0.25");
            }
            AccountId child = ctx.address(spec.substring(0, eq), "--child");
            if (child.equals(hot)) {
                throw new UserError("--child " + child + " is the hotkey itself; a hotkey cannot be its own child");
            }
            if (!seen.add(child)) {
                throw new UserError("--child " + child + " is given twice");
            }
            long p = proportion(spec.substring(eq + 1), "--child " + child);
            sum = sum.add(new BigInteger(Long.toUnsignedString(p)));
            list.add(new Call.Child(p, child));
            effects.add("child " + child + " gets " + fraction(p) + " of the hotkey's stake on subnet " + netuid);
        }
        if (sum.compareTo(ONE) > 0) {
            throw new UserError("the proportions add up to more than 1");
        }
        checkOwner(ctx, hot);
        return submit(
                ctx, hot, netuid, list, effects, "Set " + list.size() + " children of " + hot + " on subnet " + netuid);
    }

    static Integer submit(
            Ctx ctx, AccountId hot, int netuid, List<Call.Child> list, List<String> effects, String action) {
        Children before = ctx.client().children(hot, netuid);
        List<String> all = new ArrayList<>(effects);
        all.add("now: " + before.children().size()
                + " children in effect; the new list takes effect after the cooldown");
        TxOutcome.Finalized f =
                ctx.submit(ctx.prepare(ctx.coldkey(), new Call.SetChildren(hot, netuid, list)), action, all);
        Children after = ctx.client().children(hot, netuid);
        ObjectNode o = ctx.obj()
                .put("hotkey", hot.toSs58())
                .put("netuid", netuid)
                .put(
                        "effective_block",
                        after.pending() == null ? -1 : after.pending().effectiveBlock());
        ArrayNode a = o.putArray("children");
        for (Call.Child c : list) {
            a.addObject().put("child", c.child().toSs58()).put("proportion", Long.toUnsignedString(c.proportion()));
        }
        o.set("tx", ctx.txJson(f));
        if (after.pending() != null) {
            ctx.say("takes effect at block " + after.pending().effectiveBlock());
        }
        ctx.emit(o);
        return 0;
    }

    @Command(
            name = "revoke",
            mixinStandardHelpOptions = true,
            description = "Remove all of the hotkey's children on a subnet (after the cooldown).",
            footer = {"", "Example:", "  tao stake child revoke --wallet alice --hotkey v --netuid 1"})
    public static final class Revoke extends SharedOptionsCommand {
        @Option(names = "--netuid", required = true)
        int netuid;

        @Override
        protected Integer run(Ctx ctx) {
            checkNetuid(ctx, netuid);
            AccountId hot = ctx.hotkeyPub();
            checkOwner(ctx, hot);
            return submit(
                    ctx,
                    hot,
                    netuid,
                    List.of(),
                    List.of("every child of " + hot + " on subnet " + netuid + " is removed"),
                    "Revoke the children of " + hot + " on subnet " + netuid);
        }
    }

    @Command(
            name = "get",
            mixinStandardHelpOptions = true,
            description = "A hotkey's children (in effect and pending), parents, childkey take and stake on a subnet.",
            footer = {"", "Example:", "  tao stake child get --netuid 1 --hotkey-address 5F..."})
    public static final class Get extends SharedOptionsCommand {
        @Option(names = "--netuid", required = true)
        int netuid;

        @Option(names = "--hotkey-address", paramLabel = "SS58")
        String hotkeyAddress;

        @Override
        protected Integer run(Ctx ctx) {
            checkNetuid(ctx, netuid);
            AccountId hot = StakeCommand.target(ctx, hotkeyAddress);
            Children c = ctx.client().children(hot, netuid);
            Parents p = ctx.client().parents(hot, netuid);
            if (!ctx.json()) {
                ctx.say("hotkey " + hot + " on subnet " + netuid + ": stake " + ctx.amount(c.subnetStake())
                        + ", childkey take " + c.childkeyTakePpm() / 10_000.0 + "%");
                Table t = new Table("relation", "hotkey", "proportion", "stake lent");
                for (Children.Child x : c.children()) {
                    t.row(
                            "child",
                            x.child().toSs58(),
                            fraction(Long.parseUnsignedLong(x.proportion())),
                            ctx.amount(x.stake()));
                }
                if (c.pending() != null) {
                    for (Children.Child x : c.pending().children()) {
                        t.row(
                                "pending child (block " + c.pending().effectiveBlock() + ")",
                                x.child().toSs58(),
                                fraction(Long.parseUnsignedLong(x.proportion())),
                                "-");
                    }
                }
                for (Parents.Parent x : p.parents()) {
                    t.row(
                            "parent",
                            x.parent().toSs58(),
                            fraction(Long.parseUnsignedLong(x.proportion())),
                            ctx.amount(x.stake()));
                }
                t.print(ctx.out);
            }
            ObjectNode o = ctx.obj()
                    .put("hotkey", hot.toSs58())
                    .put("netuid", netuid)
                    .put("childkey_take_ppm", c.childkeyTakePpm())
                    .put("subnet_stake", c.subnetStake());
            o.set("children", json(ctx, c.children()));
            if (c.pending() == null) {
                o.putNull("pending");
            } else {
                ObjectNode po = o.putObject("pending")
                        .put("effective_block", c.pending().effectiveBlock());
                po.set("children", json(ctx, c.pending().children()));
            }
            ArrayNode pa = o.putArray("parents");
            for (Parents.Parent x : p.parents()) {
                pa.addObject()
                        .put("parent", x.parent().toSs58())
                        .put("proportion", x.proportion())
                        .put("proportion_ppm", x.proportionPpm())
                        .put("stake", x.stake());
            }
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "take",
            mixinStandardHelpOptions = true,
            description = "Show, or set (PERCENT, 0 to 18), the take the hotkey keeps as a child on a subnet.",
            footer = {
                "",
                "Example:",
                "  tao stake child take --wallet bob --hotkey c1 --netuid 1",
                "  tao stake child take 10 --wallet bob --hotkey c1 --netuid 1"
            })
    public static final class Take extends SharedOptionsCommand {
        @Option(names = "--netuid", required = true)
        int netuid;

        @Parameters(paramLabel = "PERCENT", arity = "0..1")
        String percent;

        @Override
        protected Integer run(Ctx ctx) {
            checkNetuid(ctx, netuid);
            AccountId hot = ctx.hotkeyPub();
            int cur = ctx.client().children(hot, netuid).childkeyTakePpm();
            if (percent == null) {
                ctx.say(cur / 10_000.0 + "%");
                ctx.emit(ctx.obj()
                        .put("hotkey", hot.toSs58())
                        .put("netuid", netuid)
                        .put("take_ppm", cur));
                return 0;
            }
            BigDecimal pct;
            try {
                pct = new BigDecimal(percent.strip());
            } catch (NumberFormatException e) {
                throw new UserError("take '" + percent + "' is not a number of percent, such as 9 or 4.5");
            }
            if (pct.signum() < 0 || pct.compareTo(BigDecimal.valueOf(18)) > 0) {
                throw new UserError("take must be between 0 and 18 percent, not " + percent);
            }
            int ppm = pct.movePointRight(4).setScale(0, RoundingMode.HALF_UP).intValueExact();
            if (ppm == cur) {
                throw new UserError("the childkey take is already " + cur / 10_000.0 + "%");
            }
            checkOwner(ctx, hot);
            TxOutcome.Finalized f = ctx.submit(
                    ctx.prepare(ctx.coldkey(), new Call.SetChildkeyTake(hot, netuid, ppm)),
                    "Set the childkey take of " + hot + " on subnet " + netuid,
                    List.of("childkey take " + cur / 10_000.0 + "% → " + ppm / 10_000.0 + "%"));
            ObjectNode o =
                    ctx.obj().put("hotkey", hot.toSs58()).put("netuid", netuid).put("take_ppm", ppm);
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }
}
