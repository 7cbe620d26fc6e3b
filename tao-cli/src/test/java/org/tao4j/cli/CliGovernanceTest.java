package org.tao4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code tao gov propose|vote|proposals} against a dev node with a senate of three: root members
 * //Bob, //Charlie and //Dave (hotkeys of //Alice, 1000 TAO of stake each). A proposal passes with
 * more than half of the senate voting aye and runs in that block; half voting nay rejects it.
 */
class CliGovernanceTest {

    static CliHarness cli;

    @RegisterExtension
    static final CliHarness.PerClass NODE = new CliHarness.PerClass(h -> cli = h);

    static int netuid;
    static final String[] SENATE = {"//Bob", "//Charlie", "//Dave"};

    @BeforeAll
    static void start() throws Exception {
        netuid = cli.ok("subnet", "create", "--wallet", "//Alice", "--hotkey", "//Ferdie")
                .get("netuid")
                .asInt();
        for (String h : SENATE) {
            cli.ok("root", "register", "--wallet", "//Alice", "--hotkey", h);
            cli.ok("stake", "add", "--wallet", "//Alice", "--hotkey", h, "--amount", "1000");
        }
        assertEquals(3, cli.ok("root", "list").get("members").size());
    }

    static String address(String devUri) {
        return cli.ok("wallet", "balance", "--wallet", devUri).get("coldkey").asText();
    }

    static JsonNode vote(String hotkey, long id, boolean aye) {
        return cli.ok(
                "gov", "vote", String.valueOf(id), aye ? "--aye" : "--nay", "--wallet", "//Alice", "--hotkey", hotkey);
    }

    static List<String> types(JsonNode tx) {
        List<String> t = new ArrayList<>();
        tx.get("events").forEach(e -> t.add(e.get("type").asText()));
        return t;
    }

    static JsonNode event(JsonNode tx, String type) {
        for (JsonNode e : tx.get("events")) {
            if (e.get("type").asText().equals(type)) {
                return e;
            }
        }
        throw new AssertionError("no " + type + " in " + tx);
    }

    @Test
    void proposalPassesWithAMajorityAndVotesCountOnce() {
        String n = String.valueOf(netuid);
        assertEquals(10, cli.ok("subnet", "hyperparameters", n).get("tempo").asInt());
        JsonNode p = cli.ok(
                "gov",
                "propose",
                "--netuid",
                n,
                "--param",
                "tempo",
                "--value",
                "25",
                "--wallet",
                "//Alice",
                "--hotkey",
                "//Bob");
        long id = p.get("proposal_id").asLong();
        assertTrue(types(p.get("tx")).contains("Proposed"), p::toString);
        assertFalse(types(p.get("tx")).contains("ProposalExecuted"), "one aye of three does not pass: " + p);

        // the proposer's aye is already counted: voting aye again is refused before signing
        String dup = cli.fails(
                2,
                "already voted aye",
                "gov",
                "vote",
                String.valueOf(id),
                "--aye",
                "--wallet",
                "//Alice",
                "--hotkey",
                "//Bob");
        assertTrue(dup.contains("Nothing was submitted"), dup);
        // the open proposal as tao gov proposals shows it
        JsonNode list = cli.ok("gov", "proposals", "--blocks", "5");
        assertEquals(3, list.get("senate").size(), list::toString);
        assertEquals(2, list.get("ayes_needed").asInt(), list::toString);
        JsonNode open = list.get("open").get(0);
        assertEquals(id, open.get("id").asLong(), list::toString);
        assertEquals("SetSubnetParameter", open.at("/decoded/call").asText(), list::toString);
        assertEquals(1, open.get("ayes").size(), list::toString);
        // a nay, then the same nay again
        JsonNode nay = vote("//Charlie", id, false);
        assertEquals(false, nay.get("aye").asBoolean());
        JsonNode voted = event(nay.get("tx"), "Voted");
        assertEquals(1, voted.get("ayes").asInt(), voted::toString);
        assertEquals(1, voted.get("nays").asInt(), voted::toString);
        cli.fails(
                2,
                "already voted nay",
                "gov",
                "vote",
                String.valueOf(id),
                "--nay",
                "--wallet",
                "//Alice",
                "--hotkey",
                "//Charlie");
        assertEquals(10, cli.ok("subnet", "hyperparameters", n).get("tempo").asInt());

        // the second aye of three passes it and it runs in the same block
        JsonNode pass = vote("//Dave", id, true);
        JsonNode ex = event(pass.get("tx"), "ProposalExecuted");
        assertTrue(ex.toString().contains("true"), ex::toString);
        assertTrue(types(pass.get("tx")).contains("HyperparameterSet"), pass::toString);
        assertEquals(25, cli.ok("subnet", "hyperparameters", n).get("tempo").asInt());

        // a passed proposal is closed
        cli.fails(
                2,
                "no open proposal",
                "gov",
                "vote",
                String.valueOf(id),
                "--aye",
                "--wallet",
                "//Alice",
                "--hotkey",
                "//Charlie");

        // and the recent events show its story
        JsonNode ev = cli.ok("gov", "proposals", "--blocks", "200").get("events");
        List<String> seen = new ArrayList<>();
        for (JsonNode e : ev) {
            if (e.path("proposalId").asLong(-1) == id) {
                seen.add(e.get("type").asText());
                assertTrue(e.get("block").asLong() > 0);
            }
        }
        assertTrue(seen.containsAll(List.of("Proposed", "Voted", "ProposalExecuted")), seen::toString);
    }

