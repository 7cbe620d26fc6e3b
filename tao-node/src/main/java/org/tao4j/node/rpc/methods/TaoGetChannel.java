package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.schema.ChainState;

/**
 * {@code tao_getChannel(id, [at])} (docs/spec/chain.md §12): one payment channel, or null when no channel has
 * this id. Amounts in rao; {@code gatewayColdkey} is the coldkey a claim would pay now (null when the gateway
 * hotkey has no owner).
 */
public final class TaoGetChannel implements RpcMethod {
    @Override
    public String name() {
        return "tao_getChannel";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("id", "at");
        H256 id = p.hash(0, "id");
        ChainState s = ctx.state(p.optionalHash(1, "at")).state();
        ChainState.Channel ch = s.channel(id);
        return ch == null ? NullNode.getInstance() : json(s, ch);
    }

    /** The channel as the RPC shows it (shared with {@code tao_getChannels}). */
    static ObjectNode json(ChainState s, ChainState.Channel ch) {
        ObjectNode o = Json.object()
                .put("id", ch.id().toHex())
                .put("client", ch.client().toSs58())
                .put("gateway", ch.gateway().toSs58());
        AccountId cold = s.owner(ch.gateway());
        if (cold == null) {
            o.putNull("gatewayColdkey");
        } else {
            o.put("gatewayColdkey", cold.toSs58());
        }
        return o.put("netuid", ch.netuid())
                .put("deposit", ch.deposit())
                .put("claimed", ch.claimed())
                .put("expiresAt", ch.expiresAt())
                .put("claimDeadline", ch.claimDeadline())
                .put("closed", ch.closed());
    }
}
