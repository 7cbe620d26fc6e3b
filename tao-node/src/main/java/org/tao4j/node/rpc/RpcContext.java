package org.tao4j.node.rpc;

import java.util.ArrayList;
import java.util.List;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.node.blockstore.ChainStore;
import org.tao4j.runtime.schema.ChainState;

/**
 * One request's context: the node's services, the session (null over HTTP), a snapshot of the
 * chain opened on first use (so one request reads one version), and actions to run after the
 * response is sent (a subscription's first notification must follow its id).
 */
public final class RpcContext implements AutoCloseable {

    private final NodeServices services;
    private final RpcSession session;
    private final List<Runnable> afterResponse = new ArrayList<>();
    private ChainStore.View view;

    RpcContext(NodeServices services, RpcSession session) {
        this.services = services;
        this.session = session;
    }

    public NodeServices services() {
        return services;
    }

    /** The WebSocket session, or an error for methods that need one. */
    public RpcSession requireSession(String method) throws RpcException {
        if (session == null) {
            throw new RpcException(
                    RpcErrors.WEBSOCKET_ONLY,
                    method + " is a subscription: connect over WebSocket" + " (ws://host:port) to use it");
        }
        return session;
    }

    public RpcSession session() {
        return session;
    }

    public void afterResponse(Runnable r) {
        afterResponse.add(r);
    }

    List<Runnable> takeAfterResponse() {
        List<Runnable> out = List.copyOf(afterResponse);
        afterResponse.clear();
        return out;
    }

    /** A snapshot of the chain, the same for the whole request. */
    public ChainStore.View view() {
        if (view == null) {
            view = services.chain().store().view();
        }
        return view;
    }

    /** The state after block {@code at} (the head if null), with the block it belongs to. */
    public AtState state(H256 at) throws RpcException {
        ChainStore.View v = view();
        if (at == null) {
            return new AtState(
                    new ChainState(v.headState()), v.head().hash(), v.head().number());
        }
        var header = v.header(at);
        if (header == null) {
            throw new RpcException(RpcErrors.UNKNOWN_BLOCK, "unknown block " + at);
        }
        try {
            KeyValueStore kv = v.stateAt(header.number());
            return new AtState(new ChainState(kv), at, header.number());
        } catch (ChainStore.StateUnavailable e) {
            throw new RpcException(RpcErrors.STATE_PRUNED, e.getMessage());
        }
    }

    /** State at a block, and which block. */
    public record AtState(ChainState state, H256 block, long number) {}

    @Override
    public void close() {
        if (view != null) {
            view.close();
            view = null;
        }
    }
}
