package org.tao4j.node.rpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tao4j.node.production.ChainListener;
import org.tao4j.node.production.ImportedBlock;

/** The chain_subscribeNewHeads subscribers; pushes each new header to all of them. */
public final class NewHeads implements ChainListener {

    private record Key(RpcSession session, String id) {
    }

    private final Map<Key, Boolean> subscribers = new ConcurrentHashMap<>();

    /** Adds a subscriber; it is dropped when its session closes. */
    public void subscribe(RpcSession session, String id) {
        Key k = new Key(session, id);
        subscribers.put(k, Boolean.TRUE);
        session.onClose(id, () -> subscribers.remove(k));
    }

    public int size() {
        return subscribers.size();
    }

    @Override
    public void onBlock(ImportedBlock block) {
        if (subscribers.isEmpty()) {
            return;
        }
        var header = Json.header(block.block().header());
        for (Key k : subscribers.keySet()) {
            if (!k.session().isOpen()) {
                subscribers.remove(k);
                continue;
            }
            k.session().send(JsonRpcDispatcher.notification("chain_newHead", k.id(), header));
        }
    }
}
