package org.tao4j.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;
import org.tao4j.node.NodeMain;
import org.tao4j.node.TestNet;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/** tao_getAccountHistory on a running node: entries with block links, paging, and refusals of bad input. */
class AccountHistoryRpcTest {

    static final long TAO = 1_000_000_000L;
    static Node node;
    static RpcClient rpc;
    static Extrinsic transfer;

    @BeforeAll
    static void start() throws Exception {
        node = Node.start(NodeConfig.forDev()
                .withTmp(true)
                .withRpc(0, false)
                .withMetricsPort(-1)
                .withInstant(true));
        rpc = new RpcClient(node.rpcPort());
        transfer = Extrinsic.sign(
                TestNet.key("Charlie"),
                0,
                0,
                1_000_000,
                new Call.Transfer(TestNet.id("Dave"), 3 * TAO),
                node.chain().runtime().genesisHash());
        rpc.result("author_submitExtrinsic", Hex.toHex(transfer.encode()));
        for (int i = 0;
                i < 400
                        && !rpc.result("tao_findExtrinsic", Hex.toHex(transfer.hash()))
                                .get("found")
                                .asBoolean();
                i++) {
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aTransferIsInBothAccountsHistoriesWithItsBlockAndFee() throws Exception {
        JsonNode found = rpc.result("tao_findExtrinsic", Hex.toHex(transfer.hash()));
        long block = found.get("blockNumber").asLong();
        JsonNode dave = rpc.result("tao_getAccountHistory", TestNet.id("Dave").toSs58());
        JsonNode in = dave.get("entries").get(0);
        assertThat(in.get("kind").asText()).isEqualTo("transfer");
        assertThat(in.get("free").asLong()).isEqualTo(3 * TAO);
        assertThat(in.get("counterparty").asText())
                .isEqualTo(TestNet.id("Charlie").toSs58());
        assertThat(in.get("block").asLong()).isEqualTo(block);
        assertThat(in.get("blockHash").asText()).isEqualTo(found.get("block").asText());
        assertThat(in.get("extrinsic").asInt()).isEqualTo(found.get("index").asInt());
        assertThat(dave.get("indexedFrom").asLong()).isZero();
        JsonNode charlie =
                rpc.result("tao_getAccountHistory", TestNet.id("Charlie").toSs58(), null, 100);
        List<String> kinds = new ArrayList<>();
        long sum = 0;
        for (JsonNode e : charlie.get("entries")) {
            kinds.add(e.get("kind").asText());
            sum += e.get("free").asLong();
        }
        assertThat(kinds).contains("transfer", "opening");
        // the sender's entry carries the fee in its change
        JsonNode out = charlie.get("entries").get(0);
        assertThat(out.get("kind").asText()).isEqualTo("transfer");
        assertThat(out.get("fee").asLong()).isPositive();
        assertThat(out.get("free").asLong()).isEqualTo(-3 * TAO - out.get("fee").asLong());
        assertThat(sum)
                .isEqualTo(rpc.result("tao_getBalance", TestNet.id("Charlie").toSs58())
                        .get("free")
                        .asLong());
    }

    @Test
    void pagesFollowTheCursorToTheEnd() throws Exception {
        String who = TestNet.id("Charlie").toSs58();
        JsonNode all = rpc.result("tao_getAccountHistory", who, null, 100).get("entries");
        List<JsonNode> paged = new ArrayList<>();
        JsonNode cursor = null;
        do {
            JsonNode page = rpc.result("tao_getAccountHistory", who, cursor == null ? null : cursor.asText(), 1);
            assertThat(page.get("entries").size()).isLessThanOrEqualTo(1);
            page.get("entries").forEach(paged::add);
            cursor = page.get("next");
        } while (!cursor.isNull());
        assertThat(paged).containsExactlyElementsOf(all);
    }

    @Test
    void badAddressCursorOrLimitIsRefusedWithAOneLineReason() throws Exception {
        String who = TestNet.id("Charlie").toSs58();
        assertError(rpc.call("tao_getAccountHistory", "5notanaddress"), "'address'");
        assertError(rpc.call("tao_getAccountHistory"), "'address' (param 1) is required");
        assertError(rpc.call("tao_getAccountHistory", who, "abc"), "'cursor'");
        assertError(rpc.call("tao_getAccountHistory", who, "-1:2"), "'cursor'");
        assertError(rpc.call("tao_getAccountHistory", who, 12), "'cursor'");
        assertError(rpc.call("tao_getAccountHistory", who, null, 0), "'limit' (param 3) must be an integer 1..100");
        assertError(rpc.call("tao_getAccountHistory", who, null, 101), "'limit'");
        assertError(rpc.call("tao_getAccountHistory", who, null, "ten"), "'limit'");
        // an account with no history: an empty page, not an error
        JsonNode none = rpc.result("tao_getAccountHistory", "0x" + "11".repeat(32));
        assertThat(none.get("entries")).isEmpty();
        assertThat(none.get("next").isNull()).isTrue();
    }

    static void assertError(JsonNode r, String contains) {
        assertThat(r.has("error")).as("%s", r).isTrue();
        assertThat(r.at("/error/code").asInt()).isEqualTo(RpcErrors.INVALID_PARAMS);
        assertThat(r.at("/error/message").asText())
                .contains(contains)
                .doesNotContain("\n")
                .doesNotContain("Exception");
    }

    static void submit(String who, Call call) throws Exception {
        String address = TestNet.id(who).toSs58();
        long nonce = rpc.result("system_accountNextIndex", address).asLong();
        Extrinsic x = Extrinsic.sign(
                TestNet.key(who),
                nonce,
                0,
                1_000_000,
                call,
                node.chain().runtime().genesisHash());
        rpc.result("author_submitExtrinsic", Hex.toHex(x.encode()));
        for (int i = 0; i < 1_200; i++) {
            if (rpc.result("tao_getBalance", address).get("nonce").asLong() > nonce) { // applied in a block
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError(call + " by " + who + " was not applied");
    }

    @Test
    void governanceHistoryKeepsWhatPassedAfterTheProposalLeftTheState() throws Exception {
        submit("Alice", new Call.RootRegister(TestNet.id("Eve")));
        submit("Alice", new Call.AddStake(TestNet.id("Eve"), 100 * TAO));
        submit("Bob", new Call.RootRegister(TestNet.id("Ferdie")));
        submit("Bob", new Call.AddStake(TestNet.id("Ferdie"), 100 * TAO));
        submit(
                "Eve",
                new Call.Propose(new Call.SetGlobalParameter(org.tao4j.runtime.tx.GlobalParameter.BASE_FEE, 200_000)));
        JsonNode open = rpc.result("tao_getProposals");
        assertThat(open.get("proposals"))
                .as("%s %s", open, rpc.result("tao_getBlockDetail").get("extrinsics"))
                .hasSize(1);
        long id = open.get("proposals").get(0).get("id").asLong();
        submit("Ferdie", new Call.Vote(id, true));
        assertThat(rpc.result("tao_getProposals").get("proposals")).isEmpty();
        JsonNode h = rpc.result("tao_getGovernanceHistory", null, 10);
        List<String> kinds = new ArrayList<>();
        for (JsonNode e : h.get("entries")) {
            assertThat(e.get("proposalId").asLong()).isEqualTo(id);
            kinds.add(e.get("kind").asText());
        }
        // newest first: passed (executed, ok) in the vote's block, the vote, the proposal
        assertThat(kinds).containsExactly("passed", "voted", "proposed");
        assertThat(h.get("entries").get(0).get("ok").asBoolean()).isTrue();
        assertThat(h.get("entries").get(1).get("account").asText())
                .isEqualTo(TestNet.id("Ferdie").toSs58());
        assertThat(h.get("entries").get(1).get("aye").asBoolean()).isTrue();
        assertThat(h.get("entries").get(2).get("account").asText())
                .isEqualTo(TestNet.id("Eve").toSs58());
        JsonNode paged = rpc.result("tao_getGovernanceHistory", null, 1);
        assertThat(paged.get("entries")).hasSize(1);
        JsonNode second =
                rpc.result("tao_getGovernanceHistory", paged.get("next").asText(), 1);
        assertThat(second.get("entries").get(0)).isEqualTo(h.get("entries").get(1));
        assertError(rpc.call("tao_getGovernanceHistory", "x:y"), "'cursor' (param 1)");
        assertError(rpc.call("tao_getGovernanceHistory", null, 1000), "'limit' (param 2)");
    }

    @Test
    void withTheIndexOffTheMethodSaysSo() throws Exception {
        assertThat(NodeMain.parse("--dev").accountIndex()).isTrue();
        assertThat(NodeMain.parse("--dev", "--index", "none").accountIndex()).isFalse();
        assertThat(NodeMain.parse("--dev", "--index", "accounts").accountIndex())
                .isTrue();
        assertThatThrownBy(() -> NodeMain.parse("--dev", "--index", "everything"))
                .hasMessage("--index takes 'accounts' or 'none', got 'everything'");
        try (Node off = Node.start(NodeConfig.forDev()
                .withTmp(true)
                .withRpc(0, false)
                .withMetricsPort(-1)
                .withAccountIndex(false))) {
            assertThat(off.accountIndex()).isNull();
            assertThat(off.basePath().resolve("index")).doesNotExist();
            JsonNode r = new RpcClient(off.rpcPort())
                    .call("tao_getAccountHistory", TestNet.id("Charlie").toSs58());
            assertThat(r.at("/error/message").asText()).contains("--index none");
        }
    }
}
