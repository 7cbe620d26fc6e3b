package org.tao4j.cli.cmd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.tao4j.cli.Ctx;
import org.tao4j.cli.SharedOptionsCommand;
import org.tao4j.cli.UserError;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.model.ColdkeySwapStatus;
import org.tao4j.client.model.Delegate;
import org.tao4j.client.model.HotkeyStake;
import org.tao4j.client.model.ProxyList;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Hex;
import org.tao4j.runtime.keys.KeySafety;
import org.tao4j.runtime.keys.Proxies;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.ProxyType;
import org.tao4j.wallet.Wallet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Key safety and proxies (docs/spec/chain.md §10, docs/keys-and-proxies.md): {@code tao wallet swap-hotkey},
 * {@code tao wallet swap-coldkey announce|execute|dispute|status} and {@code tao proxy add|remove|list}.
 */
public final class KeysCommand {

    private KeysCommand() {}

    /** A hotkey given by name in the wallet, a dev URI on dev chains, or an SS58 address. */
    static AccountId hotkeyRef(Ctx ctx, String ref, String what) {
        if (Ctx.isDevUri(ref)) {
            return ctx.address(ref, what);
        }
        if (ref.startsWith("5") && ref.length() > 40) {
            return ctx.address(ref, what);
        }
        Wallet w = ctx.wallet();
        if (!w.hasHotkey(ref)) {
            throw new UserError(
                    what + " '" + ref + "' is neither a hotkey of wallet '" + w.name() + "' nor an address; "
                            + "create it with `tao wallet new-hotkey --wallet " + w.name() + " --hotkey " + ref + "`");
        }
        return w.hotkeyPub(ref);
    }

    static ProxyType proxyType(String s) {
        ProxyType t = ProxyType.byLabel(s.strip());
        if (t == null) {
            throw new UserError("--type '" + s + "' is not a proxy type: use Any, NonTransfer, Staking, Registration, "
                    + "Weights or Governance");
        }
        return t;
    }

    // ================================================================ swap-hotkey

    @Command(
            name = "swap-hotkey",
            mixinStandardHelpOptions = true,
            description = "Move a hotkey's registrations, stake, take and root seat to a fresh hotkey (costs 0.1 TAO).",
            footer = {
                "",
                "Example:",
                "  tao wallet new-hotkey --wallet alice --hotkey miner1b",
                "  tao wallet swap-hotkey --wallet alice --hotkey miner1 --new-hotkey miner1b"
            })
    public static final class SwapHotkey extends SharedOptionsCommand {
        @Option(
                names = "--new-hotkey",
                required = true,
                paramLabel = "NAME|SS58",
                description = "The fresh hotkey: a hotkey name in the wallet or an address.")
        String newHotkey;

        @Override
        protected Integer run(Ctx ctx) {
            AccountId old = ctx.hotkeyPub();
            AccountId next = hotkeyRef(ctx, newHotkey, "--new-hotkey");
            if (old.equals(next)) {
                throw new UserError("--new-hotkey is the same key as --hotkey; nothing was submitted");
            }
            AccountId cold = ctx.coldkeyPub();
            HotkeyStake hs = ctx.client().stakeForHotkey(old);
            if (hs.owner() == null || !hs.owner().equals(cold)) {
                throw new UserError("hotkey " + old + " is "
                        + (hs.owner() == null ? "not registered anywhere" : "owned by " + hs.owner() + ", not " + cold)
                        + "; nothing was submitted");
            }
            HotkeyStake ns = ctx.client().stakeForHotkey(next);
            if (ns.owner() != null || ns.total() > 0) {
                throw new UserError("--new-hotkey " + next + " is already in use (owner " + ns.owner()
                        + "); use a fresh key. Nothing was submitted");
            }
            List<Integer> nets = List.of();
            for (Delegate d : ctx.client().delegates()) {
                if (d.hotkey().equals(old)) {
                    nets = d.registrations();
                }
            }
            var p = ctx.prepare(ctx.coldkey(), new Call.SwapHotkey(old, next));
            TxOutcome.Finalized f = ctx.submit(
                    p,
                    "Swap hotkey " + old + " → " + next,
                    List.of(
                            "registrations on subnets " + nets + " move to the new hotkey (same uids)",
                            "stake " + ctx.amount(hs.total()) + " of "
                                    + hs.stakers().size() + " stakers moves with it",
                            "swap cost " + ctx.amount(KeySafety.HOTKEY_SWAP_COST) + " (recycled)"));
            ObjectNode o = ctx.obj()
                    .put("coldkey", cold.toSs58())
                    .put("old_hotkey", old.toSs58())
                    .put("new_hotkey", next.toSs58())
                    .put("stake", ctx.client().stakeForHotkey(next).total())
                    .put("cost", KeySafety.HOTKEY_SWAP_COST);
            ArrayNode n = o.putArray("netuids");
            nets.forEach(n::add);
            o.set("tx", ctx.txJson(f));
            ctx.say("hotkey " + old + " is now " + next);
            ctx.emit(o);
            return 0;
        }
    }

