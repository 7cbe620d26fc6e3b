package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.node.rpc.DomainJson;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcErrors;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.schema.ChainState;

/**
 * {@code tao_getSubnetIdentity(netuid, [at])} (docs/spec/chain.md §12): the subnet's identity, or
 * {@code identity: null} when its owner set none; an error when the subnet does not exist.
 */
public final class TaoGetSubnetIdentity implements RpcMethod {
    @Override
    public String name() {
        return "tao_getSubnetIdentity";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("netuid", "at");
        int netuid = p.netuid(0, "netuid");
        ChainState s = ctx.state(p.optionalHash(1, "at")).state();
        if (!s.subnetExists(netuid)) {
            throw new RpcException(RpcErrors.INVALID_PARAMS, "subnet " + netuid + " does not exist");
        }
        ObjectNode out = Json.object();
        out.put("netuid", netuid);
        out.set("identity", DomainJson.identity(s.subnetIdentity(netuid)));
        return out;
    }
}
