package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.chain.Block;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/** {@code chain_getBlock([hash])}: a block with its extrinsics as hex (default: the head), or null if unknown. */
public final class ChainGetBlock implements RpcMethod {
    @Override
    public String name() {
        return "chain_getBlock";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        H256 at = p.expect("hash").optionalHash(0, "hash");
        Block b = ctx.view().block(at == null ? ctx.view().head().hash() : at);
        if (b == null) {
            return null;
        }
        var o = Json.block(b);
        var j = ctx.services().chain().store().justification(b.hash());
        if (j.isPresent()) {
            // Substrate's shape: a list of [engine id, encoded justification]
            o.putArray("justifications")
                    .addArray()
                    .add("TAO4")
                    .add(org.tao4j.core.crypto.Hex.toHex(j.get().encode()));
        }
        return o;
    }
}
