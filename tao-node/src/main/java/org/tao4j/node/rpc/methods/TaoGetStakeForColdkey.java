package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.core.account.AccountId;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.schema.ChainState;

/**
 * {@code tao_getStakeForColdkey([coldkey, at])}: every hotkey a coldkey stakes on, with the amount,
 * and the total.
 */
public final class TaoGetStakeForColdkey implements RpcMethod {
    @Override
    public String name() {
        return "tao_getStakeForColdkey";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("coldkey", "at");
        AccountId ck = p.account(0, "coldkey");
        RpcContext.AtState at = ctx.state(p.optionalHash(1, "at"));
        ChainState s = at.state();
        ObjectNode o = Json.object().put("coldkey", ck.toSs58());
        ArrayNode stakes = o.putArray("stakes");
        long total = 0;
        for (AccountId hk : s.stakedHotkeys(ck)) {
            long amount = s.stake(hk, ck);
            total += amount;
            stakes.add(Json.object().put("hotkey", hk.toSs58()).put("amount", amount));
        }
        o.put("total", total);
        o.put("blockNumber", at.number());
        return o;
    }
}
