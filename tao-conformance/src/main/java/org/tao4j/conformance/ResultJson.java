package org.tao4j.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.tao4j.consensus.NeuronResult;
import org.tao4j.consensus.SparseRow;
import org.tao4j.consensus.scenario.ScenarioRunner.EpochRecord;

/** Renders scenario results as the JSON contract of docs/spec/yuma-scenario.md ("Output"). */
public final class ResultJson {

    private ResultJson() {}

    public static ObjectNode toJson(List<EpochRecord> epochs) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        ArrayNode arr = root.putArray("epochs");
        for (EpochRecord e : epochs) {
            ObjectNode eo = arr.addObject();
            putU64(eo, "block", e.block());
            ArrayNode ns = eo.putArray("neurons");
            for (NeuronResult r : e.result().neurons()) {
                ObjectNode o = ns.addObject();
                o.put("uid", r.uid());
                o.put("active", r.active());
                o.put("validator_permit", r.validatorPermit());
                o.put("consensus", r.consensus());
                o.put("incentive", r.incentive());
                o.put("dividends", r.dividends());
                o.put("validator_trust", r.validatorTrust());
                putU64(o, "emission", r.emission());
                putU64(o, "server_emission", r.serverEmission());
                putU64(o, "validator_emission", r.validatorEmission());
                ArrayNode b = o.putArray("bonds");
                SparseRow row = e.bondsAfter().get(r.uid());
                for (int k = 0; k < row.size(); k++) {
                    b.addArray().add(row.dest(k)).add(row.value(k));
                }
            }
        }
        return root;
    }

    /** Blocks and rao amounts are u64 held in a long's bits: print them unsigned. */
    private static void putU64(ObjectNode o, String field, long v) {
        if (v >= 0) {
            o.put(field, v);
        } else {
            o.put(field, new java.math.BigInteger(Long.toUnsignedString(v)));
        }
    }
}
