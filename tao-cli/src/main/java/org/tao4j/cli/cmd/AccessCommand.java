package org.tao4j.cli.cmd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.tao4j.cli.Amounts;
import org.tao4j.cli.Ctx;
import org.tao4j.cli.SharedOptionsCommand;
import org.tao4j.cli.UserError;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.model.ChainEvent;
import org.tao4j.client.model.Channel;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.runtime.channels.Channels;
import org.tao4j.runtime.tx.Call;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tao access …}: pay a subnet's gateway for answers through a payment channel (docs/access.md,
 * docs/spec/chain.md §13). The on-chain half: open, top-up, channels, close. (The gateway helper adds
 * {@code query} to this group.)
 */
@Command(
        name = "access",
        mixinStandardHelpOptions = true,
        description =
                "Pay a subnet's gateway for answers: payment channels (open, top up, list, close) and paid queries.",
        subcommands = {
            AccessCommand.Open.class,
            AccessCommand.TopUp.class,
            AccessCommand.ListCmd.class,
            AccessCommand.Close.class,
            AccessQueryCommand.class
        },
        footer = {
            "",
            "Example:",
            "  tao access open --wallet alice --gateway 5F... --netuid 1 --deposit 2 --blocks 7200",
            "  tao access top-up --wallet alice --channel 0x5c1f... --amount 1 --blocks 7200",
            "  tao access channels --wallet alice",
            "  tao access close --wallet alice --channel 0x5c1f...",
            "  tao access query --wallet alice --gateway-url http://127.0.0.1:8095 --netuid 1 --channel 0x5c1f... --series 1,2,3 --horizon 2"
        })
