package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.keys.KeySafety;
import org.tao4j.runtime.schema.ChainState;

/**
 * {@code tao_getColdkeySwap(coldkey, [at])} (docs/spec/chain.md §10): the coldkey's pending swap
 * ({@code pending: false} when none): the announced hash, the block it was announced, the first block
 * it may execute, and whether it is frozen for governance; plus the chain's delay and the last
 * hotkey swap of the coldkey (-1 if none).
 */
public final class TaoGetColdkeySwap implements RpcMethod {
    @Override
    public String name() {
        return "tao_getColdkeySwap";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("coldkey", "at");
        AccountId coldkey = p.account(0, "coldkey");
        ChainState s = ctx.state(p.optionalHash(1, "at")).state();
        ObjectNode out = Json.object();
        out.put("coldkey", coldkey.toSs58());
        long delay = KeySafety.coldkeySwapDelay(s);
        out.put("delay", delay);
        out.put("block", s.blockNumber());
        out.put("lastHotkeySwap", s.lastHotkeySwap(coldkey));
        ChainState.ColdkeySwap sw = s.coldkeySwap(coldkey);
        out.put("pending", sw != null);
        if (sw != null) {
            out.put("newColdkeyHash", Hex.toHex(sw.newColdkeyHash()))
                    .put("announcedAt", sw.announcedAt())
                    .put("executableAt", sw.announcedAt() + delay)
                    .put("disputed", sw.disputed());
        }
        return out;
    }
}
