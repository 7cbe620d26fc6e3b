package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.tx.ProxyType;

/**
 * {@code tao_getProxies(account, [at])} (docs/spec/chain.md §10): the account's proxies as a real
 * account (delegate, type, delay, in the order added; at most 8) and the calls it announced as a
 * delegate (real account, call hash, block; at most 8).
 */
public final class TaoGetProxies implements RpcMethod {
    @Override
    public String name() {
        return "tao_getProxies";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("account", "at");
        AccountId account = p.account(0, "account");
        ChainState s = ctx.state(p.optionalHash(1, "at")).state();
        ObjectNode out = Json.object();
        out.put("account", account.toSs58());
        ArrayNode proxies = out.putArray("proxies");
        for (ChainState.ProxyDef d : s.proxies(account)) {
            proxies.addObject()
                    .put("delegate", d.delegate().toSs58())
                    .put("type", ProxyType.byId(d.type()).label())
                    .put("delay", d.delay());
        }
        ArrayNode ann = out.putArray("announcements");
        for (ChainState.ProxyAnnouncement a : s.proxyAnnouncements(account)) {
            ann.addObject()
                    .put("real", a.real().toSs58())
                    .put("callHash", Hex.toHex(a.callHash()))
                    .put("block", a.block());
        }
        return out;
    }
}
