package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.core.account.AccountId;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.schema.ChainState;

/**
 * {@code tao_getBalance([address, at])}: an account's free balance, next nonce (state only) and the
 * total it has staked, at block {@code at} (default: the head).
 */
public final class TaoGetBalance implements RpcMethod {
    @Override
    public String name() {
        return "tao_getBalance";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("address", "at");
        AccountId a = p.account(0, "address");
        RpcContext.AtState at = ctx.state(p.optionalHash(1, "at"));
        ChainState s = at.state();
        var acc = s.account(a);
        long staked = 0;
        for (AccountId hk : s.stakedHotkeys(a)) {
            staked += s.stake(hk, a);
        }
        return Json.object()
                .put("address", a.toSs58())
                .put("free", acc.free())
                .put("nonce", acc.nonce())
                .put("staked", staked)
                .put("block", at.block().toHex())
                .put("blockNumber", at.number());
    }
}
