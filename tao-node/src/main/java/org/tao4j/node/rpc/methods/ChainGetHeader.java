package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.chain.BlockHeader;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/** {@code chain_getHeader([hash])}: the header of a block (default: the head), or null if unknown. */
public final class ChainGetHeader implements RpcMethod {
    @Override
    public String name() {
        return "chain_getHeader";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        H256 at = p.expect("hash").optionalHash(0, "hash");
        BlockHeader h = at == null ? ctx.view().head().header() : ctx.view().header(at);
        return h == null ? null : Json.header(h);
    }
}
