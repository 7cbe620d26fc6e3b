package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/** {@code chain_getBlockHash([number])}: the hash of block {@code number} (default: the head), or null. */
public final class ChainGetBlockHash implements RpcMethod {
    @Override
    public String name() {
        return "chain_getBlockHash";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        Long n = p.expect("number").optionalUint(0, "number", Long.MAX_VALUE);
        H256 h = n == null ? ctx.view().head().hash() : ctx.view().hashOf(n);
        return h == null ? null : Json.F.textNode(h.toHex());
    }
}
