package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.tao4j.node.rpc.DomainJson;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.schema.ChainState;

/**
 * {@code tao_getSubnets([at])}: every subnet (root, netuid 0, first) with its owner, lock, current
 * registration burn, size, emission and hyperparameters.
 */
public final class TaoGetSubnets implements RpcMethod {
    @Override
    public String name() {
        return "tao_getSubnets";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("at");
        ChainState s = ctx.state(p.optionalHash(0, "at")).state();
        ArrayNode a = Json.array();
        s.subnets().forEach(sn -> a.add(DomainJson.subnet(s, sn)));
        return a;
    }
}
