package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/** {@code system_name()}: the node implementation's name, "tao4j". */
public final class SystemName implements RpcMethod {
    @Override
    public String name() {
        return "system_name";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect();
        return Json.F.textNode(ctx.services().nodeName());
    }
}
