package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.schema.ChainState;

/**
 * {@code tao_getChannels(account, [cursor], [limit], [at])} (docs/spec/chain.md §12): the payment channels where
 * {@code account} is the client or the gateway, open and closed, in id order, as {@code tao_getChannel} shows
 * them. One page at a time: at most {@value #MAX_COUNT}; {@code cursor} is the id of the last channel of the
 * previous page (the page starts after it). Anyone can open channels to a gateway, so the list has no bound.
 */
public final class TaoGetChannels implements RpcMethod {

    /** The most channels one page holds (and the default). */
    public static final int MAX_COUNT = 1_000;

    @Override
    public String name() {
        return "tao_getChannels";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("account", "cursor", "limit", "at");
        AccountId account = p.account(0, "account");
        H256 cursor = p.optionalHash(1, "cursor");
        Long limit = p.optionalUint(2, "limit", MAX_COUNT);
        ChainState s = ctx.state(p.optionalHash(3, "at")).state();
        ArrayNode out = Json.array();
        for (H256 id : s.channelIdsOf(account, cursor, limit == null ? MAX_COUNT : limit.intValue())) {
            ChainState.Channel ch = s.channel(id);
            if (ch != null) {
                out.add(TaoGetChannel.json(s, ch));
            }
        }
        return out;
    }
}
