package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.chain.Block;
import org.tao4j.node.chain.EventCodec;
import org.tao4j.node.chain.EventJson;
import org.tao4j.node.rpc.DomainJson;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * {@code tao_getBlockDetail([block])}: a block as the explorer shows it, in one answer: its header, each
 * extrinsic decoded (hash, signer, nonce, tip, length, the call and its arguments, and from the block's
 * events: success, fee, error) and the events. {@code block} is a number or a hash (default: the head);
 * null for an unknown block.
 */
public final class TaoGetBlockDetail implements RpcMethod {
    @Override
    public String name() {
        return "tao_getBlockDetail";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("block");
        H256 hash = blockParam(ctx, p, 0, "block");
        Block b = hash == null ? null : ctx.view().block(hash);
        if (b == null) {
            return null;
        }
        byte[] stored = ctx.view().events(hash);
        ArrayNode events = stored == null ? Json.array() : EventJson.toJson(EventCodec.decode(stored));
        ObjectNode o = Json.object();
        o.set("header", Json.header(b.header()));
        ArrayNode xs = o.putArray("extrinsics");
        int i = 0;
        for (Extrinsic x : b.extrinsics()) {
            ObjectNode e = xs.addObject();
            e.put("index", i);
            e.put("hash", Hex.toHex(x.hash()));
            e.put("signer", x.signer().toSs58());
            e.put("nonce", x.nonce());
            e.put("tip", x.tip());
            e.put("length", x.encodedLength());
            e.set("call", DomainJson.call(x.call()));
            for (JsonNode ev : events) {
                String type = ev.path("type").asText();
                if (ev.path("index").asInt(-1) == i
                        && (type.equals("ExtrinsicSuccess") || type.equals("ExtrinsicFailed"))) {
                    e.put("success", type.equals("ExtrinsicSuccess"));
                    e.set("fee", ev.get("fee"));
                    if (ev.has("error")) {
                        e.set("error", ev.get("error"));
                        e.set("message", ev.get("message"));
                    }
                }
            }
            i++;
        }
        o.set("events", events);
        return o;
    }

    /** A block given by number (JSON integer or decimal string) or by hash; the head when absent; null if unknown. */
    static H256 blockParam(RpcContext ctx, Params p, int index, String name) throws RpcException {
        JsonNode v = p.get(index, name);
        if (v == null) {
            return ctx.view().head().hash();
        }
        if (v.isTextual() && v.asText().startsWith("0x") && v.asText().length() == 66) {
            return p.hash(index, name);
        }
        return ctx.view().hashOf(p.uint(index, name, Long.MAX_VALUE));
    }
}
