package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.node.rpc.RpcSession;

/**
 * {@code chain_subscribeNewHeads()} (WebSocket): returns a subscription id; then the current head
 * and every new header arrive as {@code chain_newHead} notifications.
 */
public final class ChainSubscribeNewHeads implements RpcMethod {
    @Override
    public String name() {
        return "chain_subscribeNewHeads";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect();
        RpcSession s = ctx.requireSession(name());
        String id = s.newSubscriptionId();
        ctx.afterResponse(() -> ctx.services()
                .newHeads()
                .subscribe(s, id, () -> ctx.services().chain().store().head().header()));
        return Json.F.textNode(id);
    }
}
