package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.core.account.AccountId;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/**
 * {@code system_accountNextIndex([address])}: the nonce the account's next transaction should
 * carry: its state nonce plus its consecutive transactions waiting in the pool.
 */
public final class SystemAccountNextIndex implements RpcMethod {
    @Override
    public String name() {
        return "system_accountNextIndex";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        AccountId a = p.expect("address").account(0, "address");
        // The head moves before the pool drops what the new block included. Reading the state, then
        // the pool, can therefore see a pool already pruned against a state read just before: the
        // answer would be a nonce the chain has used. Read the head's nonce again after the pool, and
        // answer only when it did not move in between. (Live head state each time, not the request's
        // cached snapshot, which would never move.)
        long stateNonce = liveNonce(ctx, a);
        long next = ctx.services().pool().nextNonce(a, stateNonce);
        for (int attempt = 0; attempt < 100; attempt++) {
            long again = liveNonce(ctx, a);
            if (again == stateNonce) {
                return Json.F.numberNode(next);
            }
            stateNonce = again;
            next = ctx.services().pool().nextNonce(a, stateNonce);
        }
        return Json.F.numberNode(Math.max(next, stateNonce));
    }

    private static long liveNonce(RpcContext ctx, AccountId a) {
        return ctx.services().chain().headState().account(a).nonce();
    }
}