    @Test
    void votesMaySwitchAndHalfTheSenateVotingNayRejects() {
        String n = String.valueOf(netuid);
        long before = cli.ok("subnet", "hyperparameters", n)
                .get("max_allowed_validators")
                .asLong();
        long id = cli.ok(
                        "gov",
                        "propose",
                        "--netuid",
                        n,
                        "--param",
                        "max_allowed_validators",
                        "--value",
                        "7",
                        "--wallet",
                        "//Alice",
                        "--hotkey",
                        "//Charlie")
                .get("proposal_id")
                .asLong();
        cli.ok(
                "gov",
                "propose",
                "--netuid",
                n,
                "--param",
                "max_allowed_validators",
                "--value",
                "9",
                "--wallet",
                "//Alice",
                "--hotkey",
                "//Charlie");
        // nays from Bob and Dave (two of three) close it as rejected
        vote("//Bob", id, false);
        JsonNode rej = event(vote("//Dave", id, false).get("tx"), "ProposalExecuted");
        assertTrue(rej.toString().contains("rejected"), rej::toString);
        assertEquals(
                before,
                cli.ok("subnet", "hyperparameters", n)
                        .get("max_allowed_validators")
                        .asLong());
        cli.fails(
                2,
                "no open proposal",
                "gov",
                "vote",
                String.valueOf(id),
                "--aye",
                "--wallet",
                "//Alice",
                "--hotkey",
                "//Bob");

        // the next one: Bob votes nay, then changes his mind, which passes it
        long next = id + 1;
        JsonNode v = event(vote("//Bob", next, false).get("tx"), "Voted");
        assertEquals(1, v.get("nays").asInt(), v::toString);
        JsonNode sw = vote("//Bob", next, true);
        JsonNode v2 = event(sw.get("tx"), "Voted");
        assertEquals(2, v2.get("ayes").asInt(), v2::toString);
        assertEquals(0, v2.get("nays").asInt(), v2::toString);
        assertTrue(event(sw.get("tx"), "ProposalExecuted").toString().contains("true"), sw::toString);
        assertEquals(
                9,
                cli.ok("subnet", "hyperparameters", n)
                        .get("max_allowed_validators")
                        .asLong());
    }

