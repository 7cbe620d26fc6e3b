package org.tao4j.node.rpc;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.chain.Block;
import org.tao4j.node.chain.BlockHeader;
import org.tao4j.runtime.tx.Extrinsic;

/** The RPC's JSON: one shared mapper with input limits, and the chain's JSON shapes. */
public final class Json {

    /** Requests are capped at 10 MiB anyway; these keep a hostile document from costing more than its size. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        MAPPER.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxNumberLength(100)
                        .maxStringLength(JsonRpcDispatcher.MAX_REQUEST_BYTES)
                        .build());
        // a request is exactly one JSON value: "{...} garbage" is a parse error, not a request
        MAPPER.enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {}

    public static ObjectNode object() {
        return F.objectNode();
    }

    public static ArrayNode array() {
        return F.arrayNode();
    }

    /**
     * A header as JSON: {@code parentHash, number, stateRoot, extrinsicsRoot, timestamp, author, hash}.
     * Numbers are JSON numbers (not Substrate's hex strings).
     */
    public static ObjectNode header(BlockHeader h) {
        ObjectNode o = object();
        o.put("parentHash", h.parentHash().toHex());
        o.put("number", h.number());
        o.put("stateRoot", h.stateRoot().toHex());
        o.put("extrinsicsRoot", h.extrinsicsRoot().toHex());
        o.put("timestamp", h.timestamp());
        o.put("author", h.author().toSs58());
        o.put("hash", h.hash().toHex());
        return o;
    }

    public static ObjectNode block(Block b) {
        ObjectNode o = object();
        ObjectNode inner = o.putObject("block");
        inner.set("header", header(b.header()));
        inner.put("signature", Hex.toHex(b.signature()));
        ArrayNode xs = inner.putArray("extrinsics");
        for (Extrinsic x : b.extrinsics()) {
            xs.add(Hex.toHex(x.encode()));
        }
        o.putNull("justifications");
        return o;
    }

    public static String hex(H256 h) {
        return h.toHex();
    }
}
