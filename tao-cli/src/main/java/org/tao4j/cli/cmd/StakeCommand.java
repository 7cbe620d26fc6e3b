package org.tao4j.cli.cmd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.tao4j.cli.Amounts;
import org.tao4j.cli.Ctx;
import org.tao4j.cli.SharedOptionsCommand;
import org.tao4j.cli.UserError;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.model.ColdkeyStake;
import org.tao4j.client.model.Delegate;
import org.tao4j.client.model.HotkeyStake;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.tx.Call;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tao stake …}. */
@Command(
        name = "stake",
        mixinStandardHelpOptions = true,
        description = "Stake and unstake TAO on hotkeys; delegate takes.",
        subcommands = {
            StakeCommand.Add.class,
            StakeCommand.Remove.class,
            StakeCommand.Move.class,
            StakeCommand.TransferCmd.class,
            StakeCommand.ListCmd.class,
            StakeCommand.Take.class,
            StakeCommand.Delegates.class,
            ChildCommand.class
        },
        footer = {
            "",
            "Example:",
            "  tao stake add --wallet alice --hotkey miner1 --amount 10",
            "  tao stake list --wallet alice",
            "  tao stake move --wallet alice --hotkey miner1 --dest-hotkey-address 5F... --amount 3",
            "  tao stake child set --wallet alice --hotkey v --netuid 1 --child 5F...=0.3"
        })
