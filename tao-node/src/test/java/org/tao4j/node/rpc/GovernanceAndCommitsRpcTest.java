package org.tao4j.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;
import org.tao4j.node.TestNet;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;
import org.tao4j.runtime.tx.GlobalParameter;
import org.tao4j.runtime.tx.Hyperparameter;

/**
 * {@code tao_getProposals} and {@code tao_getPendingCommits} against an embedded --dev node with
 * instant sealing: a two-member senate with an open proposal, and a weight commit waiting for its
 * reveal epoch. Its own node: the transactions here change global state.
 */
class GovernanceAndCommitsRpcTest {
    static final long TAO = 1_000_000_000L;
    static Node node;
    static RpcClient rpc;

    @BeforeAll
    static void start() throws Exception {
        node = Node.start(NodeConfig.forDev()
                .withTmp(true)
                .withRpc(0, false)
                .withMetricsPort(0)
                .withInstant(true));
        rpc = new RpcClient(node.rpcPort());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** Signs {@code call} as {@code who}, submits it and waits until the chain has applied it. */
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
        for (int i = 0; i < 400; i++) {
            if (rpc.result("tao_getBalance", address).get("nonce").asLong() > nonce) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError(call + " by " + who + " was not applied");
    }

    @Test
    void openProposalsWithTheirVotesAndTheAyesNeeded() throws Exception {
        submit("Alice", new Call.RootRegister(TestNet.id("Charlie")));
        submit("Alice", new Call.AddStake(TestNet.id("Charlie"), 100 * TAO));
        submit("Bob", new Call.RootRegister(TestNet.id("Dave")));
        submit("Bob", new Call.AddStake(TestNet.id("Dave"), 100 * TAO));

        JsonNode none = rpc.result("tao_getProposals");
        assertThat(none.get("senate")).hasSize(2);
        assertThat(none.get("ayesNeeded").asInt()).isEqualTo(2);
        assertThat(none.get("proposals")).isEmpty();

        submit("Charlie", new Call.Propose(new Call.SetGlobalParameter(GlobalParameter.BASE_FEE, 200_000)));
        JsonNode open = rpc.result("tao_getProposals");
        assertThat(open.get("proposals")).hasSize(1);
        JsonNode p = open.get("proposals").get(0);
        assertThat(p.get("proposer").asText()).isEqualTo(TestNet.id("Charlie").toSs58());
        assertThat(p.get("call").asText()).startsWith("0x");
        assertThat(p.at("/decoded/call").asText()).isEqualTo("SetGlobalParameter");
        assertThat(p.at("/decoded/param").asText()).isEqualTo("BASE_FEE");
        assertThat(p.at("/decoded/value").asLong()).isEqualTo(200_000);
        assertThat(p.get("ayes")).hasSize(1);
        assertThat(p.get("ayes").get(0).asText())
                .isEqualTo(TestNet.id("Charlie").toSs58());
        assertThat(p.get("nays")).isEmpty();
        assertThat(p.get("end").asLong()).isPositive();

        // the state before the proposal, by block hash: no proposals there
        JsonNode before = rpc.result(
                "tao_getProposals", rpc.result("chain_getBlockHash", 1).asText());
        assertThat(before.get("proposals")).isEmpty();

        // a nay from the other half of the senate makes it impossible to pass: closed, not executed
        submit("Dave", new Call.Vote(p.get("id").asLong(), false));
        assertThat(rpc.result("tao_getProposals").get("proposals")).isEmpty();
        assertThat(rpc.result("tao_getParams").get("baseFee").asLong()).isEqualTo(100_000);
    }

    @Test
    void pendingCommitsWithTheirRevealWindow() throws Exception {
        submit("Alice", new Call.RegisterNetwork(TestNet.id("Eve")));
        int netuid = 0;
        for (JsonNode s : rpc.result("tao_getSubnets")) {
            if (s.get("ownerHotkey").asText().equals(TestNet.id("Eve").toSs58())) {
                netuid = s.get("netuid").asInt();
            }
        }
        assertThat(netuid).isPositive();
        submit("Alice", new Call.Sudo(new Call.SetSubnetParameter(netuid, Hyperparameter.COMMIT_REVEAL_ENABLED, 1)));
        submit("Alice", new Call.Sudo(new Call.SetSubnetParameter(netuid, Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 0)));
        byte[] hash = new byte[32];
        hash[0] = 7;
        submit("Eve", new Call.CommitWeights(netuid, hash));

        JsonNode all = rpc.result("tao_getPendingCommits", netuid);
        assertThat(all.get("commitRevealEnabled").asBoolean()).isTrue();
        assertThat(all.get("hotkeys")).hasSize(1);
        JsonNode eve = all.get("hotkeys").get(0);
        assertThat(eve.get("hotkey").asText()).isEqualTo(TestNet.id("Eve").toSs58());
        JsonNode c = eve.get("commits").get(0);
        assertThat(c.get("hash").asText()).isEqualTo(Hex.toHex(hash));
        assertThat(c.get("revealEpoch").asLong())
                .isEqualTo(
                        c.get("epoch").asLong() + all.get("revealPeriodEpochs").asLong());
        assertThat(c.get("revealFromBlock").asLong())
                .isGreaterThan(c.get("block").asLong());
        assertThat(c.get("revealUntilBlock").asLong())
                .isGreaterThanOrEqualTo(c.get("revealFromBlock").asLong());
        assertThat(c.get("expired").asBoolean()).isFalse();

        JsonNode one =
                rpc.result("tao_getPendingCommits", netuid, TestNet.id("Eve").toSs58());
        assertThat(one.get("hotkeys")).hasSize(1);
        assertThat(rpc.result(
                                "tao_getPendingCommits",
                                netuid,
                                TestNet.id("Ferdie").toSs58())
                        .get("hotkeys"))
                .isEmpty();

        // a uid range of the metagraph
        JsonNode full = rpc.result("tao_getMetagraph", netuid, "hotkeys");
        int n = full.get("n").asInt();
        assertThat(n).isPositive();
        JsonNode last = rpc.result("tao_getMetagraph", netuid, "hotkeys,weights", null, n - 1, 5);
        assertThat(last.get("from").asInt()).isEqualTo(n - 1);
        assertThat(last.get("n").asInt()).isEqualTo(n);
        assertThat(last.get("hotkeys")).containsExactly(full.get("hotkeys").get(n - 1));
        assertThat(last.get("weights")).hasSize(1);
        assertThat(rpc.result("tao_getMetagraph", netuid, "hotkeys", null, n, 5).get("hotkeys"))
                .isEmpty();
        assertThat(full.has("from")).isFalse();

        // bad input: unknown subnet, not an address, too many params
        assertThat(rpc.call("tao_getPendingCommits", 99).at("/error/message").asText())
                .contains("does not exist");
        assertThat(rpc.call("tao_getPendingCommits", netuid, "nobody")
                        .at("/error/code")
                        .asInt())
                .isEqualTo(RpcErrors.INVALID_PARAMS);
        assertThat(rpc.call("tao_getProposals", "0x00").at("/error/code").asInt())
                .isEqualTo(RpcErrors.INVALID_PARAMS);
        assertThat(rpc.call("tao_getProposals", null, 1).at("/error/code").asInt())
                .isEqualTo(RpcErrors.INVALID_PARAMS);
    }
}
