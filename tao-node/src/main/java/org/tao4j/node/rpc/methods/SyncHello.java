package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.crypto.H256;
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
    /** When a refusal was last logged (nanos), and how many went unlogged since: one line per 10 s at most. */
    private static final java.util.concurrent.atomic.AtomicLong LAST_LOGGED =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - 20_000_000_000L);

    private static final java.util.concurrent.atomic.AtomicLong UNLOGGED = new java.util.concurrent.atomic.AtomicLong();

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
            long now = System.nanoTime();
            long last = LAST_LOGGED.get();
            if (now - last >= 10_000_000_000L && LAST_LOGGED.compareAndSet(last, now)) {
                long more = UNLOGGED.getAndSet(0);
                LOG.warn(
                        "refused a sync peer on {}{}",
                        msg,
                        more == 0 ? "" : " (" + more + " more refused since the last line)");
            } else {
                UNLOGGED.incrementAndGet();
            }
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
