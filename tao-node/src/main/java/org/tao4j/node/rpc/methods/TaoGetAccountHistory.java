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
        AccountIndex.Cursor cursor = cursor(p, 1);
        int limit = limit(p, 2);
        if (index == null) {
            throw indexOff();
        }
        caughtUp(ctx, index);
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
            x.put("fee", e.fee());
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

    /** The optional cursor parameter: null, or a {@code next} value of a previous page. */
    static AccountIndex.Cursor cursor(Params p, int i) throws RpcException {
        JsonNode c = p.get(i, "cursor");
        if (c == null) {
            return null;
        }
        AccountIndex.Cursor cursor = c.isTextual() ? AccountIndex.Cursor.parse(c.asText()) : null;
        if (cursor == null) {
            throw RpcException.invalidParams("invalid params: 'cursor' (param " + (i + 1) + ") must be null or the"
                    + " 'next' value of a previous page (BLOCK:SEQ, e.g. \"120:3\"), got " + clip(c.toString()));
        }
        return cursor;
    }

    /** The optional limit parameter: 1..{@value AccountIndex#MAX_LIMIT}, default {@value AccountIndex#DEFAULT_LIMIT}. */
    static int limit(Params p, int i) throws RpcException {
        JsonNode l = p.get(i, "limit");
        if (l == null) {
            return AccountIndex.DEFAULT_LIMIT;
        }
        if (!l.isIntegralNumber() || !l.canConvertToInt() || l.asInt() < 1 || l.asInt() > AccountIndex.MAX_LIMIT) {
            throw RpcException.invalidParams("invalid params: 'limit' (param " + (i + 1) + ") must be an integer 1.."
                    + AccountIndex.MAX_LIMIT + ", got " + clip(l.toString()));
        }
        return l.asInt();
    }

    /** How long a request waits for the index thread to reach the head the caller sees. */
    static final java.time.Duration CATCH_UP_WAIT = java.time.Duration.ofSeconds(1);

    /**
     * Waits (at most {@link #CATCH_UP_WAIT}) until the index holds the head of this request's view,
     * so that a caller that saw its transaction in a block finds it in its history. It usually
     * lags by milliseconds; after the wait the answer says how far it got ({@code indexedTo}).
     */
    static void caughtUp(RpcContext ctx, AccountIndex index) throws RpcException {
        if (index.failure() != null) {
            throw new RpcException(org.tao4j.node.rpc.RpcErrors.INTERNAL_ERROR, index.failure());
        }
        try {
            index.awaitIndexed(ctx.view().head().number(), CATCH_UP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static RpcException indexOff() {
        return new RpcException(
                INDEX_OFF,
                "this node keeps no account index (started with --index none); restart it without that option");
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
