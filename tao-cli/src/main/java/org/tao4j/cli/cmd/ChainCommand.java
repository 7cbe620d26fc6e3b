package org.tao4j.cli.cmd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.cli.Ctx;
import org.tao4j.cli.SharedOptionsCommand;
import org.tao4j.cli.UserError;
import org.tao4j.client.model.BlockEvents;
import org.tao4j.client.model.ChainEvent;
import org.tao4j.client.model.Header;
import org.tao4j.client.model.SignedBlock;
import org.tao4j.client.model.Supply;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.supply.EmissionSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tao chain …}: head, issuance and blocks. */
@Command(
        name = "chain",
        mixinStandardHelpOptions = true,
        description = "Chain status, blocks and events.",
        subcommands = {ChainCommand.Status.class, ChainCommand.Block.class, ChainCommand.Events.class},
        footer = {"", "Example:", "  tao chain status --network dev", "  tao chain events 12"})
public final class ChainCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description =
                    "Head, finalized block, issuance, block emission, the next halving, and the consensus status (role, leader, term, peers).",
            footer = {"", "Example:", "  tao chain status"})
    public static final class Status extends SharedOptionsCommand {
        /**
         * {@code --url}: the node to ask, as {@code --network} (issue 13's spelling). Not a shared option:
         * {@code set-identity} has a {@code --url} of its own (the identity's web site).
         */
        @picocli.CommandLine.Option(
                names = "--url",
                paramLabel = "ws://host:port",
                description = "The node to ask (the same as --network).")
        void url(String url) {
            opts.network = url;
        }

        @Override
        protected Integer run(Ctx ctx) {
            var c = ctx.client();
            // finalized first, then head: both only move forward, so read in this order the head is never
            // behind the finalized block (read the other way, a block finalized between the two reads showed
            // "head #76 / finalized #77")
            H256 fin = c.finalizedHead();
            long finNo = c.header(fin).map(Header::number).orElse(-1L);
            Header head = c.head();
            Supply s = c.supply();
            long emission = EmissionSchedule.blockEmission(s.totalIssuance());
            long next = EmissionSchedule.nextHalvingIssuance(s.totalIssuance());
            String chain = c.systemChain();
            ObjectNode o = ctx.obj();
            o.put("chain", chain)
                    .put("network", c.uri().toString())
                    .put("head", head.number())
                    .put("head_hash", head.hash().toString())
                    .put("finalized", finNo)
                    .put("total_issuance", s.totalIssuance())
                    .put("block_emission", emission)
                    .put("halving_era", EmissionSchedule.era(s.totalIssuance()))
                    .put("next_halving_issuance", next);
            long blocksToHalving = emission == 0 ? -1 : (next - s.totalIssuance() + emission - 1) / emission;
            o.put("blocks_to_next_halving", blocksToHalving);
            ctx.say("chain           " + chain + " (" + c.uri() + ")");
            ctx.say("head            #" + head.number() + " " + head.hash());
            ctx.say("finalized       #" + finNo);
            ctx.say("issuance        " + ctx.amount(s.totalIssuance()));
            ctx.say("block emission  " + ctx.amount(emission));
            ctx.say("next halving    at issuance " + ctx.amount(next) + " (~" + blocksToHalving + " blocks)");
            consensus(c, o, ctx);
            ctx.emit(o);
            return 0;
        }
    }

    /** The node's tao_consensusStatus (role, leader, term, peers), when it serves it. */
    static void consensus(org.tao4j.client.TaoClient c, ObjectNode o, Ctx ctx) {
        com.fasterxml.jackson.databind.JsonNode s;
        try {
            s = c.call("tao_consensusStatus");
        } catch (RuntimeException e) {
            return; // an older node: no consensus status
        }
        o.set("consensus", s);
        String leader = s.path("leader").isNull() ? "none" : s.path("leader").asText();
        ctx.say("role            " + s.path("role").asText() + " (term "
                + s.path("term").asLong() + ", leader " + leader + ")");
        for (com.fasterxml.jackson.databind.JsonNode p : s.path("peers")) {
            ctx.say("peer            " + p.path("id").asText() + " "
                    + p.path("address").asText()
                    + (p.path("reachable").asBoolean() ? " reachable" : " unreachable")
                    + (p.path("matchIndex").asLong() >= 0
                            ? " matchIndex " + p.path("matchIndex").asLong()
                            : ""));
        }
    }

    static long blockNo(String n) {
        try {
            long v = Long.parseLong(n);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UserError("block '" + n + "' is not a block number (0, 1, 2, …)");
        }
    }

    @Command(
            name = "block",
            mixinStandardHelpOptions = true,
            description = "Show block N: header and transactions.",
            footer = {"", "Example:", "  tao chain block 12"})
    public static final class Block extends SharedOptionsCommand {
        @Parameters(paramLabel = "N")
        String n;

        @Override
        protected Integer run(Ctx ctx) {
            long no = blockNo(n);
            SignedBlock b = ctx.client()
                    .block(no)
                    .orElseThrow(() -> new UserError("there is no block #" + no + " yet; the head is #"
                            + ctx.client().head().number()));
            ObjectNode o = ctx.obj();
            o.put("number", b.header().number())
                    .put("hash", b.header().hash().toString())
                    .put("parent", b.header().parentHash().toString())
                    .put("timestamp", b.header().timestamp())
                    .put("author", String.valueOf(b.header().author()));
            ArrayNode xs = o.putArray("extrinsics");
            ctx.say("block #" + no + " " + b.header().hash());
            ctx.say("  parent " + b.header().parentHash() + "  time "
                    + java.time.Instant.ofEpochMilli(b.header().timestamp()));
            for (int i = 0; i < b.extrinsics().size(); i++) {
                var x = b.extrinsic(i);
                String call = x.call().getClass().getSimpleName();
                xs.addObject()
                        .put("index", i)
                        .put("hash", b.extrinsicHashes().get(i).toString())
                        .put("signer", x.signer().toSs58())
                        .put("call", call);
                ctx.say("  #" + i + " " + call + " by " + x.signer());
            }
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "events",
            mixinStandardHelpOptions = true,
            description = "Show block N's events.",
            footer = {"", "Example:", "  tao chain events 12 --json"})
    public static final class Events extends SharedOptionsCommand {
        @Parameters(paramLabel = "N")
        String n;

        @Override
        protected Integer run(Ctx ctx) {
            long no = blockNo(n);
            H256 h = ctx.client().blockHash(no).orElseThrow(() -> new UserError("there is no block #" + no + " yet"));
            BlockEvents ev = ctx.client().events(h);
            ObjectNode o = ctx.obj();
            o.put("block", no);
            ArrayNode a = o.putArray("events");
            for (ChainEvent e : ev.events()) {
                ObjectNode j = e.fields().deepCopy();
                j.put("type", e.type());
                a.add(j);
                ctx.say(e.type() + " " + e.fields());
            }
            ctx.emit(o);
            return 0;
        }
    }
}
