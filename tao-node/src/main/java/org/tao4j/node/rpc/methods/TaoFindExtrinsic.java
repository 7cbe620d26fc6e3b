package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.chain.Block;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * {@code tao_findExtrinsic(hash, [depth])}: the block and index of a recent extrinsic, by its hash. The
 * node keeps no extrinsic index yet, so this scans back from the head: at most {@code depth} blocks
 * (default and at most {@value #MAX_DEPTH}) and at most {@value #MAX_BYTES} bytes of blocks per call,
 * whichever ends first. The answer says how far it looked: {@code found} (with {@code block},
 * {@code blockNumber}, {@code index}) or not, and {@code searchedFrom} / {@code searchedTo} (block numbers).
 */
public final class TaoFindExtrinsic implements RpcMethod {
    public static final int MAX_DEPTH = 4_096;
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    @Override
    public String name() {
        return "tao_findExtrinsic";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("hash", "depth");
        byte[] wanted = p.hash(0, "hash").bytes();
        Long d = p.optionalUint(1, "depth", MAX_DEPTH);
        long depth = d == null ? MAX_DEPTH : d;
        long head = ctx.view().head().number();
        long bytes = 0;
        long k = head;
        ObjectNode o = Json.object();
        o.put("found", false);
        for (; k >= 0 && k > head - depth && bytes < MAX_BYTES; k--) {
            H256 h = ctx.view().hashOf(k);
            Block b = h == null ? null : ctx.view().block(h);
            if (b == null) {
                break;
            }
            bytes += b.encodedLength();
            for (int i = 0; i < b.extrinsics().size(); i++) {
                Extrinsic x = b.extrinsics().get(i);
                if (Arrays.equals(x.hash(), wanted)) {
                    o.put("found", true);
                    o.put("block", h.toHex());
                    o.put("blockNumber", k);
                    o.put("index", i);
                    o.put("searchedFrom", head);
                    o.put("searchedTo", k);
                    return o;
                }
            }
        }
        o.put("searchedFrom", head);
        o.put("searchedTo", k + 1);
        return o;
    }
}
