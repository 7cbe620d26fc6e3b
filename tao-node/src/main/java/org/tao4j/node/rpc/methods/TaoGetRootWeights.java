package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.tao4j.node.rpc.DomainJson;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.schema.ChainState;

/**
 * {@code tao_getRootWeights([at])}: each root-network member's weights over subnets, as
 * {@code [[netuid, u16 weight], ...]}.
 */
public final class TaoGetRootWeights implements RpcMethod {
    @Override
    public String name() {
        return "tao_getRootWeights";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("at");
        ChainState s = ctx.state(p.optionalHash(0, "at")).state();
        ArrayNode out = Json.array();
        var members = s.neurons(0);
        for (int uid = 0; uid < members.size(); uid++) {
            out.addObject()
                    .put("uid", uid)
                    .put("hotkey", members.get(uid).hotkey().toSs58())
                    .put("stake", s.totalHotkeyStake(members.get(uid).hotkey()))
                    .set("weights", DomainJson.row(s.weights(0, uid)));
        }
        return out;
    }
}
