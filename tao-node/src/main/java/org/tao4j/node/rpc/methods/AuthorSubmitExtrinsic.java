package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.pool.PoolRejection;
import org.tao4j.node.pool.TxWatcher;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcErrors;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/** {@code author_submitExtrinsic([hex])}: admits a signed SCALE-encoded transaction to the pool; returns its hash. */
public final class AuthorSubmitExtrinsic implements RpcMethod {
    @Override
    public String name() {
        return "author_submitExtrinsic";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        byte[] bytes = p.expect("extrinsic").hexBytes(0, "extrinsic");
        return Json.F.textNode(submit(ctx, bytes, null).toHex());
    }

    /** Submits to the pool and wakes the block author; pool refusals become RPC errors. */
    static H256 submit(RpcContext ctx, byte[] bytes, TxWatcher watcher) throws RpcException {
        try {
            H256 h = ctx.services().pool().submit(bytes, watcher);
            ctx.services().authoring().transactionArrived();
            return h;
        } catch (PoolRejection e) {
            ctx.services().metrics().poolRejected();
            int code = switch (e.reason()) {
                case MALFORMED -> RpcErrors.BAD_EXTRINSIC;
                case INVALID, TOO_FAR_IN_FUTURE -> RpcErrors.INVALID_TRANSACTION;
                case ALREADY_IMPORTED -> RpcErrors.ALREADY_IMPORTED;
                case PRIORITY_TOO_LOW -> RpcErrors.PRIORITY_TOO_LOW;
                case POOL_FULL, FUTURE_LIMIT -> RpcErrors.POOL_FULL;
            };
            String data = e.reason() == PoolRejection.Reason.POOL_FULL
                    ? "PoolFull"
                    : e.reason() == PoolRejection.Reason.FUTURE_LIMIT
                            ? "FutureLimit"
                            : e.invalidKind() != null
                                    ? e.invalidKind().name()
                                    : e.reason().name();
            throw new RpcException(code, e.getMessage(), data);
        }
    }
}
