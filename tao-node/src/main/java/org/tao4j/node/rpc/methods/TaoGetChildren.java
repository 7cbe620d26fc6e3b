package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
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
 * {@code tao_getChildren(hotkey, netuid, [at])}: the hotkey's children on a subnet in effect, its
 * pending list (with the block it takes effect at), its childkey take, and its stake on the subnet
 * (docs/spec/chain.md §5 "Childkeys"). At most 5 children each, so the answer is small.
 */
public final class TaoGetChildren implements RpcMethod {
    @Override
    public String name() {
        return "tao_getChildren";
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
        out.put("childkeyTakePpm", s.childkeyTake(netuid, hotkey));
        out.put("subnetStake", Childkeys.subnetStake(s, netuid, hotkey));
        long own = s.totalHotkeyStake(hotkey);
        boolean registered = s.uid(netuid, hotkey) >= 0;
        links(out.putArray("children"), s.children(netuid, hotkey), own, registered, "child");
        ChainState.PendingChildren pending = s.pendingChildren(netuid, hotkey);
        if (pending == null) {
            out.putNull("pending");
        } else {
            ObjectNode po = out.putObject("pending");
            po.put("effectiveBlock", pending.effectiveBlock());
            links(po.putArray("children"), pending.children(), own, registered, "child");
        }
        return out;
    }

    /** A u64 proportion in parts per million, rounded to the nearest (for display; the chain uses the u64). */
    static long ppm(BigInteger prop) {
        return prop.multiply(BigInteger.valueOf(1_000_000))
                .add(Childkeys.ONE.shiftRight(1))
                .divide(Childkeys.ONE)
                .longValue();
    }

    /** Each link: the other hotkey, its proportion (u64 as a decimal string), in ppm, and what it lends. */
    static void links(ArrayNode a, List<Link> links, long stake, boolean lends, String field) {
        for (Link l : links) {
            BigInteger prop = new BigInteger(Long.toUnsignedString(l.proportion()));
            a.addObject()
                    .put(field, l.hotkey().toSs58())
                    .put("proportion", prop.toString())
                    .put("proportionPpm", ppm(prop))
                    .put("stake", lends ? Childkeys.lend(stake, l.proportion()) : 0);
        }
    }
}
