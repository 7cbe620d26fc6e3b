package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.index.AccountIndex;
import org.tao4j.node.index.HistoryEntry;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/**
 * {@code tao_getAccountHistory(address, cursor?, limit?)}: one page of an account's history from the
 * account index, newest first (docs/rpc.md). {@code cursor} is null for the newest entries, or the
 * {@code next} of the previous page; {@code limit} is 1..{@value AccountIndex#MAX_LIMIT} (default
 * {@value AccountIndex#DEFAULT_LIMIT}).
 */
public final class TaoGetAccountHistory implements RpcMethod {

    /** The error code when the node keeps no account index ({@code --index none}). */
    public static final int INDEX_OFF = -32010;

    private final AccountIndex index;

    /** @param index the node's account index, or null when it is off */
    public TaoGetAccountHistory(AccountIndex index) {
        this.index = index;
    }

    @Override
    public String name() {
        return "tao_getAccountHistory";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("address", "cursor", "limit");
        AccountId who = p.account(0, "address");
        AccountIndex.Cursor cursor = null;
        JsonNode c = p.get(1, "cursor");
        if (c != null) {
            if (!c.isTextual() || (cursor = AccountIndex.Cursor.parse(c.asText())) == null) {
                throw RpcException.invalidParams("invalid params: 'cursor' (param 2) must be null or the 'next' value"
                        + " of a previous page (BLOCK:SEQ, e.g. \"120:3\"), got " + clip(c.toString()));
            }
        }
        int limit = AccountIndex.DEFAULT_LIMIT;
        if (p.get(2, "limit") != null) {
            JsonNode l = p.get(2, "limit");
            if (!l.isIntegralNumber() || !l.canConvertToInt() || l.asInt() < 1 || l.asInt() > AccountIndex.MAX_LIMIT) {
                throw RpcException.invalidParams("invalid params: 'limit' (param 3) must be an integer 1.."
                        + AccountIndex.MAX_LIMIT + ", got " + clip(l.toString()));
            }
            limit = l.asInt();
        }
        if (index == null) {
            throw new RpcException(
                    INDEX_OFF,
                    "this node keeps no account index (started with --index none); restart it without that option");
        }
        AccountIndex.Page page = index.history(who, cursor, limit);
        ObjectNode o = Json.object();
        o.put("address", who.toSs58());
        o.put("indexedFrom", index.indexedFrom());
        o.put("indexedTo", index.indexedTo());
        ArrayNode xs = o.putArray("entries");
        for (HistoryEntry e : page.entries()) {
            ObjectNode x = xs.addObject();
            x.put("block", e.block());
            H256 h = ctx.view().hashOf(e.block());
            if (h != null) {
                x.put("blockHash", h.toHex());
            } else {
                x.putNull("blockHash");
            }
            if (e.extrinsic() >= 0) {
                x.put("extrinsic", e.extrinsic());
            } else {
                x.putNull("extrinsic");
            }
            x.put("kind", e.kind().jsonName());
            x.put("free", e.free());
            x.put("stake", e.stake());
            if (e.counterparty() != null) {
                x.put("counterparty", e.counterparty().toSs58());
            }
            if (e.hotkey() != null) {
                x.put("hotkey", e.hotkey().toSs58());
            }
            if (e.netuid() >= 0) {
                x.put("netuid", e.netuid());
            }
        }
        if (page.next() != null) {
            o.put("next", page.next().toString());
        } else {
            o.putNull("next");
        }
        return o;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
