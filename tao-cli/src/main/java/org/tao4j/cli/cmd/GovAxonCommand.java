package org.tao4j.cli.cmd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.tao4j.cli.Ctx;
import org.tao4j.cli.SharedOptionsCommand;
import org.tao4j.cli.UserError;
import org.tao4j.client.TxOutcome;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.GlobalParameter;
import org.tao4j.runtime.tx.Hyperparameter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tao gov …} and {@code tao axon serve}. */
public final class GovAxonCommand {

    private GovAxonCommand() {}

    @Command(
            name = "gov",
            mixinStandardHelpOptions = true,
            description = "Senate proposals and votes.",
            subcommands = {Propose.class, Vote.class, Proposals.class},
            footer = {"", "Example:", "  tao gov propose --netuid 1 --param tempo --value 20", "  tao gov vote 0 --aye"
            })
    public static final class Gov implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    @Command(
            name = "propose",
            mixinStandardHelpOptions = true,
            description = "Propose a parameter change (senate members, signed by the hotkey): a subnet's "
                    + "hyperparameter with --netuid, or without it a global parameter (subnet_limit, min_lock, "
                    + "base_fee, per_byte_fee, network_rate_limit, default_max_allowed_validators).",
            footer = {
                "",
                "Example:",
                "  tao gov propose --netuid 1 --param tempo --value 20 --wallet v",
                "  tao gov propose --param subnet_limit --value 40 --wallet v"
            })
    public static final class Propose extends SharedOptionsCommand {
        @Option(
                names = "--netuid",
                description = "The subnet (or as the first argument); leave out for a global parameter.")
        Integer netuid;

        @Parameters(arity = "0..1", paramLabel = "NETUID", description = "The subnet (or --netuid N).")
        Integer netuidPositional;

        @Option(names = "--param", required = true)
        String param;

        @Option(
                names = "--value",
                required = true,
                paramLabel = "N",
                description = "A whole number >= 0, or true/false.")
        String text;

        static GlobalParameter global(String name) {
            for (GlobalParameter g : GlobalParameter.values()) {
                if (g.wireName().equals(name)) {
                    return g;
                }
            }
            return null;
        }

        static String globals() {
            return java.util.Arrays.stream(GlobalParameter.values())
                    .map(GlobalParameter::wireName)
                    .collect(java.util.stream.Collectors.joining(", "));
        }

        @Override
        protected Integer run(Ctx ctx) {
            if (netuidPositional != null) {
                NetuidArg n = new NetuidArg();
                n.positional = netuidPositional;
                n.option = netuid;
                netuid = n.get();
            }
            Hyperparameter h = Hyperparameter.byName(param);
            GlobalParameter g = global(param);
            if (netuid == null && g == null) {
                throw new UserError(
                        h != null
                                ? "'" + param + "' is a subnet hyperparameter: give --netuid"
                                : "unknown global parameter '" + param + "'; the global ones are " + globals()
                                        + " (a subnet's hyperparameter needs --netuid)");
            }
            if (netuid != null && h == null) {
                throw new UserError(
                        g != null
                                ? "'" + param + "' is a global parameter: leave out --netuid"
                                : "unknown hyperparameter '" + param + "'; see `tao subnet hyperparameters " + netuid
                                        + "`");
            }
            // a negative value is a u64 above 2^63 on chain: the proposal could only ever fail when it passed
            long value;
            try {
                value = text.equals("true") ? 1 : text.equals("false") ? 0 : Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                throw new UserError("--value '" + text + "' is not a whole number (or true/false)");
            }
            if (value < 0) {
                throw new UserError("--value " + text + " is negative; parameters are whole numbers >= 0");
            }
            requireSenator(ctx, "propose");
            Call change;
            String what;
            if (netuid != null) {
                SubnetCommand.subnet(ctx, netuid);
                change = new Call.SetSubnetParameter(netuid, h, value);
                what = h.wireName() + " = " + value + " on subnet " + netuid;
            } else {
                change = new Call.SetGlobalParameter(g, value);
                what = "global " + g.wireName() + " = " + value;
            }
            TxOutcome.Finalized f = ctx.submit(
                    ctx.prepare(ctx.hotkey(), new Call.Propose(change)), "Propose " + what, List.of("a new proposal"));
            Integer id = SubnetCommand.eventInt(f, "Proposed", "proposalId");
            ctx.say("Proposed #" + id + ": " + what + " (block #" + f.blockNumber() + ")");
            ObjectNode o = ctx.obj().put("proposal_id", id);
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "vote",
            mixinStandardHelpOptions = true,
            description = "Vote on a proposal (signed by the hotkey).",
            footer = {"", "Example:", "  tao gov vote 0 --aye --wallet v"})
    public static final class Vote extends SharedOptionsCommand {
        @Parameters(paramLabel = "ID")
        long id;

