package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/**
 * {@code system_health()}: {@code {"peers":N,"isSyncing":B,"shouldHavePeers":B,"healthy":true}} from the
 * node's {@link org.tao4j.node.sync.SyncState} (a single authority: 0 peers, never syncing; a full node:
 * its sync peers, syncing while behind the best finalized block it heard of); when the node is unhealthy ({@link org.tao4j.node.health.NodeHealth}),
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
        var sync = ctx.services().sync();
        var o = Json.object()
                .put("peers", sync.peers())
                .put("isSyncing", sync.isSyncing())
                .put("shouldHavePeers", sync.shouldHavePeers());
        var status = ctx.services().health().status();
        o.put("healthy", status.healthy());
        if (!status.healthy()) {
            o.put("reason", status.reason());
        }
        return o;
    }
}
