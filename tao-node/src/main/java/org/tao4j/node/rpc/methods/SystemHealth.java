package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/**
 * {@code system_health()}: {@code {"peers":0,"isSyncing":false,"shouldHavePeers":false,"healthy":true}}
 * (no peer network yet); when the node is unhealthy ({@link org.tao4j.node.health.NodeHealth}),
 * {@code "healthy":false} and a one-line {@code "reason"}.
 */
public final class SystemHealth implements RpcMethod {
    @Override
    public String name() {
        return "system_health";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect();
        var o = Json.object().put("peers", 0).put("isSyncing", false).put("shouldHavePeers", false);
        var status = ctx.services().health().status();
        o.put("healthy", status.healthy());
        if (!status.healthy()) {
            o.put("reason", status.reason());
        }
        return o;
    }
}
