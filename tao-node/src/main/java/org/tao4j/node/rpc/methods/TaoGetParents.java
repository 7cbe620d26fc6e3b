package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import org.tao4j.core.account.AccountId;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcErrors;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.ChainState.Link;
import org.tao4j.runtime.staking.Childkeys;

/**
 * {@code tao_getParents(hotkey, netuid, [at])}: the hotkeys that have this one as a child on a subnet
 * (in effect), what each lends now (0 while the parent holds no uid there), and the hotkey's stake on
 * the subnet. A parent must hold a uid on the subnet to set children, so the list is at most the
 * subnet's uids plus parents that have since lost theirs.
 */
public final class TaoGetParents implements RpcMethod {
    @Override
    public String name() {
        return "tao_getParents";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("hotkey", "netuid", "at");
        AccountId hotkey = p.account(0, "hotkey");
        int netuid = p.netuid(1, "netuid");
        ChainState s = ctx.state(p.optionalHash(2, "at")).state();
        if (!s.subnetExists(netuid)) {
            throw new RpcException(RpcErrors.INVALID_PARAMS, "subnet " + netuid + " does not exist");
        }
        ObjectNode out = Json.object();
        out.put("hotkey", hotkey.toSs58());
        out.put("netuid", netuid);
        out.put("subnetStake", Childkeys.subnetStake(s, netuid, hotkey));
        ArrayNode a = out.putArray("parents");
        for (Link l : s.parents(netuid, hotkey)) {
            BigInteger prop = new BigInteger(Long.toUnsignedString(l.proportion()));
            boolean lends = s.uid(netuid, l.hotkey()) >= 0;
            a.addObject()
                    .put("parent", l.hotkey().toSs58())
                    .put("proportion", prop.toString())
                    .put("proportionPpm", TaoGetChildren.ppm(prop))
                    .put("stake", lends ? Childkeys.lend(s.totalHotkeyStake(l.hotkey()), l.proportion()) : 0);
        }
        return out;
    }
}
