package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.chain.Justification;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/**
 * {@code tao_getJustification(hash)}: the block's stored justification, {@code {"number", "hash",
 * "votes":[{"authority" (SS58), "signature"}], "encoded" (SCALE hex)}}, or null when the block has none
 * (not final yet, unknown, or synced before a later justification covered it). At most {@value
 * Justification#MAX_VOTES} votes, so about 40 kB.
 */
public final class TaoGetJustification implements RpcMethod {
    @Override
    public String name() {
        return "tao_getJustification";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        H256 hash = p.expect("hash").hash(0, "hash");
        var j = ctx.services().chain().store().justification(hash);
        if (j.isEmpty()) {
            return Json.F.nullNode();
        }
        return render(j.get());
    }

    static ObjectNode render(Justification j) {
        ObjectNode o = Json.object();
        o.put("number", j.number());
        o.put("hash", j.blockHash().toHex());
        ArrayNode votes = o.putArray("votes");
        for (Justification.Vote v : j.votes()) {
            votes.addObject().put("authority", v.authority().toSs58()).put("signature", Hex.toHex(v.signature()));
        }
        o.put("encoded", Hex.toHex(j.encode()));
        return o;
    }
}
