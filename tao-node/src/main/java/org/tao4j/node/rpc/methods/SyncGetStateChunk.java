package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcErrors;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.node.sync.WarpPoints;

/**
 * {@code sync_getStateChunk(blockHash, startKey, limit)}: a chunk of the state after a block offered for
 * warp sync ({@code sync_hello}'s {@code warp}): {@code {"entries":[[key hex, value hex], …], "next": key
 * hex | null}}, the entries with keys at or after {@code startKey} ({@code "0x"} for the first) in key
 * order, at most {@code limit} (at most {@value WarpPoints#MAX_CHUNK_ENTRIES}) and about {@value
 * WarpPoints#MAX_CHUNK_BYTES} bytes; {@code next} is the {@code startKey} of the following chunk, null
 * after the last. A block not offered (any more) gives error {@value RpcErrors#STATE_NOT_OFFERED}.
 */
public final class SyncGetStateChunk implements RpcMethod {

    /** The longest start key accepted (state keys are far shorter). */
    public static final int MAX_KEY_BYTES = 1_024;

    @Override
    public String name() {
        return "sync_getStateChunk";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("blockHash", "startKey", "limit");
        H256 block = p.hash(0, "blockHash");
        byte[] start = p.hexBytes(1, "startKey");
        if (start.length > MAX_KEY_BYTES) {
            throw RpcException.invalidParams("invalid params: 'startKey' (param 2) is " + start.length
                    + " bytes; state keys are at most " + MAX_KEY_BYTES);
        }
        long limit = p.uint(2, "limit", WarpPoints.MAX_CHUNK_ENTRIES);
        if (limit < 1) {
            throw RpcException.invalidParams("invalid params: 'limit' (param 3) must be at least 1");
        }
        WarpPoints w = ctx.services().warp();
        WarpPoints.Chunk c = w == null ? null : w.chunk(block, start, (int) limit);
        if (c == null) {
            throw new RpcException(
                    RpcErrors.STATE_NOT_OFFERED,
                    "the state of block " + block + " is not offered for warp sync here (any more); call sync_hello"
                            + " for the block whose state is offered now");
        }
        ObjectNode o = Json.object();
        ArrayNode entries = o.putArray("entries");
        for (byte[][] e : c.entries()) {
            entries.addArray().add(Hex.toHex(e[0])).add(Hex.toHex(e[1]));
        }
        if (c.next() == null) {
            o.putNull("next");
        } else {
            o.put("next", Hex.toHex(c.next()));
        }
        return o;
    }
}
