package org.tao4j.cli.cmd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tao4j.cli.Ctx;
import org.tao4j.cli.SharedOptionsCommand;
import org.tao4j.cli.UserError;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.model.Commitments;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.tx.Call;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tao subnet commit} and {@code tao subnet commitments} (docs/spec/chain.md §11). */
public final class CommitCommand {

    private CommitCommand() {}

    @Command(
            name = "commit",
            mixinStandardHelpOptions = true,
            description = "Publish up to 1 KiB on the subnet, signed by the wallet's registered hotkey.",
            footer = {
                "",
                "Example:",
                "  tao subnet commit 1 --wallet miner --hotkey m1 --data 'sha256:ab12…'",
                "  tao subnet commit 1 --wallet miner --hotkey m1 --data-file model.txt"
            })
    public static final class Commit extends SharedOptionsCommand {
        @Parameters(paramLabel = "NETUID")
        int netuid;

        @Option(names = "--data", paramLabel = "TEXT", description = "The text to publish (UTF-8).")
        String data;

        @Option(names = "--data-file", paramLabel = "FILE", description = "Publish the bytes of FILE.")
        Path dataFile;

        @Override
        protected Integer run(Ctx ctx) {
            if ((data == null) == (dataFile == null)) {
                throw new UserError("give either --data TEXT or --data-file FILE");
            }
            byte[] bytes;
            if (data != null) {
                bytes = data.getBytes(StandardCharsets.UTF_8);
            } else {
                try {
                    if (Files.size(dataFile) > org.tao4j.runtime.keys.Commitments.MAX_BYTES) {
                        throw new UserError("--data-file " + dataFile + " is larger than "
                                + org.tao4j.runtime.keys.Commitments.MAX_BYTES + " bytes");
                    }
                    bytes = Files.readAllBytes(dataFile);
                } catch (IOException e) {
                    throw new UserError("cannot read --data-file " + dataFile + ": " + e.getMessage());
                }
            }
            if (bytes.length > org.tao4j.runtime.keys.Commitments.MAX_BYTES) {
                throw new UserError("the data is " + bytes.length + " bytes; a commitment is at most "
                        + org.tao4j.runtime.keys.Commitments.MAX_BYTES);
            }
            SubnetCommand.subnet(ctx, netuid);
            AccountId hot = ctx.hotkeyPub();
            var p = ctx.prepare(ctx.hotkey(), new Call.Commit(netuid, bytes));
            TxOutcome.Finalized f = ctx.submit(
                    p,
                    "Commit " + bytes.length + " bytes on subnet " + netuid + " as " + hot,
                    java.util.List.of(
                            bytes.length == 0 ? "clears the hotkey's commitment" : "replaces the hotkey's commitment"));
            ObjectNode o =
                    ctx.obj().put("netuid", netuid).put("hotkey", hot.toSs58()).put("length", bytes.length);
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "commitments",
            mixinStandardHelpOptions = true,
            description = "Every commitment on the subnet, with its uid and block.",
            footer = {"", "Example:", "  tao subnet commitments 1"})
    public static final class List extends SharedOptionsCommand {
        @Parameters(paramLabel = "NETUID")
        int netuid;

        @Option(names = "--hotkey-address", paramLabel = "SS58", description = "Only this hotkey's.")
        String hotkeyAddress;

        @Override
        protected Integer run(Ctx ctx) {
            SubnetCommand.subnet(ctx, netuid);
            AccountId hot = hotkeyAddress == null ? null : ctx.address(hotkeyAddress, "--hotkey-address");
            Commitments cs = ctx.client().commitments(netuid, hot);
            Table t = new Table("uid", "hotkey", "block", "data");
            ObjectNode o = ctx.obj().put("netuid", netuid);
            ArrayNode a = o.putArray("commitments");
            for (Commitments.Entry e : cs.commitments()) {
                a.addObject()
                        .put("uid", e.uid())
                        .put("hotkey", e.hotkey().toSs58())
                        .put("block", e.block())
                        .put("data", e.data())
                        .put("text", e.text());
                t.row(
                        Integer.toString(e.uid()),
                        e.hotkey().toSs58(),
                        Long.toString(e.block()),
                        e.text() != null ? e.text() : e.data());
            }
            if (!ctx.json()) {
                if (cs.commitments().isEmpty()) {
                    ctx.say("no commitments on subnet " + netuid);
                } else {
                    t.print(ctx.out);
                }
            }
            ctx.emit(o);
            return 0;
        }
    }
}
