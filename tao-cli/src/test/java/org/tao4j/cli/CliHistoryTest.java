package org.tao4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code tao wallet history} against a dev node: the account index's entries, paging, refusals. */
class CliHistoryTest {

    static CliHarness cli;

    @RegisterExtension
    static final CliHarness.PerClass NODE = new CliHarness.PerClass(h -> cli = h);

    @Test
    void aFundedWalletsHistoryShowsTheTransferAndSumsToItsBalance() throws Exception {
        JsonNode w = cli.createWallet("hist", "h1");
        String cold = w.get("coldkey").asText();
        cli.fund(cold, "7");
        JsonNode page = cli.ok("wallet", "history", "--wallet", "hist");
        JsonNode first = page.get("entries").get(0);
        assertEquals("transfer", first.get("kind").asText());
        assertEquals(7_000_000_000L, first.get("free").asLong());
        assertEquals(
                org.tao4j.node.chain.DevAccounts.account("Alice").toSs58(),
                first.get("counterparty").asText());
        long sum = 0;
        for (JsonNode e : page.get("entries")) {
            sum += e.get("free").asLong();
        }
        assertEquals(cli.free(cold), sum);

        // Alice's (many entries from genesis): one per page, following the printed cursor
        String alice = "//Alice";
        JsonNode p1 = cli.ok("wallet", "history", "--address", alice, "--limit", "1");
        assertEquals(1, p1.get("entries").size());
        String next = p1.get("next").asText();
        JsonNode p2 = cli.ok("wallet", "history", "--address", alice, "--limit", "1", "--cursor", next);
        assertTrue(p2.get("entries").get(0).get("block").asLong()
                <= p1.get("entries").get(0).get("block").asLong());

        // the human form: a table and the next cursor
        CliHarness.Run human = cli.run(false, false, "wallet", "history", "--address", alice, "--limit", "1");
        assertEquals(0, human.code(), human::err);
        assertTrue(human.out().contains("kind") && human.out().contains("more: add --cursor"), human::out);
    }

    @Test
    void badLimitCursorOrAddressIsRefusedInOneLine() {
        String alice = "//Alice";
        cli.fails(2, "--limit must be 1..100", "wallet", "history", "--address", alice, "--limit", "0");
        cli.fails(2, "--limit must be 1..100", "wallet", "history", "--address", alice, "--limit", "500");
        cli.fails(2, "--cursor takes the BLOCK:SEQ", "wallet", "history", "--address", alice, "--cursor", "x");
        cli.fails(2, "--address", "wallet", "history", "--address", "5notanaddress");
    }
}
