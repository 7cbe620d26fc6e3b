package org.tao4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.tao4j.core.supply.EmissionSchedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tao emission}: the halving schedule at a given issuance, by default the chain's current one. */
@Command(
        name = "emission",
        mixinStandardHelpOptions = true,
        description = "Show the block emission, halving era and next halving at an issuance: --issuance in TAO "
                + "(whole rao with --rao), else the chain's current total issuance.",
        footer = {
            "",
            "Example:",
            "  tao emission",
            "  tao emission --issuance 10500000",
            "  tao emission --issuance 0 --json",
            "  tao emission --issuance 10500000000000000 --rao"
        })
public final class EmissionCommand extends SharedOptionsCommand {

    @Option(
            names = "--issuance",
            paramLabel = "TAO",
            description =
                    "Total issuance in TAO such as 10500000 or 10500000.5 (whole rao with --rao, from 0 to 2^64-1); "
                            + "default: the node's current total issuance.")
    String issuance;

    @Override
    protected Integer run(Ctx ctx) {
        BigInteger given;
        if (issuance != null) {
            given = parse(issuance, ctx.opts.rao);
        } else {
            try {
                given = BigInteger.valueOf(ctx.client().supply().totalIssuance());
            } catch (org.tao4j.client.NodeUnreachableException e) {
                throw new UserError(
                        "no --issuance given and no node to read it from at " + ctx.networkName()
                                + "; give --issuance TAO (e.g. --issuance 10500000) or start a node",
                        ExitCodes.UNREACHABLE);
            }
            ctx.note("total issuance of the chain at " + ctx.networkName());
        }
        long rao = given.bitLength() > 63 ? Long.MAX_VALUE : given.longValue(); // above 2^63: past the cap
        long emission = EmissionSchedule.blockEmission(rao);
        int era = EmissionSchedule.era(rao);
        long next = EmissionSchedule.nextHalvingIssuance(rao);
        if (era < 0) {
            // at or above the cap: one era past the last one before it; no further halving
            era = EmissionSchedule.era(EmissionSchedule.TOTAL_SUPPLY - 1) + 1;
        }
        if (ctx.json()) {
            // amounts in rao, one line: the schedule's machine form (docs/cli.md)
            ObjectNode o = Ctx.JSON.createObjectNode();
            o.put("issuance", given);
            o.put("block_emission", emission);
            o.put("era", era);
            o.put("next_halving_issuance", next);
            ctx.out.println(o.toString());
            ctx.out.flush();
            return ExitCodes.OK;
        }
        ctx.say(String.format(
                "issuance        %s rao (%s)", given, given.bitLength() > 63 ? "above 2^63 rao" : Tao.format(rao)));
        ctx.say(String.format("block emission  %d rao (%s per block)", emission, Tao.format(emission)));
        ctx.say(String.format("halving era     %d", era));
        if (Long.compareUnsigned(rao, EmissionSchedule.TOTAL_SUPPLY) >= 0) {
            ctx.say("next halving    none: the 21,000,000 TAO cap is reached");
        } else {
            ctx.say(String.format("next halving    at issuance %d rao (%s)", next, Tao.format(next)));
        }
        return ExitCodes.OK;
    }

    /** TAO (up to 9 decimals) or, with {@code rao}, whole rao; 0 to 2^64-1 rao. */
    static BigInteger parse(String s, boolean rao) {
        String unit = rao ? "whole number of rao" : "number of TAO";
        String example = rao ? "--issuance 10500000000000000 --rao" : "--issuance 10500000";
        String t = s == null ? "" : s.strip();
        if (t.startsWith("τ")) {
            t = t.substring(1);
        }
        if (!t.matches(rao ? "[0-9]+" : "[0-9]+(\\.[0-9]+)?")) {
            throw new UserError("--issuance: '" + s + "' is not a " + unit + "; give e.g. " + example);
        }
        BigDecimal d = new BigDecimal(t);
        BigInteger v;
        try {
            v = (rao ? d : d.movePointRight(9)).toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new UserError("--issuance: '" + s + "' has more than 9 decimals; 1 rao = 0.000000001 TAO is the "
                    + "smallest unit");
        }
        if (v.bitLength() > 64) {
            throw new UserError("--issuance: " + s + " does not fit in 64 bits of rao (max 18446744073709551615 rao, "
                    + "about 18446744073.7 TAO)");
        }
        return v;
    }
}
