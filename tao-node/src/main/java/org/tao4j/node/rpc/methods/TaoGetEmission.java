package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.node.rpc.DomainJson;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.schema.ChainState;

/**
 * {@code tao_getEmission([at])}: the block emission at the current issuance and each subnet's
 * emission value (rao per block in the last block) and share from the root epoch.
 */
public final class TaoGetEmission implements RpcMethod {
    @Override
    public String name() {
        return "tao_getEmission";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("at");
        RpcContext.AtState at = ctx.state(p.optionalHash(0, "at"));
        ChainState s = at.state();
        ObjectNode o = Json.object()
                .put("blockEmission", org.tao4j.core.supply.EmissionSchedule.blockEmission(s.totalIssuance()))
                .put("totalIssuance", s.totalIssuance())
                .put("blockNumber", at.number());
        ArrayNode a = o.putArray("subnets");
        for (var sn : s.subnets()) {
            a.addObject()
                    .put("netuid", sn.netuid())
                    .put("emissionValue", sn.emissionValue())
                    .put("emissionShare", DomainJson.i32f32(sn.emissionShare()));
        }
        return o;
    }
}
