package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.tao4j.node.pool.TxStatus;
import org.tao4j.node.pool.TxWatcher;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.JsonRpcDispatcher;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.node.rpc.RpcSession;

/**
 * {@code author_submitAndWatchExtrinsic([hex])} (WebSocket): submits like author_submitExtrinsic and
 * returns a subscription id; {@code author_extrinsicUpdate} notifications follow: {@code "future"},
 * {@code "ready"}, {@code {"inBlock": hash}}, {@code {"finalized": hash}}, or
 * {@code {"dropped": reason}}. The subscription ends after finalized or dropped. Updates are sent
 * from the fan-out thread ({@link org.tao4j.node.rpc.Fanout}), never from block production.
 */
public final class AuthorSubmitAndWatchExtrinsic implements RpcMethod {
    @Override
    public String name() {
        return "author_submitAndWatchExtrinsic";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        byte[] bytes = p.expect("extrinsic").hexBytes(0, "extrinsic");
        RpcSession s = ctx.requireSession(name());
        String id = s.newSubscriptionId();
        Watch w = new Watch(s, id, ctx.services().newHeads().fanout());
        s.onClose(id, w::cancel);
        try {
            AuthorSubmitExtrinsic.submit(ctx, bytes, w);
        } catch (RpcException e) {
            s.unsubscribe(id);
            throw e;
        }
        ctx.afterResponse(w::open);
        return Json.F.textNode(id);
    }

    /** Status updates, held back until the response carrying the id is out. */
    static final class Watch implements TxWatcher {
        private final RpcSession session;
        private final String id;
        private final Executor fanout;
        private final Object order = new Object();
        private List<String> held = new ArrayList<>();
        private boolean cancelled;
        private boolean done;

        Watch(RpcSession session, String id, Executor fanout) {
            this.session = session;
            this.id = id;
            this.fanout = fanout;
        }

        /**
         * Called by the pool (also from block production): hands the update to the fan-out thread, in
         * call order, and returns. If the fan-out queue is full the subscriber is cut off rather than
         * silently missing an update.
         */
        @Override
        public void onStatus(TxStatus status) {
            synchronized (order) {
                try {
                    fanout.execute(() -> deliver(status));
                } catch (RejectedExecutionException e) {
                    session.cutOff("a status update of its watched transaction could not be queued: " + e.getMessage());
                }
            }
        }

        synchronized void deliver(TxStatus status) {
            if (cancelled || done) {
                return;
            }
            String msg = JsonRpcDispatcher.notification("author_extrinsicUpdate", id, json(status));
            if (status.isFinal()) {
                done = true;
            }
            if (held != null) {
                held.add(msg);
            } else {
                session.send(msg);
            }
            if (done && held == null) {
                session.unsubscribe(id);
            }
        }

        synchronized void open() {
            if (held == null) {
                return;
            }
            List<String> out = held;
            held = null;
            if (!cancelled) {
                out.forEach(session::send);
            }
            if (done) {
                session.unsubscribe(id);
            }
        }

        synchronized void cancel() {
            cancelled = true;
        }

        static JsonNode json(TxStatus s) {
            ObjectNode o = Json.object();
            return switch (s) {
                case TxStatus.Future f -> Json.F.textNode("future");
                case TxStatus.Ready r -> Json.F.textNode("ready");
                case TxStatus.InBlock b -> o.put("inBlock", b.block().toHex());
                case TxStatus.Finalized f -> o.put("finalized", f.block().toHex());
                case TxStatus.Dropped d -> o.put("dropped", d.reason());
            };
        }
    }
}
