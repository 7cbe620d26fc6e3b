package org.tao4j.node.rpc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.tao4j.node.chain.BlockHeader;
import org.tao4j.node.production.ChainListener;
import org.tao4j.node.production.ImportedBlock;

/**
 * The chain_subscribeNewHeads subscribers; pushes each new header to all of them. Each subscription
 * sees heads in increasing order, each once: the current head when it subscribes, then every block
 * imported after it, with none lost in between.
 */
public final class NewHeads implements ChainListener {

    private record Key(RpcSession session, String id) {
    }

    /** The number of the last header sent to one subscription (-1: none yet). */
    private static final class Sent {
        private long last = -1;

        /** Sends {@code h} unless a header at or above its number went out already. */
        synchronized void deliver(Key k, BlockHeader h) {
            if (h.number() > last) {
                last = h.number();
                k.session().send(JsonRpcDispatcher.notification("chain_newHead", k.id(), Json.header(h)));
            }
        }
    }

    private final Map<Key, Sent> subscribers = new ConcurrentHashMap<>();

    /**
     * Adds a subscriber and sends it the current head; it is dropped when its session closes. It is
     * registered before the head is read, so a block imported meanwhile reaches it either way.
     */
    public void subscribe(RpcSession session, String id, Supplier<BlockHeader> currentHead) {
        Key k = new Key(session, id);
        Sent sent = new Sent();
        subscribers.put(k, sent);
        session.onClose(id, () -> subscribers.remove(k));
        sent.deliver(k, currentHead.get());
    }

    public int size() {
        return subscribers.size();
    }

    @Override
    public void onBlock(ImportedBlock block) {
        if (subscribers.isEmpty()) {
            return;
        }
        BlockHeader header = block.block().header();
        for (Map.Entry<Key, Sent> e : subscribers.entrySet()) {
            if (!e.getKey().session().isOpen()) {
                subscribers.remove(e.getKey());
                continue;
            }
            e.getValue().deliver(e.getKey(), header);
        }
    }
}
