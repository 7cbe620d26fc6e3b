package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/**
 * {@code chain_getFinalizedHead()}: the hash of the highest block with a stored justification (signed by
 * a majority of its authority set; docs/network.md), or the genesis hash before any. A single authority
 * finalizes each block it commits, so there this follows the head.
 */
public final class ChainGetFinalizedHead implements RpcMethod {
    @Override
    public String name() {
        return "chain_getFinalizedHead";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect();
        return Json.F.textNode(ctx.services().chain().store().finalized().hash().toHex());
    }
}
