package org.tao4j.cli.yuma;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.tao4j.cli.Tao;
import org.tao4j.consensus.NeuronResult;
import org.tao4j.consensus.SparseRow;
import org.tao4j.consensus.scenario.Scenario;
import org.tao4j.consensus.scenario.ScenarioRunner.EpochRecord;

/** Renders scenario results: the JSON contract of docs/spec/yuma-scenario.md, or a table per epoch. */
public final class ScenarioReport {

    private ScenarioReport() {
    }

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

    public static void printTables(Scenario s, List<long[]> stakes, List<EpochRecord> epochs, PrintWriter out) {
        out.printf("Scenario %s: n=%d, %s%s, emission %s per epoch%n", s.name(), s.neurons().size(),
                s.params().yuma3() ? "Yuma 3" : "Yuma 2",
                s.params().yuma3() && s.params().liquidAlpha() ? " with liquid alpha" : "",
                Tao.format(s.emissionPerEpoch()));
        int idx = 0;
        for (EpochRecord e : epochs) {
            long[] stake = stakes.get(idx++);
            out.println();
            out.printf("epoch %d at block %s%n", idx, Long.toUnsignedString(e.block()));
            String header = String.format("%4s %20s %6s  %-16s %-16s %-16s %-16s %15s %15s %15s",
                    "uid", "stake (rao)", "permit", "consensus", "incentive", "dividends", "v.trust",
                    "emission", "server", "validator");
            out.println(header);
            out.println("-".repeat(header.length()));
            var res = e.result();
            for (NeuronResult r : res.neurons()) {
                int u = r.uid();
                out.printf("%4d %20d %6s  %-16s %-16s %-16s %-16s %15s %15s %15s%n",
                        u, stake[u], r.validatorPermit() ? "yes" : "-",
                        share(res.consensusBits()[u], r.consensus()), share(res.incentiveBits()[u], r.incentive()),
                        share(res.dividendsBits()[u], r.dividends()), share(res.validatorTrustBits()[u], r.validatorTrust()),
                        Long.toUnsignedString(r.emission()), Long.toUnsignedString(r.serverEmission()),
                        Long.toUnsignedString(r.validatorEmission()));
            }
            out.printf("distributed %s of %s%n", Tao.format(e.result().totalDistributed()), Tao.format(s.emissionPerEpoch()));
        }
        out.flush();
    }

    /** A share as "0.250000 (16383)": the I32F32 value to 6 places (floored), then its stored u16. */
    static String share(long bits, int u16) {
        long micro = java.math.BigInteger.valueOf(bits).multiply(java.math.BigInteger.valueOf(1_000_000))
                .shiftRight(32).longValue();
        return String.format("%d.%06d (%d)", micro / 1_000_000, micro % 1_000_000, u16);
    }
}
