package org.tao4j.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One JSON-RPC method: a small class per method, registered by name in {@link RpcMethods}
 * (the Besu pattern). Implementations validate their params through {@link Params}, which turns
 * bad input into -32602 errors with a clear message.
 */
public interface RpcMethod {

    String name();

    /** The result (any JSON value), or an {@link RpcException} for the caller. */
    JsonNode execute(RpcContext ctx, Params params) throws RpcException;
}
