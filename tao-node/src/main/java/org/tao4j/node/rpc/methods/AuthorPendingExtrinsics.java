package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.tx.Extrinsic;

/** {@code author_pendingExtrinsics()}: every transaction in the pool, as hex. */
public final class AuthorPendingExtrinsics implements RpcMethod {
    @Override
    public String name() {
        return "author_pendingExtrinsics";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect();
        ArrayNode a = Json.array();
        for (Extrinsic x : ctx.services().pool().pending()) {
            a.add(Hex.toHex(x.encode()));
        }
        return a;
    }
}
