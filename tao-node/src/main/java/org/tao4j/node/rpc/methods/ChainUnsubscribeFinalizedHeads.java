package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/** {@code chain_unsubscribeFinalizedHeads([id])}: ends a subscription; false if there was none. */
public final class ChainUnsubscribeFinalizedHeads implements RpcMethod {
    @Override
    public String name() {
        return "chain_unsubscribeFinalizedHeads";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        String id = p.expect("subscription").string(0, "subscription");
        return Json.F.booleanNode(ctx.requireSession(name()).unsubscribe(id));
    }
}
