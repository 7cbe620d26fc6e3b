package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.schema.ChainState;

/** {@code tao_getLockCost([at])}: what registering a subnet in the next block locks (docs/spec/chain.md §3). */
public final class TaoGetLockCost implements RpcMethod {
    @Override
    public String name() {
        return "tao_getLockCost";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("at");
        RpcContext.AtState at = ctx.state(p.optionalHash(0, "at"));
        ChainState s = at.state();
        return Json.object()
                .put("lockCost", lockCost(s, at.number() + 1))
                .put("block", at.number() + 1)
                .put("minLock", s.params().minLock())
                .put("lastLock", s.networkLastLock());
    }

    /** What registering a subnet at {@code block} locks: the subnets module's own rule. */
    public static long lockCost(ChainState s, long block) {
        return org.tao4j.runtime.subnets.Subnets.lockCost(s, block);
    }
}
