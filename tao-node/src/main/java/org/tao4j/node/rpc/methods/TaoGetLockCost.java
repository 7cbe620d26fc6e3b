package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.rpc.DomainJson;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcErrors;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.storage.ChainState;

/** {@code tao_getLockCost([at])}: what registering a subnet in the next block locks (chain.md §3). */
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
        return Json.object().put("lockCost", lockCost(s, at.number() + 1)).put("block", at.number() + 1)
                .put("minLock", s.params().minLock()).put("lastLock", s.networkLastLock());
    }

    /**
     * {@code max(min_lock, 2·last_lock − (last_lock / lock_reduction_interval) · (block − last_lock_block))},
     * in exact arithmetic. Mirrors the subnets module's rule; replace with its function once it exposes one.
     */
    public static long lockCost(ChainState s, long block) {
        var p = s.params();
        java.math.BigInteger last = java.math.BigInteger.valueOf(s.networkLastLock());
        java.math.BigInteger perBlock = p.lockReductionInterval() == 0 ? java.math.BigInteger.ZERO
                : last.divide(java.math.BigInteger.valueOf(p.lockReductionInterval()));
        long elapsed = Math.max(0, block - s.networkLastLockBlock());
        java.math.BigInteger cost = last.shiftLeft(1).subtract(perBlock.multiply(java.math.BigInteger.valueOf(elapsed)));
        java.math.BigInteger min = java.math.BigInteger.valueOf(p.minLock());
        cost = cost.max(min);
        return cost.bitLength() > 63 ? Long.MAX_VALUE : cost.longValue();
    }
}
