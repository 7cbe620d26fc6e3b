package org.tao4j.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The gateway's OpenAPI 3.0 document ({@code GET /openapi.json}), built from the subnet's schemas. */
final class OpenApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApi() {}

    static ObjectNode document(SubnetService service, GatewayConfig config) {
        ObjectNode d = JSON.createObjectNode();
        d.put("openapi", "3.0.3");
        d.putObject("info")
                .put("title", "tao4j gateway: subnet " + config.netuid() + " (" + service.name() + ")")
                .put("version", "1")
                .put(
                        "description",
                        "Pay per query with payment-channel vouchers; answers are the subnet's combination of its"
                                + " top miners' answers, with provenance. Price: " + config.price()
                                + " rao per query. See docs/access.md.");
        ObjectNode paths = d.putObject("paths");
        ObjectNode info = paths.putObject("/v1/info").putObject("get");
        info.put("summary", "netuid, gateway hotkey, price, task types and the miners queried now");
        info.putObject("responses").putObject("200").put("description", "the gateway's info");

        ObjectNode q = paths.putObject("/v1/query").putObject("post");
        q.put("summary", "one paid query (task types: " + String.join(", ", service.taskTypes()) + ")");
        ObjectNode header = q.putArray("parameters").addObject();
        header.put("name", "X-Tao-Voucher").put("in", "header").put("required", true);
        header.put(
                "description",
                "CHANNEL:CUMULATIVE:SIGNATURE: the channel id (0x + 64 hex), the cumulative amount paid so far"
                        + " including this query (decimal rao, at least the last accepted plus the price) and the"
                        + " client coldkey's ed25519 signature (0x + 128 hex) over \"tao4j/voucher\" || genesis hash"
                        + " || channel id || u64 LE cumulative");
        header.putObject("schema").put("type", "string");
        ObjectNode body = q.putObject("requestBody").put("required", true);
        ObjectNode media = body.putObject("content").putObject("application/json");
        media.set("schema", service.inputSchema());
        media.set("example", service.example());
        ObjectNode r = q.putObject("responses");
        ObjectNode ok = r.putObject("200").put("description", "the answer, its provenance and the receipt");
        ObjectNode okSchema = ok.putObject("content")
                .putObject("application/json")
                .putObject("schema")
                .put("type", "object");
        ObjectNode props = okSchema.putObject("properties");
        props.set("answer", service.answerSchema());
        props.putObject("provenance")
                .put("type", "object")
                .put("description", "miners asked (uid, hotkey, incentive, latency_ms, outcome, used) and used uids");
        props.putObject("receipt")
                .put("type", "object")
                .put("description", "channel, cumulative_rao, signature, price_rao, charged_rao, total_paid_rao");
        r.putObject("400").put("description", "the input is not the subnet's form (not charged)");
        r.putObject("402")
                .put(
                        "description",
                        "payment required: voucher_missing, voucher_malformed, channel_unknown, wrong_gateway,"
                                + " wrong_subnet, channel_closed, channel_expired, bad_signature, voucher_stale"
                                + " (with last_accepted and required_at_least), over_deposit; always with price_rao");
        r.putObject("413").put("description", "the body is larger than " + config.maxBodyBytes() + " bytes");
        r.putObject("429").put("description", "saturated, or a query on this channel is running (not charged)");
        r.putObject("503")
                .put("description", "no miner answered in time: not charged, the next voucher may reuse the amount");
        return d;
    }
}
