package org.tao4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import org.tao4j.core.supply.EmissionSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tao emission}: the halving schedule at a given issuance. */
@Command(name = "emission", mixinStandardHelpOptions = true,
        description = "Show the block emission, halving era and next halving at an issuance (rao).",
        footer = {"", "Example:", "  tao emission --issuance 10500000000000000",
                "  tao emission --issuance 0 --json"})
public final class EmissionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--issuance", required = true, paramLabel = "RAO",
            description = "Total issuance in rao (1 TAO = 1e9 rao), a whole number from 0 to 2^64-1.")
    String issuance;

    @Option(names = "--json", description = "Print one JSON object and nothing else.")
    boolean json;

    @Override
    public Integer call() {
        long rao = parseRao(issuance);
        BigInteger given = new BigInteger(issuance);
        long emission = EmissionSchedule.blockEmission(rao);
        int era = EmissionSchedule.era(rao);
        long next = EmissionSchedule.nextHalvingIssuance(rao);
        if (era < 0) {
            // at or above the cap: one era past the last one before it; no further halving
            era = EmissionSchedule.era(EmissionSchedule.TOTAL_SUPPLY - 1) + 1;
        }
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("issuance", given);
            o.put("block_emission", emission);
            o.put("era", era);
            o.put("next_halving_issuance", next);
            out.println(o.toString());
        } else {
            out.printf("issuance        %s rao (%s)%n", given, Tao.format(rao));
            out.printf("block emission  %d rao (%s per block)%n", emission, Tao.format(emission));
            out.printf("halving era     %d%n", era);
            if (Long.compareUnsigned(rao, EmissionSchedule.TOTAL_SUPPLY) >= 0) {
                out.printf("next halving    none: the 21,000,000 TAO cap is reached%n");
            } else {
                out.printf("next halving    at issuance %d rao (%s)%n", next, Tao.format(next));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    static long parseRao(String s) {
        if (s == null || !s.matches("[0-9]+")) {
            throw new UserError("--issuance: '" + s + "' is not a whole number of rao; give e.g. --issuance 10500000000000000");
        }
        BigInteger v = new BigInteger(s);
        if (v.bitLength() > 64) {
            throw new UserError("--issuance: " + s + " does not fit in 64 bits (max 18446744073709551615)");
        }
        long rao = v.longValue();
        if (rao < 0) {
            // above 2^63: beyond any reachable issuance, but well-defined: past the cap
            return Long.MAX_VALUE;
        }
        return rao;
    }
}
