package org.tao4j.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tao4j.conformance.ResultJson;
import org.tao4j.conformance.ScenarioJson;
import org.tao4j.consensus.scenario.ScenarioRunner;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;

/** tao_simulateYuma: the pure epoch over a scenario, the same answer as the simulator, nothing written, bounded. */
class SimulateYumaRpcTest {

    static Node node;
    static RpcClient rpc;

    static final String GOOD = """
            {"name": "t", "subnet": {"n": 3, "tempo": 1, "activity_cutoff": 100, "max_allowed_validators": 3},
             "neurons": [{"stake": 100, "registered_at": 0, "last_update": 0},
                         {"stake": 0, "registered_at": 0, "last_update": 0},
                         {"stake": 0, "registered_at": 0, "last_update": 0}],
             "steps": [{"epoch": {"block": 1}},
                       {"set_weights": {"uid": 0, "block": 2, "dests": [1, 2], "values": [1, 3]}},
                       {"epoch": {"block": 3}}]}
            """;

    @BeforeAll
    static void start() throws Exception {
        node = Node.start(NodeConfig.forDev()
                .withTmp(true)
                .withRpc(0, false)
                .withMetricsPort(-1)
                .withInstant(true));
        rpc = new RpcClient(node.rpcPort());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static ObjectNode scenario() throws Exception {
        return (ObjectNode) RpcClient.JSON.readTree(GOOD);
    }

    @Test
    void answersWhatTheSimulatorComputesAndWritesNothing() throws Exception {
        JsonNode head = rpc.result("chain_getHeader");
        JsonNode r = rpc.result("tao_simulateYuma", scenario());
        JsonNode expected = RpcClient.JSON.readTree(
                ResultJson.toJson(ScenarioRunner.run(new ScenarioJson(w -> {}).parse(scenario())))
                        .toString());
        assertThat(r).isEqualTo(expected);
        assertThat(r.at("/epochs/1/neurons/2/incentive").asInt()).isEqualTo(49151);
        assertThat(rpc.result("chain_getHeader")).isEqualTo(head); // no block, same state root
    }

    @Test
    void refusesMalformedOrTooLargeScenariosInOneLine() throws Exception {
        assertError(rpc.call("tao_simulateYuma", "x"), "'scenario' (param 1) must be a scenario object");
        ObjectNode big = scenario();
        ((ObjectNode) big.get("subnet")).put("n", 300);
        assertError(rpc.call("tao_simulateYuma", big), "at most 256");
        ObjectNode long_ = scenario();
        ArrayNode steps = (ArrayNode) long_.get("steps");
        for (int i = 0; i < 70; i++) {
            steps.addObject().putObject("epoch").put("block", 10 + i);
        }
        assertError(rpc.call("tao_simulateYuma", long_), "at most 2048 steps and 64 epochs");
        ObjectNode badUid = scenario();
        ((ObjectNode) badUid.get("steps").get(1).get("set_weights")).put("uid", 7);
        assertError(rpc.call("tao_simulateYuma", badUid), "invalid params");
    }

    static void assertError(JsonNode r, String contains) {
        assertThat(r.has("error")).as("%s", r).isTrue();
        assertThat(r.at("/error/code").asInt()).isEqualTo(RpcErrors.INVALID_PARAMS);
        assertThat(r.at("/error/message").asText()).contains(contains).doesNotContain("\n");
    }
}