public final class StakeCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** --hotkey-address overrides the wallet hotkey (to stake on someone else's hotkey). */
    static AccountId target(Ctx ctx, String address) {
        return address != null ? ctx.address(address, "--hotkey-address") : ctx.hotkeyPub();
    }

    static long stakeOn(Ctx ctx, AccountId cold, AccountId hot) {
        for (ColdkeyStake.Entry e : ctx.client().stakeForColdkey(cold).stakes()) {
            if (e.hotkey().equals(hot)) {
                return e.amount();
            }
        }
        return 0;
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Stake free TAO of the coldkey on a hotkey.",
            footer = {"", "Example:", "  tao stake add --wallet alice --hotkey miner1 --amount 10"})
    public static final class Add extends SharedOptionsCommand {
        @Option(
                names = "--amount",
                required = true,
                paramLabel = "TAO",
                description = "How much free TAO to stake, e.g. 10 or 0.5 (whole rao with --rao).")
        String amount;

        @Option(names = "--hotkey-address", paramLabel = "SS58", description = "Stake on this hotkey (a delegate).")
        String hotkeyAddress;

        @Override
        protected Integer run(Ctx ctx) {
            long rao = Amounts.parse(amount, ctx.opts.rao, "--amount");
            AccountId hot = target(ctx, hotkeyAddress);
            AccountId cold = ctx.coldkeyPub();
            long free = ctx.client().balance(cold).free();
            if (rao > free) {
                throw new UserError("--amount " + ctx.amount(rao) + " is more than the free balance " + ctx.amount(free)
                        + "; nothing was submitted");
            }
            long before = stakeOn(ctx, cold, hot);
            var p = ctx.prepare(ctx.coldkey(), new Call.AddStake(hot, rao));
            TxOutcome.Finalized f = ctx.submit(
                    p,
                    "Stake " + ctx.amount(rao) + " on " + hot,
                    List.of(
                            "balance " + ctx.amount(free) + " → " + ctx.amount(free - rao - p.fee()),
                            "stake on hotkey " + ctx.amount(before) + " → " + ctx.amount(before + rao)));
            long now = stakeOn(ctx, cold, hot);
            ctx.say("Staked " + ctx.amount(rao) + " on " + hot + "; stake " + ctx.amount(now) + " (block #"
                    + f.blockNumber() + ")");
            ObjectNode o =
                    ctx.obj().put("hotkey", hot.toSs58()).put("amount", rao).put("stake", now);
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = "Unstake TAO back to the coldkey.",
            footer = {
                "",
                "Example:",
                "  tao stake remove --wallet alice --hotkey miner1 --amount 5",
                "  tao stake remove --all"
            })
    public static final class Remove extends SharedOptionsCommand {
        /** Follow-up removals for --all when payouts keep arriving; one is enough unless an epoch lands each time. */
        private static final int MAX_FOLLOW_UPS = 3;

        @Option(names = "--amount", paramLabel = "TAO")
        String amount;

        @Option(names = "--all", description = "Remove all stake on the hotkey.")
        boolean all;

        @Option(
                names = "--all-hotkeys",
                description = "Remove all stake on every hotkey (unstake_all), one fee per 64 hotkeys.")
        boolean allHotkeys;

        @Option(names = "--hotkey-address", paramLabel = "SS58")
        String hotkeyAddress;

        @Override
        protected Integer run(Ctx ctx) {
            if (allHotkeys) {
                if (all || amount != null || hotkeyAddress != null) {
                    throw new UserError(
                            "--all-hotkeys takes no --amount, --all or --hotkey-address: it removes everything");
                }
                return removeAllHotkeys(ctx);
            }
            if (all == (amount != null)) {
                throw new UserError("give either --amount TAO, --all or --all-hotkeys");
            }
            AccountId hot = target(ctx, hotkeyAddress);
            AccountId cold = ctx.coldkeyPub();
            long staked = stakeOn(ctx, cold, hot);
            long rao = all ? staked : Amounts.parse(amount, ctx.opts.rao, "--amount");
            if (rao == 0 || rao > staked) {
                throw new UserError("you have " + ctx.amount(staked) + " staked on " + hot + "; cannot remove "
                        + ctx.amount(rao) + ". Nothing was submitted");
            }
            long free = ctx.client().balance(cold).free();
            var p = ctx.prepare(ctx.coldkey(), new Call.RemoveStake(hot, rao));
            TxOutcome.Finalized f = ctx.submit(
                    p,
                    "Unstake " + ctx.amount(rao) + " from " + hot,
                    List.of(
                            "stake " + ctx.amount(staked) + " → " + ctx.amount(staked - rao),
                            "balance " + ctx.amount(free) + " → " + ctx.amount(free + rao - p.fee())));
            long removed = rao;
            long left = stakeOn(ctx, cold, hot);
            // --all means all at the end: an epoch's payout can land between reading the stake and the
            // removal, so what it added is removed too (a whole remainder may be below the minimum)
            for (int round = 0; all && left > 0 && round < MAX_FOLLOW_UPS; round++) {
                ctx.note("a payout arrived while unstaking; removing the remaining " + ctx.amount(left) + " too");
                var more = ctx.prepare(ctx.coldkey(), new Call.RemoveStake(hot, left));
                f = ctx.submit(
                        more,
                        "Unstake the remaining " + ctx.amount(left) + " from " + hot,
                        List.of("stake " + ctx.amount(left) + " → " + ctx.amount(0)),
                        true);
                removed += left;
                left = stakeOn(ctx, cold, hot);
            }
            ctx.say("Unstaked " + ctx.amount(removed) + " from " + hot + "; stake left " + ctx.amount(left)
                    + " (block #" + f.blockNumber() + ")");
            ObjectNode o =
                    ctx.obj().put("hotkey", hot.toSs58()).put("amount", removed).put("stake", left);
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    /** Rounds of unstake_all for --all-hotkeys: 64 hotkeys each, and once more if a payout arrived meanwhile. */
    private static final int MAX_UNSTAKE_ALL_ROUNDS = 8;

    static Integer removeAllHotkeys(Ctx ctx) {
        AccountId cold = ctx.coldkeyPub();
        ColdkeyStake st = ctx.client().stakeForColdkey(cold);
        if (st.total() == 0) {
            throw new UserError("coldkey " + cold + " has no stake on any hotkey; nothing was submitted");
        }
        long free = ctx.client().balance(cold).free();
        List<String> effects = new java.util.ArrayList<>();
        for (ColdkeyStake.Entry e : st.stakes()) {
            effects.add("stake on " + e.hotkey() + " " + ctx.amount(e.amount()) + " → " + ctx.amount(0));
        }
        var p = ctx.prepare(ctx.coldkey(), new Call.UnstakeAll(null));
        effects.add("balance " + ctx.amount(free) + " → " + ctx.amount(free + st.total() - p.fee()) + " (about; "
                + "one fee per 64 hotkeys)");
        TxOutcome.Finalized f =
                ctx.submit(p, "Unstake everything from " + st.stakes().size() + " hotkey(s)", effects);
        long removed = st.total();
        long left = ctx.client().stakeForColdkey(cold).total();
        for (int round = 1; left > 0 && round < MAX_UNSTAKE_ALL_ROUNDS; round++) {
            ctx.note("removing the remaining " + ctx.amount(left) + " (more than 64 hotkeys, or a payout arrived)");
            f = ctx.submit(
                    ctx.prepare(ctx.coldkey(), new Call.UnstakeAll(null)),
                    "Unstake the remaining " + ctx.amount(left),
                    List.of("stake " + ctx.amount(left) + " → " + ctx.amount(0)),
                    true);
            removed += left;
            left = ctx.client().stakeForColdkey(cold).total();
        }
        ObjectNode o =
                ctx.obj().put("coldkey", cold.toSs58()).put("amount", removed).put("stake", left);
        o.set("tx", ctx.txJson(f));
        ctx.emit(o);
        return 0;
    }

    @Command(
            name = "move",
            mixinStandardHelpOptions = true,
            description = "Move the coldkey's stake from one hotkey to another (one fee, no unstaking).",
            footer = {
                "",
                "Example:",
                "  tao stake move --wallet alice --hotkey miner1 --dest-hotkey-address 5F... --amount 3"
            })
    public static final class Move extends SharedOptionsCommand {
        @Option(names = "--amount", paramLabel = "TAO")
        String amount;

        @Option(names = "--all", description = "Move all stake on the origin hotkey.")
        boolean all;

        @Option(
                names = "--hotkey-address",
                paramLabel = "SS58",
                description = "Origin hotkey by address (default: --hotkey).")
        String hotkeyAddress;

        @Option(names = "--dest-hotkey-address", required = true, paramLabel = "SS58")
        String dest;

        @Override
        protected Integer run(Ctx ctx) {
            if (all == (amount != null)) {
                throw new UserError("give either --amount TAO or --all");
            }
            AccountId from = target(ctx, hotkeyAddress);
            AccountId to = ctx.address(dest, "--dest-hotkey-address");
            if (from.equals(to)) {
                throw new UserError("--dest-hotkey-address is the origin hotkey " + from + "; nothing to move");
            }
            AccountId cold = ctx.coldkeyPub();
            long staked = stakeOn(ctx, cold, from);
            long rao = all ? staked : Amounts.parse(amount, ctx.opts.rao, "--amount");
            if (rao == 0 || rao > staked) {
                throw new UserError("you have " + ctx.amount(staked) + " staked on " + from + "; cannot move "
                        + ctx.amount(rao) + ". Nothing was submitted");
            }
            if (ctx.client().stakeForHotkey(to).owner() == null) {
                throw new UserError("destination hotkey " + to + " is not registered anywhere; stake can only go to a "
                        + "registered hotkey");
            }
            long toBefore = stakeOn(ctx, cold, to);
            var p = ctx.prepare(ctx.coldkey(), new Call.MoveStake(from, to, rao));
            TxOutcome.Finalized f = ctx.submit(
                    p,
                    "Move " + ctx.amount(rao) + " of stake from " + from + " to " + to,
                    List.of(
                            "stake on " + from + " " + ctx.amount(staked) + " → " + ctx.amount(staked - rao),
                            "stake on " + to + " " + ctx.amount(toBefore) + " → " + ctx.amount(toBefore + rao),
                            "fee " + ctx.amount(p.fee()) + "; the moved stake earns on " + to
                                    + " from its next epoch on"));
            ObjectNode o = ctx.obj()
                    .put("from_hotkey", from.toSs58())
                    .put("to_hotkey", to.toSs58())
                    .put("amount", rao)
                    .put("from_stake", stakeOn(ctx, cold, from))
                    .put("to_stake", stakeOn(ctx, cold, to));
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "transfer",
            mixinStandardHelpOptions = true,
            description = "Give stake on a hotkey to another coldkey (it stays on the hotkey; one fee).",
            footer = {
                "",
                "Example:",
                "  tao stake transfer --wallet alice --hotkey-address 5F... --dest 5G... --amount 3"
            })
    public static final class TransferCmd extends SharedOptionsCommand {
        @Option(names = "--amount", paramLabel = "TAO")
        String amount;

        @Option(names = "--all", description = "Transfer all stake on the hotkey.")
        boolean all;

        @Option(names = "--hotkey-address", paramLabel = "SS58", description = "The hotkey (default: --hotkey).")
        String hotkeyAddress;

        @Option(names = "--dest", required = true, paramLabel = "COLDKEY")
        String dest;

        @Override
        protected Integer run(Ctx ctx) {
            if (all == (amount != null)) {
                throw new UserError("give either --amount TAO or --all");
            }
            AccountId hot = target(ctx, hotkeyAddress);
            AccountId to = ctx.address(dest, "--dest");
            AccountId cold = ctx.coldkeyPub();
            if (to.equals(cold)) {
                throw new UserError("--dest is your own coldkey " + cold + "; nothing to transfer");
            }
            long staked = stakeOn(ctx, cold, hot);
            long rao = all ? staked : Amounts.parse(amount, ctx.opts.rao, "--amount");
            if (rao == 0 || rao > staked) {
                throw new UserError("you have " + ctx.amount(staked) + " staked on " + hot + "; cannot transfer "
                        + ctx.amount(rao) + ". Nothing was submitted");
            }
            long theirs = stakeOn(ctx, to, hot);
            var p = ctx.prepare(ctx.coldkey(), new Call.TransferStake(to, hot, rao));
            TxOutcome.Finalized f = ctx.submit(
                    p,
                    "Transfer " + ctx.amount(rao) + " of stake on " + hot + " to " + to,
                    List.of(
                            "your stake " + ctx.amount(staked) + " → " + ctx.amount(staked - rao),
                            "their stake " + ctx.amount(theirs) + " → " + ctx.amount(theirs + rao),
                            "fee " + ctx.amount(p.fee()) + "; this cannot be undone by you"));
            ObjectNode o = ctx.obj()
                    .put("hotkey", hot.toSs58())
                    .put("dest", to.toSs58())
                    .put("amount", rao)
                    .put("stake", stakeOn(ctx, cold, hot))
                    .put("dest_stake", stakeOn(ctx, to, hot));
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "The coldkey's stake per hotkey, with its subnets.",
            footer = {"", "Example:", "  tao stake list --wallet alice"})
    public static final class ListCmd extends SharedOptionsCommand {
        @Override
        protected Integer run(Ctx ctx) {
            AccountId cold = ctx.coldkeyPub();
            ColdkeyStake s = ctx.client().stakeForColdkey(cold);
            java.util.Map<AccountId, Delegate> d = new java.util.HashMap<>();
            for (Delegate x : ctx.client().delegates()) {
                d.put(x.hotkey(), x);
            }
            ArrayNode a = ctx.arr();
            Table t = new Table("hotkey", "stake", "subnets");
            for (ColdkeyStake.Entry e : s.stakes()) {
                List<Integer> nets =
                        d.containsKey(e.hotkey()) ? d.get(e.hotkey()).registrations() : List.of();
                ObjectNode r = a.addObject().put("hotkey", e.hotkey().toSs58()).put("amount", e.amount());
                ArrayNode n = r.putArray("netuids");
                nets.forEach(n::add);
                t.row(e.hotkey().toSs58(), ctx.amount(e.amount()), nets.toString());
            }
            if (!ctx.json()) {
                t.print(ctx.out);
                ctx.say("total " + ctx.amount(s.total()));
            }
            ObjectNode o = ctx.obj().put("coldkey", cold.toSs58()).put("total", s.total());
            o.set("stakes", a);
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "take",
            mixinStandardHelpOptions = true,
            description = "A delegate hotkey's take.",
            subcommands = {TakeGet.class, TakeSet.class},
            footer = {"", "Example:", "  tao stake take get --hotkey miner1", "  tao stake take set 9 --hotkey miner1"})
    public static final class Take implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    @Command(
            name = "get",
            mixinStandardHelpOptions = true,
            description = "Show the hotkey's take (percent).",
            footer = {"", "Example:", "  tao stake take get --wallet alice --hotkey miner1"})
    public static final class TakeGet extends SharedOptionsCommand {
        @Option(names = "--hotkey-address", paramLabel = "SS58")
        String hotkeyAddress;

        @Override
        protected Integer run(Ctx ctx) {
            AccountId hot = target(ctx, hotkeyAddress);
            HotkeyStake s = ctx.client().stakeForHotkey(hot);
            ctx.say(String.format("%.4f%%", s.takePpm() / 10_000.0));
            ctx.emit(ctx.obj()
                    .put("hotkey", hot.toSs58())
                    .put("take_percent", s.takePpm() / 10_000.0)
                    .put("take_ppm", s.takePpm()));
            return 0;
        }
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = "Set the hotkey's take in percent (max 18).",
            footer = {"", "Example:", "  tao stake take set 9 --wallet alice --hotkey miner1"})
    public static final class TakeSet extends SharedOptionsCommand {
        @Parameters(paramLabel = "PERCENT")
        String percent;

        @Override
        protected Integer run(Ctx ctx) {
            // BigDecimal, not Double.parseDouble: "NaN" (which passed both range checks and set 0%),
            // "Infinity", "9d" or hex floats are not a percentage
            java.math.BigDecimal pct;
            try {
                pct = new java.math.BigDecimal(percent.strip());
            } catch (NumberFormatException e) {
                throw new UserError("take '" + percent + "' is not a number of percent, such as 9 or 4.5");
            }
            if (pct.signum() < 0 || pct.compareTo(java.math.BigDecimal.valueOf(18)) > 0) {
                throw new UserError("take must be between 0 and 18 percent, not " + percent);
            }
            int ppm = pct.movePointRight(4)
                    .setScale(0, java.math.RoundingMode.HALF_UP)
                    .intValueExact();
            AccountId hot = ctx.hotkeyPub();
            HotkeyStake hs = ctx.client().stakeForHotkey(hot);
            // the chain accepts a take change only from the hotkey's owner: say so before paying a fee
            if (hs.owner() == null) {
                throw new UserError("hotkey " + hot + " is not registered anywhere, so it has no take to set; "
                        + "register it first (`tao subnet register` or `tao root register`)");
            }
            AccountId cold = ctx.coldkeyPub();
            if (!hs.owner().equals(cold)) {
                throw new UserError("hotkey " + hot + " is owned by coldkey " + hs.owner() + ", not by " + cold
                        + "; use --wallet with the owner's wallet");
            }
            int cur = hs.takePpm();
            if (ppm == cur) {
                throw new UserError("the take is already " + cur / 10_000.0 + "%");
            }
            Call c = ppm < cur ? new Call.DecreaseTake(hot, ppm) : new Call.IncreaseTake(hot, ppm);
            TxOutcome.Finalized f = ctx.submit(
                    ctx.prepare(ctx.coldkey(), c),
                    "Set the take of " + hot,
                    List.of("take " + cur / 10_000.0 + "% → " + ppm / 10_000.0 + "%"));
            ctx.say("Take of " + hot + " is now " + ppm / 10_000.0 + "% (block #" + f.blockNumber() + ")");
            ObjectNode o = ctx.obj().put("hotkey", hot.toSs58()).put("take_ppm", ppm);
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "delegates",
            mixinStandardHelpOptions = true,
            description =
                    "Hotkeys holding stake: take, nominators, total stake, estimated return per 1000 TAO per day.",
            footer = {"", "Example:", "  tao stake delegates"})
    public static final class Delegates extends SharedOptionsCommand {
        @Override
        protected Integer run(Ctx ctx) {
            double blockSec = ctx.blockSeconds();
            java.util.Map<AccountId, Long> perEpochEmission = new java.util.HashMap<>();
            java.util.Map<AccountId, Integer> tempo = new java.util.HashMap<>();
            for (var s : ctx.client().subnets()) {
                var m = ctx.client()
                        .metagraph(
                                s.netuid(),
                                java.util.EnumSet.of(
                                        org.tao4j.client.model.MetagraphField.HOTKEYS,
                                        org.tao4j.client.model.MetagraphField.EMISSION));
                for (int u = 0; u < m.n(); u++) {
                    perEpochEmission.merge(m.hotkeys().get(u), m.emission()[u], Long::sum);
                    tempo.put(
                            m.hotkeys().get(u),
                            s.hyperparams() == null ? 360 : s.hyperparams().tempo());
                }
            }
            ArrayNode a = ctx.arr();
            Table t = new Table("hotkey", "take", "nominators", "total stake", "per 1000 τ/day");
            for (Delegate d : ctx.client().delegates()) {
                long e = perEpochEmission.getOrDefault(d.hotkey(), 0L);
                double epochsPerDay = 86_400 / (blockSec * (tempo.getOrDefault(d.hotkey(), 360) + 1));
                double ret =
                        d.totalStake() == 0 ? 0 : e * epochsPerDay * (1 - d.takePpm() / 1e6) * 1000.0 / d.totalStake();
                a.addObject()
                        .put("hotkey", d.hotkey().toSs58())
                        .put("take_ppm", d.takePpm())
                        .put("nominators", d.nominators().size())
                        .put("total_stake", d.totalStake())
                        .put("return_per_1000_tao_per_day", ret);
                t.row(
                        d.hotkey().toSs58(),
                        String.format("%.2f%%", d.takePpm() / 10_000.0),
                        String.valueOf(d.nominators().size()),
                        ctx.amount(d.totalStake()),
                        String.format("τ%.6f", ret));
            }
            if (!ctx.json()) {
                t.print(ctx.out);
            }
            ctx.emit(ctx.obj().set("delegates", a));
            return 0;
        }
    }
}