    @Test
    void globalParameterProposal() {
        int limit = cli.client().params().subnetLimit();
        long id = cli.ok(
                        "gov",
                        "propose",
                        "--param",
                        "subnet_limit",
                        "--value",
                        String.valueOf(limit + 8),
                        "--wallet",
                        "//Alice",
                        "--hotkey",
                        "//Dave")
                .get("proposal_id")
                .asLong();
        JsonNode pass = vote("//Charlie", id, true);
        assertTrue(event(pass.get("tx"), "ProposalExecuted").toString().contains("true"), pass::toString);
        assertTrue(types(pass.get("tx")).contains("GlobalParameterSet"), pass::toString);
        assertEquals(limit + 8, cli.client().params().subnetLimit());
    }

    @Test
    void outsidersAndBadInput() {
        String n = String.valueOf(netuid);
        // //Eve is funded but not a root member
        // refused before signing, with the node's senate and proposals (no fee)
        long eveNonce = cli.nonce(address("//Eve"));
        String msg = cli.fails(
                2,
                "not in the senate",
                "gov",
                "propose",
                "--netuid",
                n,
                "--param",
                "tempo",
                "--value",
                "30",
                "--wallet",
                "//Alice",
                "--hotkey",
                "//Eve");
        assertTrue(msg.contains("Nothing was submitted"), msg);
        cli.fails(2, "not in the senate", "gov", "vote", "0", "--aye", "--wallet", "//Alice", "--hotkey", "//Eve");
        assertEquals(eveNonce, cli.nonce(address("//Eve")));
        cli.fails(
                2, "no open proposal #987", "gov", "vote", "987", "--aye", "--wallet", "//Alice", "--hotkey", "//Bob");

        // refused before anything is signed
        String bob = address("//Bob");
        long nonce = cli.nonce(bob);
        cli.fails(
                2,
                "unknown hyperparameter 'bogus'",
                "gov",
                "propose",
                "--netuid",
                n,
                "--param",
                "bogus",
                "--value",
                "1",
                "--wallet",
                "//Alice",
                "--hotkey",
                "//Bob");
        cli.fails(
                2,
                "no subnet 999",
                "gov",
                "propose",
                "--netuid",
                "999",
                "--param",
                "tempo",
                "--value",
                "1",
                "--wallet",
                "//Alice",
                "--hotkey",
                "//Bob");
        cli.fails(
                2,
                "negative",
                "gov",
                "propose",
                "--netuid",
                n,
                "--param",
                "tempo",
                "--value",
                "-5",
                "--wallet",
                "//Alice",
                "--hotkey",
                "//Bob");
        cli.fails(
                2,
                "",
                "gov",
                "propose",
                "--netuid",
                n,
                "--param",
                "tempo",
                "--value",
                "fast",
                "--wallet",
                "//Alice",
                "--hotkey",
                "//Bob");
        cli.fails(
                2,
                "is a subnet hyperparameter: give --netuid",
                "gov",
                "propose",
                "--param",
                "tempo",
                "--value",
                "20",
                "--wallet",
                "//Alice",
                "--hotkey",
                "//Bob");
        cli.fails(
                2,
                "is a global parameter",
                "gov",
                "propose",
                "--netuid",
                n,
                "--param",
                "subnet_limit",
                "--value",
                "20",
                "--wallet",
                "//Alice",
                "--hotkey",
                "//Bob");
        cli.fails(
                2,
                "unknown global parameter 'bogus'",
                "gov",
                "propose",
                "--param",
                "bogus",
                "--value",
                "20",
                "--wallet",
                "//Alice",
                "--hotkey",
                "//Bob");
        cli.fails(2, "--aye or --nay", "gov", "vote", "0", "--wallet", "//Alice", "--hotkey", "//Bob");
        cli.fails(
                2, "--aye or --nay", "gov", "vote", "0", "--aye", "--nay", "--wallet", "//Alice", "--hotkey", "//Bob");
        cli.fails(2, "", "gov", "vote", "zero", "--aye", "--wallet", "//Alice", "--hotkey", "//Bob");
        cli.fails(2, "", "gov", "vote", "--aye", "--wallet", "//Alice", "--hotkey", "//Bob");
        cli.fails(2, "--blocks", "gov", "proposals", "--blocks", "-3");
        assertEquals(nonce, cli.nonce(bob));
    }
}
