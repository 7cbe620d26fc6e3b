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
        long stateNonce = ctx.state(null).state().account(a).nonce();
        return Json.F.numberNode(ctx.services().pool().nextNonce(a, stateNonce));
    }
}