    // ================================================================ swap-coldkey

    @Command(
            name = "swap-coldkey",
            mixinStandardHelpOptions = true,
            description = "Move everything of the coldkey to a new one, after an announcement and a delay.",
            subcommands = {Announce.class, Execute.class, Dispute.class, Status.class},
            footer = {
                "",
                "Example:",
                "  tao wallet swap-coldkey announce --wallet alice --new-coldkey 5F…",
                "  tao wallet swap-coldkey status --wallet alice",
                "  tao wallet swap-coldkey execute --wallet alice --new-coldkey 5F…"
            })
    public static final class SwapColdkey implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    static ObjectNode statusJson(Ctx ctx, ColdkeySwapStatus s) {
        ObjectNode o = ctx.obj()
                .put("coldkey", s.coldkey().toSs58())
                .put("pending", s.pending())
                .put("delay", s.delay())
                .put("block", s.block());
        if (s.pending()) {
            o.put("new_coldkey_hash", s.newColdkeyHash())
                    .put("announced_at", s.announcedAt())
                    .put("executable_at", s.executableAt())
                    .put("disputed", s.disputed());
        }
        return o;
    }

    @Command(
            name = "announce",
            mixinStandardHelpOptions = true,
            description = "Announce a swap to NEW (a second announcement freezes a pending one for governance).")
    public static final class Announce extends SharedOptionsCommand {
        @Option(names = "--new-coldkey", required = true, paramLabel = "SS58")
        String newColdkey;

        @Override
        protected Integer run(Ctx ctx) {
            AccountId next = ctx.address(newColdkey, "--new-coldkey");
            AccountId cold = ctx.coldkeyPub();
            ColdkeySwapStatus before = ctx.client().coldkeySwap(cold);
            var p = ctx.prepare(ctx.coldkey(), new Call.AnnounceColdkeySwap(KeySafety.coldkeyHash(next)));
            String effect = before.pending()
                    ? "a swap is already pending: this announcement FREEZES it; governance then decides"
                    : "executable after " + before.delay() + " blocks with `tao wallet swap-coldkey execute`";
            TxOutcome.Finalized f =
                    ctx.submit(p, "Announce a swap of coldkey " + cold + " to " + next, List.of(effect));
            ColdkeySwapStatus s = ctx.client().coldkeySwap(cold);
            ObjectNode o = statusJson(ctx, s);
            o.set("tx", ctx.txJson(f));
            ctx.say(
                    s.disputed() != null && s.disputed()
                            ? "the swap is frozen: governance decides it"
                            : "announced; executable at block " + s.executableAt());
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "execute",
            mixinStandardHelpOptions = true,
            description = "After the delay: move balance, stake, hotkeys and subnets to the announced coldkey.")
    public static final class Execute extends SharedOptionsCommand {
        @Option(names = "--new-coldkey", required = true, paramLabel = "SS58")
        String newColdkey;

