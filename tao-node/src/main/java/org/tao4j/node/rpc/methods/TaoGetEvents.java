package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcErrors;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/**
 * {@code tao_getEvents([blockHash])}: the events of a block (default: the head), each
 * {@code {"type": ..., fields...}}, with the index of the transaction that caused it where relevant.
 */
public final class TaoGetEvents implements RpcMethod {
    @Override
    public String name() {
        return "tao_getEvents";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        H256 h = p.expect("blockHash").optionalHash(0, "blockHash");
        H256 block = h == null ? ctx.view().head().hash() : h;
        byte[] stored = ctx.view().events(block);
        if (stored == null) {
            throw new RpcException(RpcErrors.UNKNOWN_BLOCK, "unknown block " + block);
        }
        ObjectNode o = Json.object().put("block", block.toHex());
        o.put("blockNumber", ctx.view().header(block).number());
        o.set("events", org.tao4j.node.chain.EventJson.toJson(org.tao4j.node.chain.EventCodec.decode(stored)));
        return o;
    }
}
