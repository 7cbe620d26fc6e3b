package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcErrors;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.schema.ChainState;

/**
 * {@code tao_getFee([extrinsic, at])}: the fee a signed transaction would pay
 * ({@code base_fee + per_byte_fee · length + tip}, docs/spec/chain.md §2) and whether it is valid now.
 */
public final class TaoGetFee implements RpcMethod {
    @Override
    public String name() {
        return "tao_getFee";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("extrinsic", "at");
        byte[] bytes = p.hexBytes(0, "extrinsic");
        org.tao4j.runtime.tx.Extrinsic x;
        try {
            x = org.tao4j.runtime.tx.Extrinsic.decode(bytes);
        } catch (RuntimeException e) {
            throw new RpcException(RpcErrors.BAD_EXTRINSIC, "cannot decode the extrinsic: " + e.getMessage());
        }
        RpcContext.AtState at = ctx.state(p.optionalHash(1, "at"));
        ChainState s = at.state();
        var params = s.params();
        long fee = org.tao4j.runtime.Runtime.fee(params, x);
        ObjectNode o = Json.object()
                .put("fee", fee)
                .put("baseFee", params.baseFee())
                .put("lengthFee", params.perByteFee() * x.encodedLength())
                .put("tip", x.tip())
                .put("length", x.encodedLength())
                .put("hash", org.tao4j.core.crypto.Hex.toHex(x.hash()));
        var v = ctx.services().chain().runtime().validate(s, x, at.number() + 1);
        switch (v) {
            case org.tao4j.runtime.Validity.Valid ok -> o.put("validity", "valid");
            case org.tao4j.runtime.Validity.Future f ->
                o.put("validity", "future")
                        .put(
                                "reason",
                                "nonce " + f.nonce() + " is ahead of the account's next nonce " + f.expectedNonce());
            case org.tao4j.runtime.Validity.Invalid inv ->
                o.put("validity", "invalid").put("reason", inv.reason());
        }
        return o;
    }
}
