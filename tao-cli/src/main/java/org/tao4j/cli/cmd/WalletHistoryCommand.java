package org.tao4j.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.cli.Ctx;
import org.tao4j.cli.SharedOptionsCommand;
import org.tao4j.cli.UserError;
import org.tao4j.core.account.AccountId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tao wallet history}: an account's transfers, fees, stake changes, rewards and registrations
 * from the node's account index ({@code tao_getAccountHistory}), newest first, a page at a time.
 */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = "Transfers, fees, stake changes, rewards and registrations of the wallet's coldkey (or"
                + " --address), newest first, from the node's account index.",
        footer = {
            "",
            "Example:",
            "  tao wallet history --wallet alice",
            "  tao wallet history --address 5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy --limit 100 --json",
            "  tao wallet history --wallet alice --cursor 120:3    (the next page, as the last one said)"
        })
public final class WalletHistoryCommand extends SharedOptionsCommand {

    /** The node's bound on one page. */
    static final int MAX_LIMIT = 100;

    @Option(names = "--address", paramLabel = "SS58", description = "Another account than the wallet's coldkey.")
    String address;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "Entries to show, 1..100 (default 25).",
            defaultValue = "25")
    int limit;

    @Option(
            names = "--cursor",
            paramLabel = "BLOCK:SEQ",
            description = "Start at this entry: the 'next' cursor the previous page printed.")
    String cursor;

    @Override
    protected Integer run(Ctx ctx) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new UserError("--limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
        if (cursor != null && !cursor.matches("[0-9]{1,19}:[0-9]{1,10}")) {
            throw new UserError(
                    "--cursor takes the BLOCK:SEQ value a previous page printed (e.g. 120:3), got '" + cursor + "'");
        }
        AccountId who = address != null ? ctx.address(address, "--address") : ctx.coldkeyPub();
        JsonNode page = ctx.client().call("tao_getAccountHistory", who.toSs58(), cursor, limit);
        if (ctx.json()) {
            ctx.emit(page);
            return 0;
        }
        Table t = new Table("block", "tx", "kind", "free", "stake", "with");
        for (JsonNode e : page.get("entries")) {
            String with = "";
            if (e.hasNonNull("counterparty")) {
                with = e.get("counterparty").asText();
            } else if (e.hasNonNull("hotkey")) {
                with = "hotkey " + e.get("hotkey").asText();
            }
            if (e.hasNonNull("netuid")) {
                with = (with.isEmpty() ? "" : with + " ") + "netuid "
                        + e.get("netuid").asInt();
            }
            t.row(
                    "#" + e.get("block").asLong(),
                    e.get("extrinsic").isNull()
                            ? ""
                            : e.get("block").asLong() + "-" + e.get("extrinsic").asInt(),
                    e.get("kind").asText(),
                    signed(ctx, e.get("free").asLong()),
                    signed(ctx, e.get("stake").asLong()),
                    with);
        }
        ctx.say("History of " + who.toSs58() + " (the index covers blocks #"
                + page.get("indexedFrom").asLong() + "..#"
                + page.get("indexedTo").asLong() + ")");
        if (page.get("entries").isEmpty()) {
            ctx.say("no entries" + (cursor != null ? " from " + cursor : ""));
        } else {
            t.print(ctx.out);
        }
        if (!page.get("next").isNull()) {
            ctx.say("more: add --cursor " + page.get("next").asText());
        }
        return 0;
    }

    private static String signed(Ctx ctx, long rao) {
        if (rao == 0) {
            return "";
        }
        return (rao < 0 ? "-" : "+") + ctx.amount(rao == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(rao));
    }
}
