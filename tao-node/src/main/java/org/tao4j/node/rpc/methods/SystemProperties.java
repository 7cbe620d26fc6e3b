package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.core.account.Ss58;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/** {@code system_properties()}: token symbol TAO, 9 decimals, SS58 prefix 42, and the genesis hash. */
public final class SystemProperties implements RpcMethod {
    @Override
    public String name() {
        return "system_properties";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect();
        return Json.object()
                .put("tokenSymbol", "TAO")
                .put("tokenDecimals", 9)
                .put("ss58Format", Ss58.PREFIX)
                .put("genesisHash", ctx.services().chain().genesisHash().toHex())
                .put("live", ctx.services().chain().spec().live());
    }
}
