package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.node.rpc.RpcSession;

/**
 * {@code chain_subscribeFinalizedHeads()} (WebSocket): returns a subscription id; then the current
 * finalized header and each newly finalized one arrive as {@code chain_finalizedHead} notifications
 * (increasing numbers; a block finalized together with later ones may be skipped: the newest counts).
 * Through the same bounded fan-out and per-connection limits as {@code chain_subscribeNewHeads}.
 */
public final class ChainSubscribeFinalizedHeads implements RpcMethod {
    @Override
    public String name() {
        return "chain_subscribeFinalizedHeads";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect();
        RpcSession s = ctx.requireSession(name());
        String id = s.newSubscriptionId();
        var store = ctx.services().chain().store();
        ctx.afterResponse(() -> ctx.services().finalizedHeads().subscribe(s, id, () -> {
            try (var v = store.view()) {
                return v.header(store.finalized().hash());
            }
        }));
        return Json.F.textNode(id);
    }
}