public final class AccessCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The most channels {@code tao access channels} lists (an account may be the gateway of any number). */
    static final int MAX_LISTED = 10_000;

    static H256 channelId(String text) {
        try {
            return H256.fromHex(text.startsWith("0x") || text.startsWith("0X") ? text : "0x" + text);
        } catch (IllegalArgumentException e) {
            throw new UserError(
                    "--channel " + text + " is not a channel id (0x + 64 hex digits); see `tao access channels`");
        }
    }

    static Channel channel(Ctx ctx, H256 id) {
        return ctx.client()
                .channel(id)
                .orElseThrow(() ->
                        new UserError("no channel " + id + " on " + ctx.networkName() + "; see `tao access channels`"));
    }

    static long blocks(Long blocks, String what) {
        if (blocks == null) {
            return -1;
        }
        if (blocks < 1 || blocks > Channels.MAX_DURATION) {
            throw new UserError(what + " " + blocks + " must be 1.." + Channels.MAX_DURATION + " blocks");
        }
        return blocks;
    }

    static ObjectNode json(Ctx ctx, Channel c) {
        ObjectNode o = ctx.obj()
                .put("id", c.id().toHex())
                .put("client", c.client().toSs58())
                .put("gateway", c.gateway().toSs58());
        if (c.gatewayColdkey() == null) {
            o.putNull("gatewayColdkey");
        } else {
            o.put("gatewayColdkey", c.gatewayColdkey().toSs58());
        }
        return o.put("netuid", c.netuid())
                .put("deposit", c.deposit())
                .put("claimed", c.claimed())
                .put("remaining", c.remaining())
                .put("expiresAt", c.expiresAt())
                .put("claimDeadline", c.claimDeadline())
                .put("closed", c.closed());
    }

    /** The field {@code name} of the transaction's first event of {@code type}, or null. */
    static String eventField(TxOutcome.Finalized f, String type, String name) {
        for (ChainEvent e : f.eventsOfType(type)) {
            if (e.fields().has(name)) {
                return e.fields().get(name).asText();
            }
        }
        return null;
    }

    @Command(
            name = "open",
            mixinStandardHelpOptions = true,
            description = "Lock a deposit in a new payment channel to a gateway hotkey registered on a subnet.",
            footer = {
                "",
                "The channel expires B blocks from the head; the gateway may claim vouchers until the claim",
                "deadline (expiry + claim grace), then `tao access close` refunds what was not claimed.",
                "",
                "Example:",
                "  tao access open --wallet alice --gateway 5F... --netuid 1 --deposit 2 --blocks 7200"
            })
    public static final class Open extends SharedOptionsCommand {
        @Option(names = "--gateway", required = true, paramLabel = "SS58", description = "The gateway's hotkey.")
        String gateway;

        @Option(names = "--netuid", required = true, paramLabel = "N", description = "The subnet it serves.")
        int netuid;

        @Option(
                names = "--deposit",
                required = true,
                paramLabel = "TAO",
                description = "How much to lock, e.g. 2 or 0.5 (whole rao with --rao).")
        String deposit;

        @Option(names = "--blocks", required = true, paramLabel = "B", description = "Blocks until it expires.")
        Long blocks;

        @Override
        protected Integer run(Ctx ctx) {
            AccountId gw = ctx.address(gateway, "--gateway");
            long rao = Amounts.parse(deposit, ctx.opts.rao, "--deposit");
            if (rao <= 0) {
                throw new UserError("--deposit must be above 0");
            }
            long b = blocks(blocks, "--blocks");
            if (netuid <= 0) {
                throw new UserError("--netuid " + netuid + ": give a subnet (1 or more); root serves no queries");
            }
            SubnetCommand.subnet(ctx, netuid);
            var hotkeys = ctx.client()
                    .metagraph(netuid, java.util.Set.of(org.tao4j.client.model.MetagraphField.HOTKEYS))
                    .hotkeys();
            if (!hotkeys.contains(gw)) {
                throw new UserError("--gateway " + gw + " is not registered on subnet " + netuid
                        + "; a gateway runs with a validator's registered hotkey");
            }
            AccountId cold = ctx.coldkeyPub();
            long free = ctx.client().balance(cold).free();
            if (rao > free) {
                throw new UserError("--deposit " + ctx.amount(rao) + " is more than the free balance "
                        + ctx.amount(free) + "; nothing was submitted");
            }
            long head = ctx.client().head().number();
            long expiresAt = head + b;
            var p = ctx.prepare(ctx.coldkey(), new Call.OpenChannel(gw, netuid, rao, expiresAt));
            TxOutcome.Finalized f = ctx.submit(
                    p,
                    "Open a payment channel to gateway " + gw + " on subnet " + netuid,
                    List.of(
                            "deposit " + ctx.amount(rao) + " locked (balance " + ctx.amount(free) + " → "
                                    + ctx.amount(free - rao - p.fee()) + ")",
                            "expires at block " + expiresAt + " (" + b + " blocks); refundable after the claim"
                                    + " deadline"));
            String id = eventField(f, "ChannelOpened", "channel");
            if (id == null) {
                throw new UserError("the chain accepted the transaction but reported no ChannelOpened event");
            }
            Channel c = channel(ctx, H256.fromHex(id));
            ctx.say("Opened channel " + id + ": " + ctx.amount(c.deposit()) + " to " + gw + ", expires at block "
                    + c.expiresAt() + ", claim deadline " + c.claimDeadline() + " (block #" + f.blockNumber() + ")");
            ObjectNode o = ctx.obj();
            o.set("channel", json(ctx, c));
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "top-up",
            mixinStandardHelpOptions = true,
            description = "Add TAO to one of the wallet's open channels and/or extend its expiry.",
            footer = {
                "",
                "Example:",
                "  tao access top-up --wallet alice --channel 0x5c1f... --amount 1",
                "  tao access top-up --wallet alice --channel 0x5c1f... --blocks 7200"
            })
    public static final class TopUp extends SharedOptionsCommand {
        @Option(names = "--channel", required = true, paramLabel = "ID", description = "The channel id (0x-hex).")
        String channel;

        @Option(
                names = "--amount",
                paramLabel = "TAO",
                description = "How much to add (leave out with --blocks to only extend).")
        String amount;

        @Option(
                names = "--blocks",
                paramLabel = "B",
                description = "Set the expiry to B blocks from the head (never earlier than now set).")
        Long blocks;

        @Override
        protected Integer run(Ctx ctx) {
            H256 id = channelId(channel);
            long rao = amount == null ? 0 : Amounts.parse(amount, ctx.opts.rao, "--amount");
            long b = blocks(blocks, "--blocks");
            if (rao == 0 && b < 0) {
                throw new UserError(
                        "nothing to do: give --amount TAO to add, --blocks B to extend the expiry, or both");
            }
            Channel c = channel(ctx, id);
            AccountId cold = ctx.coldkeyPub();
            if (!c.client().equals(cold)) {
                throw new UserError("channel " + id + " belongs to client " + c.client() + ", not " + cold);
            }
            if (c.closed()) {
                throw new UserError("channel " + id + " is closed; open a new one with `tao access open`");
            }
            long head = ctx.client().head().number();
            if (head >= c.expiresAt()) {
                throw new UserError("channel " + id + " expired at block " + c.expiresAt() + "; open a new one");
            }
            long expiresAt = b < 0 ? c.expiresAt() : head + b;
            if (expiresAt < c.expiresAt()) {
                throw new UserError("--blocks " + b + " would end the channel at block " + expiresAt
                        + ", before its expiry " + c.expiresAt() + "; an expiry may only be extended");
            }
            if (rao == 0 && expiresAt == c.expiresAt()) {
                throw new UserError("nothing to do: the expiry is already block " + c.expiresAt()
                        + "; give --amount TAO or a larger --blocks");
            }
            long free = ctx.client().balance(cold).free();
            if (rao > free) {
                throw new UserError("--amount " + ctx.amount(rao) + " is more than the free balance " + ctx.amount(free)
                        + "; nothing was submitted");
            }
            var p = ctx.prepare(ctx.coldkey(), new Call.TopUpChannel(id, rao, expiresAt));
            List<String> effects = new ArrayList<>();
            effects.add("deposit " + ctx.amount(c.deposit()) + " → " + ctx.amount(c.deposit() + rao) + " (balance "
                    + ctx.amount(free) + " → " + ctx.amount(free - rao - p.fee()) + ")");
            if (expiresAt != c.expiresAt()) {
                effects.add("expiry block " + c.expiresAt() + " → " + expiresAt);
            }
            TxOutcome.Finalized f = ctx.submit(p, "Top up channel " + id, effects);
            Channel now = channel(ctx, id);
            ctx.say("Channel " + id + ": deposit " + ctx.amount(now.deposit()) + ", expires at block " + now.expiresAt()
                    + " (block #" + f.blockNumber() + ")");
            ObjectNode o = ctx.obj();
            o.set("channel", json(ctx, now));
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "channels",
            mixinStandardHelpOptions = true,
            description = "The payment channels of an account, as client or gateway (default: the wallet's coldkey).",
            footer = {"", "Example:", "  tao access channels --wallet alice", "  tao access channels --address 5F..."})
    public static final class ListCmd extends SharedOptionsCommand {
        @Option(names = "--address", paramLabel = "SS58", description = "List this account's channels instead.")
        String address;

        @Override
        protected Integer run(Ctx ctx) {
            AccountId who = address != null ? ctx.address(address, "--address") : ctx.coldkeyPub();
            List<Channel> cs = ctx.client().allChannels(who, MAX_LISTED);
            long head = ctx.client().head().number();
            Table t = new Table("id", "role", "netuid", "deposit", "claimed", "expires", "deadline", "state");
            ObjectNode o = ctx.obj().put("address", who.toSs58()).put("head", head);
            ArrayNode a = o.putArray("channels");
            for (Channel c : cs) {
                String state = c.closed()
                        ? "closed"
                        : head > c.claimDeadline() ? "closable" : head > c.expiresAt() ? "expired" : "open";
                String role = c.client().equals(who) ? "client" : "gateway";
                a.add(json(ctx, c).put("role", role).put("state", state));
                t.row(
                        c.id().toHex(),
                        role,
                        Integer.toString(c.netuid()),
                        ctx.amount(c.deposit()),
                        ctx.amount(c.claimed()),
                        Long.toString(c.expiresAt()),
                        Long.toString(c.claimDeadline()),
                        state);
            }
            if (!ctx.json()) {
                if (cs.isEmpty()) {
                    ctx.say("no channels for " + who);
                } else {
                    t.print(ctx.out);
                }
            }
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "close",
            mixinStandardHelpOptions = true,
            description = "Close one of the wallet's channels after its claim deadline: refunds what was not claimed.",
            footer = {
                "",
                "Example:",
                "  tao access close --wallet alice --channel 0x5c1f...",
                "  tao access query --wallet alice --gateway-url http://127.0.0.1:8095 --netuid 1 --channel 0x5c1f... --series 1,2,3 --horizon 2"
            })
    public static final class Close extends SharedOptionsCommand {
        @Option(names = "--channel", required = true, paramLabel = "ID", description = "The channel id (0x-hex).")
        String channel;

        @Override
        protected Integer run(Ctx ctx) {
            H256 id = channelId(channel);
            Channel c = channel(ctx, id);
            AccountId cold = ctx.coldkeyPub();
            if (!c.client().equals(cold)) {
                throw new UserError("channel " + id + " belongs to client " + c.client() + ", not " + cold);
            }
            if (c.closed()) {
                throw new UserError("channel " + id + " is already closed");
            }
            long head = ctx.client().head().number();
            if (head + 1 <= c.claimDeadline()) {
                throw new UserError("channel " + id + " can be closed after block " + c.claimDeadline()
                        + " (the gateway may claim until then); the head is " + head);
            }
            long free = ctx.client().balance(cold).free();
            long refund = c.deposit() - c.claimed();
            var p = ctx.prepare(ctx.coldkey(), new Call.CloseChannel(id));
            TxOutcome.Finalized f = ctx.submit(
                    p,
                    "Close channel " + id,
                    List.of(
                            "refund " + ctx.amount(refund) + " of the deposit " + ctx.amount(c.deposit()) + " (claimed "
                                    + ctx.amount(c.claimed()) + ")",
                            "balance " + ctx.amount(free) + " → " + ctx.amount(free + refund - p.fee())));
            String paid = eventField(f, "ChannelClosed", "refund");
            long refunded = paid == null ? refund : Long.parseLong(paid);
            ctx.say("Closed channel " + id + ": refunded " + ctx.amount(refunded) + " (block #" + f.blockNumber()
                    + ")");
            ObjectNode o = ctx.obj().put("refund", refunded);
            o.set("channel", json(ctx, channel(ctx, id)));
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }
}
