package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.health.RepeatedErrors;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcErrors;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.node.sync.WarpPoints;

/**
 * {@code sync_hello(genesisHash)}: the sync handshake (docs/network.md, "Sync protocol"). A caller on
 * another chain (another genesis hash) gets error {@value RpcErrors#WRONG_CHAIN} and one warning line
 * here (at most one per 10 s, so a flood of them costs a log line per interval); otherwise {@code
 * {"chain", "genesis", "best":{"number","hash"}, "finalized":{"number","hash"}, "warp":{"number","hash"}
 * | null}} where {@code warp} is the newest block whose state {@code sync_getStateChunk} serves.
 */
public final class SyncHello implements RpcMethod {

    private static final Logger LOG = LoggerFactory.getLogger(SyncHello.class);
    private static final RepeatedErrors REFUSED = new RepeatedErrors(LOG);

    @Override
    public String name() {
        return "sync_hello";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        H256 theirs = p.expect("genesisHash").hash(0, "genesisHash");
        var chain = ctx.services().chain();
        H256 ours = chain.genesisHash();
        if (!ours.equals(theirs)) {
            String msg = "another chain: this node runs chain '" + chain.spec().name() + "' with genesis " + ours
                    + ", the caller's genesis is " + theirs + "; sync only with nodes of the same chain spec";
            REFUSED.error("refused a sync peer on " + msg, null);
            throw new RpcException(RpcErrors.WRONG_CHAIN, "refused: " + msg);
        }
        ObjectNode o = Json.object();
        o.put("chain", chain.spec().name());
        o.put("genesis", ours.toHex());
        var head = ctx.view().head();
        o.putObject("best").put("number", head.number()).put("hash", head.hash().toHex());
        var fin = chain.store().finalized();
        o.putObject("finalized")
                .put("number", fin.number())
                .put("hash", fin.hash().toHex());
        WarpPoints w = ctx.services().warp();
        WarpPoints.Point pt = w == null ? null : w.latest();
        if (pt == null) {
            o.putNull("warp");
        } else {
            o.putObject("warp").put("number", pt.number()).put("hash", pt.hash().toHex());
        }
        return o;
    }
}
