package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/** {@code author_unwatchExtrinsic([id])}: stops the notifications of a watch (the transaction stays in the pool). */
public final class AuthorUnwatchExtrinsic implements RpcMethod {
    @Override
    public String name() {
        return "author_unwatchExtrinsic";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        String id = p.expect("subscription").string(0, "subscription");
        return Json.F.booleanNode(ctx.requireSession(name()).unsubscribe(id));
    }
}
