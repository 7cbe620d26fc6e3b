package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.node.index.AccountIndex;
import org.tao4j.node.index.GovernanceEntry;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/**
 * {@code tao_getGovernanceHistory(cursor?, limit?)}: every proposal, vote and decision (passed,
 * rejected, expired) the account index recorded, newest first, a page at a time (docs/rpc.md). What
 * passed stays visible here after the proposal has left the state.
 */
public final class TaoGetGovernanceHistory implements RpcMethod {

    private final AccountIndex index;

    /** @param index the node's account index, or null when it is off */
    public TaoGetGovernanceHistory(AccountIndex index) {
        this.index = index;
    }

    @Override
    public String name() {
        return "tao_getGovernanceHistory";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("cursor", "limit");
        AccountIndex.Cursor cursor = TaoGetAccountHistory.cursor(p, 0);
        int limit = TaoGetAccountHistory.limit(p, 1);
        if (index == null) {
            throw TaoGetAccountHistory.indexOff();
        }
        TaoGetAccountHistory.caughtUp(ctx, index);
        AccountIndex.GovernancePage page = index.governance(cursor, limit);
        ObjectNode o = Json.object();
        o.put("indexedFrom", index.indexedFrom());
        o.put("indexedTo", index.indexedTo());
        ArrayNode xs = o.putArray("entries");
        for (GovernanceEntry e : page.entries()) {
            ObjectNode x = xs.addObject();
            x.put("block", e.block());
            x.put("proposalId", e.proposalId());
            x.put("kind", e.kind());
            if (e.account() != null) {
                x.put("account", e.account().toSs58());
            }
            if (e.kind().equals("voted")) {
                x.put("aye", e.aye());
            }
            if (e.kind().equals("passed")) {
                x.put("ok", e.ok());
                if (!e.message().isEmpty()) {
                    x.put("message", e.message());
                }
            }
        }
        if (page.next() != null) {
            o.put("next", page.next().toString());
        } else {
            o.putNull("next");
        }
        return o;
    }
}
