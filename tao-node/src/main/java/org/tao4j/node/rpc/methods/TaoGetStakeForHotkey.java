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
 * {@code tao_getStakeForHotkey([hotkey, at])}: a hotkey's owner, take, total stake and every staker
 * (coldkey, amount).
 */
public final class TaoGetStakeForHotkey implements RpcMethod {
    @Override
    public String name() {
        return "tao_getStakeForHotkey";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("hotkey", "at");
        AccountId hk = p.account(0, "hotkey");
        RpcContext.AtState at = ctx.state(p.optionalHash(1, "at"));
        ChainState s = at.state();
        ObjectNode o = Json.object().put("hotkey", hk.toSs58());
        AccountId owner = s.owner(hk);
        if (owner == null) {
            o.putNull("owner");
        } else {
            o.put("owner", owner.toSs58());
        }
        o.put("takePpm", s.take(hk, s.params().maxTakePpm()));
        o.put("total", s.totalHotkeyStake(hk));
        ArrayNode stakers = o.putArray("stakers");
        for (ChainState.Pair<AccountId, Long> e : s.stakers(hk)) {
            stakers.add(Json.object().put("coldkey", e.first().toSs58()).put("amount", e.second()));
        }
        o.put("blockNumber", at.number());
        return o;
    }
}
