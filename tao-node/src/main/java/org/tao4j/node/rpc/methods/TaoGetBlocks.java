package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.chain.Block;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/**
 * {@code tao_getBlocks([from], [count])}: a page of the block list, newest first: {@code count} blocks
 * (default 25, at most {@value #MAX_COUNT}) going down from number {@code from} (default: the head),
 * each with its number, hash, timestamp, author and number of extrinsics.
 */
public final class TaoGetBlocks implements RpcMethod {
    public static final int MAX_COUNT = 100;

    @Override
    public String name() {
        return "tao_getBlocks";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("from", "count");
        long head = ctx.view().head().number();
        Long from = p.optionalUint(0, "from", Long.MAX_VALUE);
        Long count = p.optionalUint(1, "count", MAX_COUNT);
        long top = from == null ? head : Math.min(from, head);
        long n = count == null ? 25 : count;
        ArrayNode out = Json.array();
        for (long k = top; k >= 0 && k > top - n; k--) {
            H256 h = ctx.view().hashOf(k);
            Block b = h == null ? null : ctx.view().block(h);
            if (b == null) {
                break;
            }
            ObjectNode o = out.addObject();
            o.put("number", k);
            o.put("hash", h.toHex());
            o.put("timestamp", b.header().timestamp());
            o.put("author", b.header().author().toSs58());
            o.put("extrinsics", b.extrinsics().size());
        }
        return out;
    }
}