        @Option(names = "--aye")
        boolean aye;

        @Option(names = "--nay")
        boolean nay;

        @Override
        protected Integer run(Ctx ctx) {
            if (aye == nay) {
                throw new UserError("give --aye or --nay");
            }
            requireSenator(ctx, "vote");
            var open = ctx.client().proposals().proposals();
            var mine = open.stream().filter(p -> p.id() == id).findFirst();
            if (mine.isEmpty()) {
                throw new UserError("there is no open proposal #" + id + " (it passed, was rejected, expired, or never "
                        + "existed); open proposals: "
                        + (open.isEmpty()
                                ? "none"
                                : open.stream()
                                        .map(p -> "#" + p.id())
                                        .collect(java.util.stream.Collectors.joining(", ")))
                        + ". See `tao gov proposals`. Nothing was submitted");
            }
            AccountId me = ctx.hotkeyPub();
            if ((aye ? mine.get().ayes() : mine.get().nays()).contains(me)) {
                throw new UserError("hotkey " + me.toSs58() + " already voted " + (aye ? "aye" : "nay")
                        + " on proposal #" + id + ". Nothing was submitted");
            }
            TxOutcome.Finalized f = ctx.submit(
                    ctx.prepare(ctx.hotkey(), new Call.Vote(id, aye)),
                    "Vote " + (aye ? "aye" : "nay") + " on proposal #" + id,
                    List.of());
            ctx.say("Voted " + (aye ? "aye" : "nay") + " on proposal #" + id + " (block #" + f.blockNumber() + ")");
            ObjectNode o = ctx.obj().put("proposal_id", id).put("aye", aye);
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    /** Refuses, before anything is signed, a hotkey that is not in the current senate (exit 2, no fee). */
    static void requireSenator(Ctx ctx, String what) {
        AccountId me = ctx.hotkeyPub();
        List<AccountId> senate = ctx.client().proposals().senate();
        if (!senate.contains(me)) {
            throw new UserError("hotkey " + me.toSs58() + " is not in the senate (" + senate.size() + " members): only "
                    + "senate members may " + what + ". The senate is the root network's members with the most stake; "
                    + "see `tao root list`. Nothing was submitted");
        }
    }

    @Command(
            name = "proposals",
            mixinStandardHelpOptions = true,
            description = "The senate, the open proposals (with their votes), and proposal events in recent blocks.",
            footer = {"", "Example:", "  tao gov proposals --blocks 500"})
    public static final class Proposals extends SharedOptionsCommand {
        @Option(names = "--blocks", defaultValue = "256", description = "How many recent blocks to scan (default 256).")
        int blocks;

        @Override
        protected Integer run(Ctx ctx) {
            if (blocks < 1) {
                throw new UserError("--blocks must be at least 1, not " + blocks);
            }
            var gov = ctx.client().proposals();
            var senate = ctx.arr();
            gov.senate().forEach(x -> senate.add(x.toSs58()));
            var open = ctx.arr();
            ctx.say("senate: " + gov.senate().size() + " members; a proposal passes with " + gov.ayesNeeded()
                    + " ayes");
            for (var p : gov.proposals()) {
                ObjectNode j = open.addObject();
                j.put("id", p.id())
                        .put("proposer", p.proposer().toSs58())
                        .put("call", p.call())
                        .put("end", p.end());
                j.set("decoded", p.decoded());
                var ayes = j.putArray("ayes");
                p.ayes().forEach(x -> ayes.add(x.toSs58()));
                var nays = j.putArray("nays");
                p.nays().forEach(x -> nays.add(x.toSs58()));
                ctx.say("open #" + p.id() + " " + p.decoded() + " ayes "
                        + p.ayes().size() + "/" + gov.ayesNeeded() + ", nays "
                        + p.nays().size() + ", until block " + p.end());
            }
            if (gov.proposals().isEmpty()) {
                ctx.say("no open proposals");
            }
            long head = ctx.client().head().number();
            var a = ctx.arr();
            for (long n = Math.max(1, head - blocks + 1); n <= head; n++) {
                var h = ctx.client().blockHash(n);
                if (h.isEmpty()) {
                    continue;
                }
                for (var e : ctx.client().events(h.get()).events()) {
                    if (e.type().startsWith("Propos") || e.type().startsWith("Vote")) {
                        ObjectNode j = e.fields().deepCopy();
                        j.put("type", e.type()).put("block", n);
                        a.add(j);
                        ctx.say("#" + n + " " + e.type() + " " + e.fields());
                    }
                }
            }
            ObjectNode out = ctx.obj();
            out.set("senate", senate);
            out.put("ayes_needed", gov.ayesNeeded());
            out.set("open", open);
            out.set("events", a);
            ctx.emit(out);
            return 0;
        }
    }

    @Command(
            name = "axon",
            mixinStandardHelpOptions = true,
            description = "Announce an axon on chain.",
            subcommands = Serve.class,
            footer = {"", "Example:", "  tao axon serve --netuid 1 --ip 203.0.113.5 --port 8091"})
    public static final class Axon implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    @Command(
            name = "serve",
            mixinStandardHelpOptions = true,
            description = "The serve_axon call (signed by the hotkey).",
            footer = {"", "Example:", "  tao axon serve --netuid 1 --ip 203.0.113.5 --port 8091 --wallet m"})
    public static final class Serve extends SharedOptionsCommand {
        @picocli.CommandLine.Mixin
        NetuidArg netuidArg;

        int netuid;

        @Option(names = "--ip", required = true)
        String ip;

        @Option(names = "--port", required = true)
        int port;

        @Option(names = "--protocol", defaultValue = "4")
        int protocol;

        @Option(names = "--axon-version", defaultValue = "0", description = "The axon software version.")
        long version;

        @Override
        protected Integer run(Ctx ctx) {
            netuid = netuidArg.get();
            if (port < 1 || port > 65535) {
                throw new UserError("--port must be 1..65535");
            }
            if (!ip.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                throw new UserError("--ip '" + ip + "' is not an IP address");
            }
            byte[] addr;
            try {
                addr = InetAddress.getByName(ip).getAddress();
            } catch (UnknownHostException e) {
                throw new UserError("--ip '" + ip + "' is not an IP address");
            }
            SubnetCommand.subnet(ctx, netuid);
            TxOutcome.Finalized f = ctx.submit(
                    ctx.prepare(
                            ctx.hotkey(),
                            new Call.ServeAxon(netuid, addr, port, addr.length == 4 ? 4 : 6, protocol, version)),
                    "Serve axon " + ip + ":" + port + " on subnet " + netuid,
                    List.of("axon " + ip + ":" + port));
            ctx.say("Axon " + ip + ":" + port + " served on subnet " + netuid + " (block #" + f.blockNumber() + ")");
            ObjectNode o = ctx.obj().put("netuid", netuid).put("ip", ip).put("port", port);
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }
}
