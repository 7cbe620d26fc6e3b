package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.node.rpc.DomainJson;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/** {@code tao_getParams([at])}: the chain-wide parameters (ChainParams) in force. */
public final class TaoGetParams implements RpcMethod {
    @Override
    public String name() {
        return "tao_getParams";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("at");
        return DomainJson.params(ctx.state(p.optionalHash(0, "at")).state().params());
    }
}
