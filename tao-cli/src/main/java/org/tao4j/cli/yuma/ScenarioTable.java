package org.tao4j.cli.yuma;

import java.io.PrintWriter;
import java.util.List;
import org.tao4j.cli.Tao;
import org.tao4j.consensus.NeuronResult;
import org.tao4j.consensus.scenario.Scenario;
import org.tao4j.consensus.scenario.ScenarioRunner.EpochRecord;

/** Prints scenario results as a readable table per epoch (the JSON form is tao-conformance's ResultJson). */
final class ScenarioTable {

    private ScenarioTable() {}

    static void print(Scenario s, List<long[]> stakes, List<EpochRecord> epochs, PrintWriter out) {
        out.printf(
                "Scenario %s: n=%d, %s%s, emission %s per epoch%n",
                s.name(),
                s.neurons().size(),
                s.params().yuma3() ? "Yuma 3" : "Yuma 2",
                s.params().yuma3() && s.params().liquidAlpha() ? " with liquid alpha" : "",
                Tao.format(s.emissionPerEpoch()));
        int idx = 0;
        for (EpochRecord e : epochs) {
            long[] stake = stakes.get(idx++);
            out.println();
            out.printf("epoch %d at block %s%n", idx, Long.toUnsignedString(e.block()));
            String header = String.format(
                    "%4s %20s %6s  %-16s %-16s %-16s %-16s %15s %15s %15s",
                    "uid",
                    "stake (rao)",
                    "permit",
                    "consensus",
                    "incentive",
                    "dividends",
                    "v.trust",
                    "emission",
                    "server",
                    "validator");
            out.println(header);
            out.println("-".repeat(header.length()));
            var res = e.result();
            for (NeuronResult r : res.neurons()) {
                int u = r.uid();
                out.printf(
                        "%4d %20d %6s  %-16s %-16s %-16s %-16s %15s %15s %15s%n",
                        u,
                        stake[u],
                        r.validatorPermit() ? "yes" : "-",
                        share(res.consensusBits()[u], r.consensus()),
                        share(res.incentiveBits()[u], r.incentive()),
                        share(res.dividendsBits()[u], r.dividends()),
                        share(res.validatorTrustBits()[u], r.validatorTrust()),
                        Long.toUnsignedString(r.emission()),
                        Long.toUnsignedString(r.serverEmission()),
                        Long.toUnsignedString(r.validatorEmission()));
            }
            out.printf(
                    "distributed %s of %s%n",
                    Tao.format(e.result().totalDistributed()), Tao.format(s.emissionPerEpoch()));
        }
        out.flush();
    }

    /** A share as "0.250000 (16383)": the I32F32 value to 6 places (floored), then its stored u16. */
    static String share(long bits, int u16) {
        long micro = java.math.BigInteger.valueOf(bits)
                .multiply(java.math.BigInteger.valueOf(1_000_000))
                .shiftRight(32)
                .longValue();
        return String.format("%d.%06d (%d)", micro / 1_000_000, micro % 1_000_000, u16);
    }
}
