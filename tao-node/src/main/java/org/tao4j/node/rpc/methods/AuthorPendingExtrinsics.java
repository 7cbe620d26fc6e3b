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

/**
 * {@code author_pendingExtrinsics([offset, limit])}: one page of the pool's transactions as hex, in arrival
 * order: from the {@code offset}-th, at most {@code limit} (default and most {@value #MAX_COUNT}) and at most
 * {@value #MAX_BYTES} bytes of transactions (so at most about 8 MiB of JSON). The pool can hold 64 MiB.
 */
public final class AuthorPendingExtrinsics implements RpcMethod {

    /** The most transactions one page holds. */
    public static final int MAX_COUNT = 1_000;

    /** The most transaction bytes one page holds (one transaction more if the first alone is larger). */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    @Override
    public String name() {
        return "author_pendingExtrinsics";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("offset", "limit");
        Long offset = p.optionalUint(0, "offset", Integer.MAX_VALUE);
        Long limit = p.optionalUint(1, "limit", MAX_COUNT);
        ArrayNode a = Json.array();
        for (Extrinsic x : ctx.services()
                .pool()
                .pending(
                        offset == null ? 0 : offset.intValue(),
                        limit == null ? MAX_COUNT : limit.intValue(),
                        MAX_BYTES)) {
            a.add(Hex.toHex(x.encode()));
        }
        return a;
    }
}
