package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.tao4j.conformance.ResultJson;
import org.tao4j.conformance.ScenarioFormatException;
import org.tao4j.conformance.ScenarioJson;
import org.tao4j.consensus.scenario.Scenario;
import org.tao4j.consensus.scenario.ScenarioRunner;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/**
 * {@code tao_simulateYuma(scenario)}: runs a Yuma scenario (docs/spec/yuma-scenario.md, the format of
 * {@code tao yuma run}) through the pure epoch and answers its result JSON. It reads no chain state and
 * writes nothing. Bounded: at most {@value #MAX_NEURONS} neurons, {@value #MAX_STEPS} steps and
 * {@value #MAX_EPOCHS} epochs a call (a 256-neuron epoch costs about 2.5 ms of CPU).
 */
public final class TaoSimulateYuma implements RpcMethod {

    public static final int MAX_NEURONS = 256;
    public static final int MAX_STEPS = 2_048;
    public static final int MAX_EPOCHS = 64;

    @Override
    public String name() {
        return "tao_simulateYuma";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("scenario");
        JsonNode s = p.get(0, "scenario");
        if (s == null || !s.isObject()) {
            throw RpcException.invalidParams(
                    "invalid params: 'scenario' (param 1) must be a scenario object (docs/spec/yuma-scenario.md)");
        }
        JsonNode n = s.path("subnet").path("n");
        if (n.isIntegralNumber() && n.asLong() > MAX_NEURONS) {
            throw RpcException.invalidParams("invalid params: the scenario has " + n.asLong() + " neurons; this method"
                    + " runs at most " + MAX_NEURONS + " (use `tao yuma run` for larger ones)");
        }
        JsonNode steps = s.path("steps");
        if (steps.isArray()) {
            int epochs = 0;
            for (JsonNode step : steps) {
                if (step.has("epoch")) {
                    epochs++;
                }
            }
            if (steps.size() > MAX_STEPS || epochs > MAX_EPOCHS) {
                throw RpcException.invalidParams("invalid params: the scenario has " + steps.size() + " steps and "
                        + epochs + " epochs; this method runs at most " + MAX_STEPS + " steps and " + MAX_EPOCHS
                        + " epochs (use `tao yuma run` for longer ones)");
            }
        }
        Scenario scenario;
        try {
            scenario = new ScenarioJson(w -> {}).parse(s);
        } catch (ScenarioFormatException e) {
            throw RpcException.invalidParams("invalid params: 'scenario': " + e.getMessage());
        }
        if (scenario.neurons().size() > MAX_NEURONS) {
            throw RpcException.invalidParams("invalid params: the scenario has "
                    + scenario.neurons().size() + " neurons; this method runs at most " + MAX_NEURONS);
        }
        List<ScenarioRunner.EpochRecord> epochs;
        try {
            epochs = ScenarioRunner.run(scenario);
        } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
            throw RpcException.invalidParams("invalid params: the scenario cannot run: " + e.getMessage());
        }
        return ResultJson.toJson(epochs);
    }
}
