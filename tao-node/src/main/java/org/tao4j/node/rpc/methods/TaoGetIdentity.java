package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.core.account.AccountId;
import org.tao4j.node.rpc.DomainJson;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.schema.ChainState;

/**
 * {@code tao_getIdentity(address, [at])} (docs/spec/chain.md §12): the coldkey's identity
 * ({@code name, url, github, image, discord, description}), or {@code identity: null} when it has none.
 */
public final class TaoGetIdentity implements RpcMethod {
    @Override
    public String name() {
        return "tao_getIdentity";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("address", "at");
        AccountId who = p.account(0, "address");
        ChainState s = ctx.state(p.optionalHash(1, "at")).state();
        ObjectNode out = Json.object();
        out.put("address", who.toSs58());
        out.set("identity", DomainJson.identity(s.identity(who)));
        return out;
    }
}
