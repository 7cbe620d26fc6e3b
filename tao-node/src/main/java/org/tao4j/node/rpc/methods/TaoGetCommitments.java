package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcErrors;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.ChainState.Pair;

/**
 * {@code tao_getCommitments(netuid, [hotkey], [at])} (docs/spec/chain.md §11): a subnet's commitments
 * (at most one per uid), each with its hotkey, uid, block, data as 0x-hex, and {@code text} when the
 * data is valid UTF-8 (null otherwise). Cleared (empty) commitments are not listed.
 */
public final class TaoGetCommitments implements RpcMethod {
    @Override
    public String name() {
        return "tao_getCommitments";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("netuid", "hotkey", "at");
        int netuid = p.netuid(0, "netuid");
        AccountId hotkey = p.get(1, "hotkey") == null ? null : p.account(1, "hotkey");
        ChainState s = ctx.state(p.optionalHash(2, "at")).state();
        if (!s.subnetExists(netuid)) {
            throw new RpcException(RpcErrors.INVALID_PARAMS, "subnet " + netuid + " does not exist");
        }
        ObjectNode out = Json.object();
        out.put("netuid", netuid);
        ArrayNode list = out.putArray("commitments");
        List<Pair<AccountId, ChainState.Commitment>> all = hotkey == null
                ? s.commitments(netuid)
                : s.commitment(netuid, hotkey) == null
                        ? List.of()
                        : List.of(new Pair<>(hotkey, s.commitment(netuid, hotkey)));
        for (Pair<AccountId, ChainState.Commitment> e : all) {
            byte[] data = e.second().data();
            if (data.length == 0) {
                continue;
            }
            ObjectNode o = list.addObject();
            o.put("hotkey", e.first().toSs58())
                    .put("uid", s.uid(netuid, e.first()))
                    .put("block", e.second().block())
                    .put("data", Hex.toHex(data));
            o.put("text", utf8(data));
        }
        return out;
    }

    static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
