package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.schema.ChainState;

/**
 * {@code tao_getSupply([at])}: total issuance, minted and recycled, and the parts of the issuance
 * invariant (docs/spec/chain.md §8): free balances + stake + locks + pending emission + what open payment
 * channels hold (§12), with whether they agree.
 */
public final class TaoGetSupply implements RpcMethod {
    @Override
    public String name() {
        return "tao_getSupply";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("at");
        RpcContext.AtState at = ctx.state(p.optionalHash(0, "at"));
        ChainState s = at.state();
        long free = 0;
        long accounts = 0;
        for (var e : s.accounts()) {
            free += e.second().free();
            accounts++;
        }
        long locks = 0;
        long pending = 0;
        for (var sn : s.subnets()) {
            locks += sn.lock();
            pending += sn.pendingEmission();
        }
        long stake = s.totalStake();
        long channels = s.channelsLocked();
        long issuance = s.totalIssuance();
        return Json.object()
                .put("totalIssuance", issuance)
                .put("totalMinted", s.totalMinted())
                .put("totalRecycled", s.totalRecycled())
                .put("free", free)
                .put("stake", stake)
                .put("locks", locks)
                .put("pendingEmission", pending)
                .put("channels", channels)
                .put("accounts", accounts)
                .put("invariantHolds", issuance == free + stake + locks + pending + channels)
                .put("blockNumber", at.number());
    }
}
