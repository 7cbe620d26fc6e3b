package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/**
 * {@code system_health()}: {@code {"peers":N,"isSyncing":false,"shouldHavePeers":B,"healthy":true}}: the
 * other authorities this node reaches (0 for a single authority), whether it is catching up; when the node is unhealthy ({@link org.tao4j.node.health.NodeHealth}),
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
        var authoring = ctx.services().authoring();
        var consensus = authoring.consensusStatus();
        var o = Json.object()
                .put("peers", consensus.reachablePeers())
                .put("isSyncing", authoring.isSyncing())
                .put("shouldHavePeers", !consensus.peers().isEmpty());
        var status = ctx.services().health().status();
        o.put("healthy", status.healthy());
        if (!status.healthy()) {
            o.put("reason", status.reason());
        }
        return o;
    }
}
