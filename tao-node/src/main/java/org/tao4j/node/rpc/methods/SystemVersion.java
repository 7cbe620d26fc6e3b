package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/** {@code system_version()}: the node's version. */
public final class SystemVersion implements RpcMethod {
    @Override
    public String name() {
        return "system_version";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect();
        return Json.F.textNode(ctx.services().version());
    }
}
