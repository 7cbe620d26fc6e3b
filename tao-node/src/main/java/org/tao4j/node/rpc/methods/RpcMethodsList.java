package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.node.rpc.RpcMethods;

/** {@code rpc_methods()}: {@code {"version":1,"methods":[...]}}, every method name, sorted. */
public final class RpcMethodsList implements RpcMethod {
    private final RpcMethods table;

    public RpcMethodsList(RpcMethods table) {
        this.table = table;
    }

    @Override
    public String name() {
        return "rpc_methods";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect();
        ObjectNode o = Json.object().put("version", 1);
        ArrayNode a = o.putArray("methods");
        table.names().forEach(a::add);
        return o;
    }
}
