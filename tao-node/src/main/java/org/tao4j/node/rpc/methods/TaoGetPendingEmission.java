package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcErrors;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.schema.ChainState;

/**
 * {@code tao_getPendingEmission([netuid, at])}: emission accumulated for each subnet's next epoch
 * (or one subnet's, given {@code netuid}), with the block its last epoch ran.
 */
public final class TaoGetPendingEmission implements RpcMethod {
    @Override
    public String name() {
        return "tao_getPendingEmission";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("netuid", "at");
        Long netuid = p.optionalUint(0, "netuid", 65_535);
        ChainState s = ctx.state(p.optionalHash(1, "at")).state();
        ArrayNode a = Json.array();
        for (var sn : s.subnets()) {
            if (netuid == null || sn.netuid() == netuid) {
                a.addObject()
                        .put("netuid", sn.netuid())
                        .put("pendingEmission", sn.pendingEmission())
                        .put("lastEpochBlock", sn.lastMechanismStepBlock());
            }
        }
        if (netuid != null && a.isEmpty()) {
            throw new RpcException(RpcErrors.INVALID_PARAMS, "subnet " + netuid + " does not exist");
        }
        return a;
    }
}
