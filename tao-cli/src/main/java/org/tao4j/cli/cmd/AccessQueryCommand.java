package org.tao4j.cli.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.tao4j.cli.Ctx;
import org.tao4j.cli.SharedOptionsCommand;
import org.tao4j.cli.Signer;
import org.tao4j.cli.UserError;
import org.tao4j.client.access.AccessClient;
import org.tao4j.client.access.AccessException;
import org.tao4j.client.access.AccessLedger;
import org.tao4j.core.crypto.H256;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tao access query}: one paid query to a gateway. Signs the next voucher of the channel with
 * the wallet's coldkey, keeps the running total in {@code <wallet>/access/} (written before the
 * voucher is sent), and prints the answer and what it cost. docs/access.md.
 */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = "Pay a gateway for one answer from a subnet (signs the channel's next voucher).",
        footer = {
            "",
            "Examples:",
            "  tao access query --gateway-url http://127.0.0.1:8095 --netuid 2 --channel 0x… \\",
            "      --text \"Call me Ishmael. Some years ago\" --chars 200",
            "  tao access query --gateway-url http://127.0.0.1:8096 --netuid 1 --channel 0x… \\",
            "      --series 112,118,132,129,121,135,148,148,136,119,104,118 --horizon 12",
            "  tao access query --gateway-url URL --netuid 1 --channel 0x… --input '{\"series\":[1,2,3],\"horizon\":2}'"
        })
public final class AccessQueryCommand extends SharedOptionsCommand {
    @Option(
            names = "--gateway-url",
            required = true,
            paramLabel = "URL",
            description = "The gateway, e.g. http://host:8095.")
    String gatewayUrl;

    @Option(names = "--netuid", required = true, paramLabel = "N", description = "The subnet the gateway must serve.")
    int netuid;

    @Option(
            names = "--channel",
            required = true,
            paramLabel = "ID",
            description = "Your channel to this gateway (0x…).")
    String channel;

    @Option(
            names = "--input",
            paramLabel = "JSON",
            description = "The query in the subnet's own form (see /openapi.json).")
    String input;

    @Option(names = "--text", paramLabel = "TEXT", description = "Text subnet: the prompt to continue.")
    String text;

    @Option(
            names = "--chars",
            paramLabel = "N",
            defaultValue = "100",
            description = "Text subnet: characters to generate (1-512).")
    int chars;

    @Option(names = "--sample", description = "Text subnet: sample from the mixture instead of greedy decoding.")
    boolean sample;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Text subnet: the sampling seed.")
    long seed;

    @Option(
            names = "--series",
            paramLabel = "V,V,…",
            split = ",",
            description = "Forecast subnet: the history, oldest first.")
    double[] series;

    @Option(
            names = "--horizon",
            paramLabel = "H",
            defaultValue = "12",
            description = "Forecast subnet: steps to forecast.")
    int horizon;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "120",
            description = "Per attempt (default 120).")
    int timeoutSeconds;

    @Override
    protected Integer run(Ctx ctx) {
        H256 id;
        try {
            id = H256.fromHex(channel);
        } catch (IllegalArgumentException e) {
            throw new UserError("--channel must be a channel id, 0x and 64 hex digits: " + e.getMessage());
        }
        ObjectNode body = body(ctx);
        URI url;
        try {
            url = URI.create(gatewayUrl);
            if (url.getScheme() == null || !url.getScheme().startsWith("http")) {
                throw new IllegalArgumentException("not http(s)");
            }
        } catch (IllegalArgumentException e) {
            throw new UserError("--gateway-url must be an http:// or https:// URL, got '" + gatewayUrl + "'");
        }
        byte[] genesis = ctx.client().genesisHash().bytes();
        var coldkey = ctx.signer.coldkey();
        AccessLedger ledger = new AccessLedger(ledgerDir(ctx));
        try (AccessClient ac = new AccessClient(url, coldkey, genesis, ledger, Duration.ofSeconds(timeoutSeconds), 3)) {
            JsonNode info;
            try {
                info = ac.info();
            } catch (AccessException e) {
                throw new UserError("the gateway at " + gatewayUrl + " did not answer /v1/info: " + e.getMessage(), 1);
            }
            if (info.path("netuid").asInt(-1) != netuid) {
                throw new UserError(
                        "the gateway serves subnet " + info.path("netuid").asInt() + ", not " + netuid, 1);
            }
            if (!info.path("genesis_hash")
                    .asText()
                    .equals(ctx.client().genesisHash().toHex())) {
                throw new UserError(
                        "the gateway is on another chain (genesis "
                                + info.path("genesis_hash").asText() + ") than "
                                + ctx.client().uri(),
                        1);
            }
            AccessClient.Answer a;
            try {
                a = ac.query(id, body);
            } catch (AccessException e) {
                throw new UserError("the query was not answered (" + e.code() + "): " + e.getMessage(), 1);
            }
            JsonNode answer = a.body().get("answer");
            if (answer.has("continuation")) {
                ctx.say(answer.get("prompt").asText() + " »"
                        + answer.get("continuation").asText() + "«");
            } else if (answer.has("forecast")) {
                StringBuilder sb = new StringBuilder("forecast:");
                answer.get("forecast").forEach(v -> sb.append(String.format(Locale.ROOT, " %.4g", v.asDouble())));
                ctx.say(sb.toString());
            } else {
                ctx.say(answer.toString());
            }
            JsonNode used = a.body().at("/provenance/used");
            ctx.note("cost " + ctx.amount(a.cost()) + ", paid on this channel " + ctx.amount(a.cumulative())
                    + "; answers of miners " + used + " combined");
            ObjectNode o = ctx.obj();
            o.set("answer", answer);
            o.set("provenance", a.body().get("provenance"));
            o.set("receipt", a.body().get("receipt"));
            o.put("cost_rao", a.cost());
            o.put("ledger", ledger.directory().toString());
            ctx.emit(o);
            return 0;
        }
    }

    private ObjectNode body(Ctx ctx) {
        int forms = (input != null ? 1 : 0) + (text != null ? 1 : 0) + (series != null ? 1 : 0);
        if (forms != 1) {
            throw new UserError("give exactly one of --input JSON, --text TEXT or --series V,V,…");
        }
        if (input != null) {
            try {
                JsonNode n = Ctx.JSON.readTree(input);
                if (!n.isObject()) {
                    throw new UserError("--input must be a JSON object");
                }
                return (ObjectNode) n;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UserError("--input is not JSON: " + e.getOriginalMessage());
            }
        }
        ObjectNode o = ctx.obj();
        if (text != null) {
            o.put("text", text)
                    .put("chars", chars)
                    .put("decoding", sample ? "sample" : "greedy")
                    .put("seed", seed);
        } else {
            var a = o.putArray("series");
            for (double v : series) {
                a.add(v);
            }
            o.put("horizon", horizon);
        }
        return o;
    }

    /** {@code <wallet dir>/access}; for a dev URI wallet, {@code <wallet root>/dev-access/<name>}. */
    static Path ledgerDir(Ctx ctx) {
        String w = ctx.walletName();
        if (Signer.isDevUri(w)) {
            return ctx.store().root().resolve("dev-access").resolve(w.replaceAll("[^A-Za-z0-9]+", "_"));
        }
        return ctx.wallet().directory().resolve("access");
    }
}
