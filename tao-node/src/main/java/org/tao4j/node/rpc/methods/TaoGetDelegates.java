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
 * {@code tao_getDelegates([at, offset, limit])}: the hotkeys that hold stake (any coldkey may stake to any
 * hotkey, docs/spec/chain.md §5), one page at a time in state order: owner, take, total stake, nominators and
 * the subnets it is registered on. At most {@value #MAX_COUNT} hotkeys a page: anyone with a little stake
 * can add a hotkey, so the full list has no bound.
 */
public final class TaoGetDelegates implements RpcMethod {

    /** The most hotkeys one page holds (and the default). */
    public static final int MAX_COUNT = 1_000;

    @Override
    public String name() {
        return "tao_getDelegates";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("at", "offset", "limit");
        ChainState s = ctx.state(p.optionalHash(0, "at")).state();
        Long offset = p.optionalUint(1, "offset", Integer.MAX_VALUE);
        Long limit = p.optionalUint(2, "limit", MAX_COUNT);
        long skip = offset == null ? 0 : offset;
        long left = limit == null ? MAX_COUNT : limit;
        int dflt = s.params().maxTakePpm();
        ArrayNode out = Json.array();
        for (var e : s.hotkeyStakes()) {
            if (skip > 0) {
                skip--;
                continue;
            }
            if (left-- <= 0) {
                break;
            }
            AccountId hk = e.first();
            ObjectNode d = out.addObject().put("hotkey", hk.toSs58());
            AccountId owner = s.owner(hk);
            if (owner == null) {
                d.putNull("owner");
            } else {
                d.put("owner", owner.toSs58());
            }
            d.put("takePpm", s.take(hk, dflt)).put("totalStake", e.second());
            ArrayNode noms = d.putArray("nominators");
            for (var st : s.stakers(hk)) {
                noms.add(Json.object().put("coldkey", st.first().toSs58()).put("amount", st.second()));
            }
            ArrayNode regs = d.putArray("registrations");
            s.netuidsOf(hk).forEach(regs::add);
        }
        return out;
    }
}
