package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/**
 * {@code sync_getBlocks(from, count)}: bulk block download for full nodes (docs/network.md). Up to
 * {@code count} (at most {@value #MAX_COUNT}) consecutive blocks from number {@code from}, oldest first,
 * each as {@code {"block": SCALE hex, "justification": SCALE hex | null}}; the answer stops early after
 * {@value #MAX_BYTES} bytes of blocks (always at least one block, and a block is at most 5 MiB), at the
 * head, or at a block this node does not hold (a warp-synced node holds none below its warp block).
 * Returns {@code {"blocks":[…], "best": N, "finalized": N}}. Large: use HTTP (a WebSocket connection's
 * 4 MiB output bound cuts off a reply of a full block).
 */
public final class SyncGetBlocks implements RpcMethod {

    public static final int MAX_COUNT = 128;
    public static final long MAX_BYTES = 4L << 20;

    @Override
    public String name() {
        return "sync_getBlocks";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("from", "count");
        long from = p.uint(0, "from", Long.MAX_VALUE);
        long count = p.uint(1, "count", MAX_COUNT);
        var v = ctx.view();
        var store = ctx.services().chain().store();
        ObjectNode o = Json.object();
        ArrayNode blocks = o.putArray("blocks");
        long bytes = 0;
        for (long k = from; k - from < count && k <= v.head().number() && bytes < MAX_BYTES; k++) {
            H256 h = v.hashOf(k);
            byte[] enc = h == null ? null : v.encodedBlock(h);
            if (enc == null) {
                break;
            }
            bytes += enc.length;
            ObjectNode b = blocks.addObject();
            b.put("block", Hex.toHex(enc));
            var j = store.justification(h);
            if (j.isPresent()) {
                b.put("justification", Hex.toHex(j.get().encode()));
            } else {
                b.putNull("justification");
            }
        }
        o.put("best", v.head().number());
        o.put("finalized", store.finalized().number());
        return o;
    }
}
