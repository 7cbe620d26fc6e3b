package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Hex;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.node.rpc.DomainJson;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.governance.Governance;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.Proposal;
import org.tao4j.runtime.tx.CallCodec;

/**
 * {@code tao_getProposals([at])}: the open governance proposals, oldest first, each with its call
 * (SCALE hex and decoded), who voted which way, its last block, and the current senate's size and
 * the ayes it needs (more than half).
 */
public final class TaoGetProposals implements RpcMethod {
    @Override
    public String name() {
        return "tao_getProposals";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("at");
        ChainState s = ctx.state(p.optionalHash(0, "at")).state();
        List<AccountId> senate = Governance.senate(s);
        ObjectNode out = Json.object();
        ArrayNode senateJson = out.putArray("senate");
        senate.forEach(a -> senateJson.add(a.toSs58()));
        out.put("ayesNeeded", senate.size() / 2 + 1);
        ArrayNode list = out.putArray("proposals");
        for (Proposal pr : s.proposals()) {
            ObjectNode o = list.addObject();
            o.put("id", pr.id());
            o.put("proposer", pr.proposer().toSs58());
            o.put("call", Hex.toHex(pr.call()));
            try {
                o.set("decoded", DomainJson.call(CallCodec.read(new ScaleReader(pr.call()))));
            } catch (RuntimeException e) {
                o.putNull("decoded"); // stored calls were validated at propose time; never expected
            }
            ArrayNode ayes = o.putArray("ayes");
            pr.ayes().forEach(a -> ayes.add(a.toSs58()));
            ArrayNode nays = o.putArray("nays");
            pr.nays().forEach(a -> nays.add(a.toSs58()));
            o.put("end", pr.end());
        }
        return out;
    }
}