        @Override
        protected Integer run(Ctx ctx) {
            AccountId next = ctx.address(newColdkey, "--new-coldkey");
            AccountId cold = ctx.coldkeyPub();
            ColdkeySwapStatus s = ctx.client().coldkeySwap(cold);
            if (!s.pending()) {
                throw new UserError(
                        "no swap is announced for " + cold + "; run `tao wallet swap-coldkey announce` first");
            }
            if (s.disputed()) {
                throw new UserError("the swap is frozen (disputed or announced twice): governance decides it");
            }
            if (s.block() + 1 < s.executableAt()) {
                throw new UserError("the swap executes from block " + s.executableAt() + "; now " + s.block()
                        + ". Nothing was submitted");
            }
            if (!Hex.toHex(KeySafety.coldkeyHash(next)).equals(s.newColdkeyHash())) {
                throw new UserError(next + " is not the announced coldkey; nothing was submitted");
            }
            long free = ctx.client().balance(cold).free();
            var p = ctx.prepare(ctx.coldkey(), new Call.SwapColdkey(next));
            TxOutcome.Finalized f = ctx.submit(
                    p,
                    "Swap coldkey " + cold + " → " + next,
                    List.of(
                            "free balance " + ctx.amount(free) + " less the fee and "
                                    + ctx.amount(KeySafety.COLDKEY_SWAP_COST) + " moves",
                            "all stake, owned hotkeys and owned subnets move"));
            ObjectNode o = ctx.obj()
                    .put("old_coldkey", cold.toSs58())
                    .put("new_coldkey", next.toSs58())
                    .put("balance", ctx.client().balance(next).free());
            o.set("tx", ctx.txJson(f));
            ctx.say("coldkey " + cold + " is now " + next);
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "dispute",
            mixinStandardHelpOptions = true,
            description = "Freeze the coldkey's pending swap; governance then decides it.")
    public static final class Dispute extends SharedOptionsCommand {
        @Override
        protected Integer run(Ctx ctx) {
            AccountId cold = ctx.coldkeyPub();
            ColdkeySwapStatus s = ctx.client().coldkeySwap(cold);
            if (!s.pending()) {
                throw new UserError("no swap is announced for " + cold + "; nothing to dispute");
            }
            var p = ctx.prepare(ctx.coldkey(), new Call.DisputeColdkeySwap());
            TxOutcome.Finalized f = ctx.submit(
                    p,
                    "Dispute the pending swap of " + cold,
                    List.of("the swap no longer executes; governance approves or refuses it"));
            ObjectNode o = statusJson(ctx, ctx.client().coldkeySwap(cold));
            o.set("tx", ctx.txJson(f));
            ctx.say("the swap is frozen");
            ctx.emit(o);
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the coldkey's pending swap.")
    public static final class Status extends SharedOptionsCommand {
        @Option(names = "--address", paramLabel = "SS58", description = "Another coldkey than the wallet's.")
        String address;

        @Override
        protected Integer run(Ctx ctx) {
            AccountId cold = address != null ? ctx.address(address, "--address") : ctx.coldkeyPub();
            ColdkeySwapStatus s = ctx.client().coldkeySwap(cold);
            if (!s.pending()) {
                ctx.say("no coldkey swap is pending for " + cold + " (delay " + s.delay() + " blocks)");
            } else {
                ctx.say("swap of " + cold + " announced at block " + s.announcedAt() + ", executable at block "
                        + s.executableAt() + (s.disputed() ? "; FROZEN: governance decides" : "") + " (now " + s.block()
                        + ")");
            }
            ctx.emit(statusJson(ctx, s));
            return 0;
        }
    }

    // ================================================================ proxy

    @Command(
            name = "proxy",
            mixinStandardHelpOptions = true,
            description = "Let another key make some of this coldkey's calls (Any, NonTransfer, Staking, Registration, "
                    + "Weights, Governance).",
            subcommands = {ProxyAdd.class, ProxyRemove.class, ProxyListCmd.class},
            footer = {
                "",
                "Example:",
                "  tao proxy add --wallet alice --delegate 5F… --type Staking",
                "  tao stake add --wallet hotmachine --proxy-for 5Alice… --hotkey-address 5V… --amount 10",
                "  tao proxy list --wallet alice"
            })
    public static final class ProxyCommand implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a proxy (costs 0.01 TAO; at most 8).")
    public static final class ProxyAdd extends SharedOptionsCommand {
        @Option(names = "--delegate", required = true, paramLabel = "SS58")
        String delegate;

        @Option(names = "--type", required = true, paramLabel = "TYPE")
        String type;

        @Option(
                names = "--delay",
                paramLabel = "BLOCKS",
                description = "Calls must be announced this many blocks before.")
        long delay;

        @Override
        protected Integer run(Ctx ctx) {
            AccountId d = ctx.address(delegate, "--delegate");
            ProxyType t = proxyType(type);
            if (delay < 0 || delay > Proxies.MAX_DELAY) {
                throw new UserError("--delay must be between 0 and " + Proxies.MAX_DELAY + " blocks");
            }
            AccountId real = ctx.coldkeyPub();
            if (d.equals(real)) {
                throw new UserError("an account cannot be its own proxy");
            }
            var p = ctx.prepare(ctx.coldkey(), new Call.AddProxy(d, t, delay));
            TxOutcome.Finalized f = ctx.submit(
                    p,
                    "Let " + d + " make " + t.label() + " calls for " + real,
                    List.of(
                            "proxy fee " + ctx.amount(Proxies.PROXY_FEE) + " (recycled)",
                            delay > 0 ? "each call must be announced " + delay + " blocks before" : "no delay"));
            ObjectNode o = ctx.obj()
                    .put("real", real.toSs58())
                    .put("delegate", d.toSs58())
                    .put("type", t.label())
                    .put("delay", delay);
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a proxy (or all with --all).")
    public static final class ProxyRemove extends SharedOptionsCommand {
        @Option(names = "--delegate", paramLabel = "SS58")
        String delegate;

        @Option(names = "--type", paramLabel = "TYPE")
        String type;

        @Option(names = "--all", description = "Remove every proxy of the account.")
        boolean all;

        @Override
        protected Integer run(Ctx ctx) {
            if (all == (delegate != null || type != null)) {
                throw new UserError("give either --delegate SS58 --type TYPE, or --all");
            }
            Call call;
            String action;
            if (all) {
                call = new Call.RemoveProxies();
                action = "Remove every proxy of " + ctx.coldkeyPub();
            } else {
                if (delegate == null || type == null) {
                    throw new UserError("give both --delegate and --type");
                }
                AccountId d = ctx.address(delegate, "--delegate");
                ProxyType t = proxyType(type);
                call = new Call.RemoveProxy(d, t);
                action = "Remove the " + t.label() + " proxy of " + d;
            }
            var p = ctx.prepare(ctx.coldkey(), call);
            TxOutcome.Finalized f = ctx.submit(p, action, List.of());
            ObjectNode o = ctx.obj()
                    .put("real", ctx.coldkeyPub().toSs58())
                    .put(
                            "left",
                            ctx.client().proxies(ctx.coldkeyPub()).proxies().size());
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The account's proxies and announced calls.")
    public static final class ProxyListCmd extends SharedOptionsCommand {
        @Option(names = "--address", paramLabel = "SS58", description = "Another account than the wallet's coldkey.")
        String address;

        @Override
        protected Integer run(Ctx ctx) {
            AccountId a = address != null ? ctx.address(address, "--address") : ctx.coldkeyPub();
            ProxyList l = ctx.client().proxies(a);
            Table t = new Table("delegate", "type", "delay");
            ObjectNode o = ctx.obj().put("account", a.toSs58());
            ArrayNode ps = o.putArray("proxies");
            for (ProxyList.Proxy p : l.proxies()) {
                t.row(p.delegate().toSs58(), p.type(), Long.toString(p.delay()));
                ps.addObject()
                        .put("delegate", p.delegate().toSs58())
                        .put("type", p.type())
                        .put("delay", p.delay());
            }
            ArrayNode an = o.putArray("announcements");
            List<String> lines = new ArrayList<>();
            for (ProxyList.Announcement x : l.announcements()) {
                an.addObject()
                        .put("real", x.real().toSs58())
                        .put("call_hash", x.callHash())
                        .put("block", x.block());
                lines.add("announced for " + x.real() + " at block " + x.block() + ": " + x.callHash());
            }
            if (!ctx.json()) {
                if (l.proxies().isEmpty()) {
                    ctx.say("no proxies for " + a);
                } else {
                    t.print(ctx.out);
                }
                lines.forEach(ctx::say);
            }
            ctx.emit(o);
            return 0;
        }
    }
}
