package org.tao4j.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.node.chain.BlockHeader;
import org.tao4j.node.production.ChainListener;
import org.tao4j.node.production.ImportedBlock;

/**
 * The chain_subscribeNewHeads subscribers; pushes each new header to all of them. Each subscription
 * sees heads in increasing order, each once: the current head when it subscribes, then every block
 * imported after it, with none lost in between.
 *
 * <p>Block production only hands the header to the fan-out {@link Executor} (a bounded queue, see
 * {@link Fanout}) and returns: the notifications are built and queued on the subscribers'
 * connections by the fan-out thread. A connection's outbox is bounded, and one that is full is cut
 * off ({@link RpcSession#send}); nothing here waits for a client. If the fan-out queue itself is
 * full, the header is not sent (logged); the next one is, as each subscription only needs heads in
 * increasing order.
 *
 * <p>The subscriber map holds at most (connections x subscriptions per connection) entries, both
 * capped by {@link RpcLimits}; entries go when their connection closes or unsubscribes.
 */
public final class NewHeads implements ChainListener {

    private static final Logger LOG = LoggerFactory.getLogger(NewHeads.class);

    private record Key(RpcSession session, String id) {}

    /** The number of the last header sent to one subscription (-1: none yet). */
    private final class Sent {
        private long last = -1;

        /** Sends {@code h} unless a header at or above its number went out already. */
        synchronized void deliver(Key k, long number, String headerJson) {
            if (number > last) {
                last = number;
                k.session().send(notification(method, k.id(), headerJson));
            }
        }
    }

    private final Map<Key, Sent> subscribers = new ConcurrentHashMap<>();
    private final Executor fanout;
    private final AtomicLong skipped = new AtomicLong();
    /** The notification's method: chain_newHead, or chain_finalizedHead. */
    private final String method;
    /** For finalized heads: the header of a finalized block (read on the fan-out thread); null for new heads. */
    private final java.util.function.Function<org.tao4j.core.crypto.H256, BlockHeader> finalizedHeaders;

    /** @param fanout where notifications are delivered from (the production thread only enqueues) */
    public NewHeads(Executor fanout) {
        this(fanout, "chain_newHead", null);
    }

    private NewHeads(
            Executor fanout,
            String method,
            java.util.function.Function<org.tao4j.core.crypto.H256, BlockHeader> finalizedHeaders) {
        this.fanout = fanout;
        this.method = method;
        this.finalizedHeaders = finalizedHeaders;
    }

    /**
     * The chain_subscribeFinalizedHeads subscribers: the same bounded fan-out, fed by {@link
     * #onFinalized} instead of {@link #onBlock}; {@code headers} reads a finalized block's header.
     */
    public static NewHeads finalized(
            Executor fanout, java.util.function.Function<org.tao4j.core.crypto.H256, BlockHeader> headers) {
        return new NewHeads(fanout, "chain_finalizedHead", headers);
    }

    /** The executor notifications are delivered from (also used for transaction status updates). */
    public Executor fanout() {
        return fanout;
    }

    /**
     * Adds a subscriber and sends it the current head; it is dropped when its session closes. It is
     * registered before the head is read, so a block imported meanwhile reaches it either way.
     */
    public void subscribe(RpcSession session, String id, Supplier<BlockHeader> currentHead) {
        Key k = new Key(session, id);
        Sent sent = new Sent();
        subscribers.put(k, sent);
        session.onClose(id, () -> subscribers.remove(k));
        BlockHeader h = currentHead.get();
        if (h != null) {
            sent.deliver(k, h.number(), render(Json.header(h)));
        }
    }

    /**
     * The text {@link JsonRpcDispatcher#notification} writes, without serializing the header again for
     * every subscriber (there may be a million): the ids are the session's own decimal counters.
     */
    static String notification(String id, String headerJson) {
        return notification("chain_newHead", id, headerJson);
    }

    static String notification(String method, String id, String headerJson) {
        return new StringBuilder(headerJson.length() + id.length() + 80)
                .append("{\"jsonrpc\":\"2.0\",\"method\":\"")
                .append(method)
                .append("\",\"params\":{\"subscription\":\"")
                .append(id)
                .append("\",\"result\":")
                .append(headerJson)
                .append("}}")
                .toString();
    }

    private static String render(JsonNode header) {
        try {
            return Json.MAPPER.writeValueAsString(header);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public int size() {
        return subscribers.size();
    }

    /** Headers not sent because the fan-out queue was full. */
    public long skipped() {
        return skipped.get();
    }

    /** Called by block production: hands the header to the fan-out thread and returns. */
    @Override
    public void onBlock(ImportedBlock block) {
        if (finalizedHeaders != null || subscribers.isEmpty()) {
            return;
        }
        enqueue(block.block().header().number(), () -> deliver(block.block().header()));
    }

    /** Called when the finalized head moves: the fan-out thread reads its header and sends it. */
    @Override
    public void onFinalized(
            org.tao4j.node.blockstore.ChainStore.Finalized f, org.tao4j.node.chain.Justification justification) {
        if (finalizedHeaders == null || subscribers.isEmpty()) {
            return;
        }
        enqueue(f.number(), () -> {
            BlockHeader h = finalizedHeaders.apply(f.hash());
            if (h != null) {
                deliver(h);
            }
        });
    }

    private void enqueue(long number, Runnable task) {
        long headerNumber = number;
        try {
            fanout.execute(task);
        } catch (RejectedExecutionException e) {
            if (skipped.getAndIncrement() % 100 == 0) {
                LOG.warn(
                        "new head #{} not sent to subscribers: {} ({} skipped so far)",
                        headerNumber,
                        e.getMessage(),
                        skipped.get());
            }
        }
    }

    private void deliver(BlockHeader header) {
        String json = render(Json.header(header)); // the same for every subscriber, written once
        for (Map.Entry<Key, Sent> e : subscribers.entrySet()) {
            if (!e.getKey().session().isOpen()) {
                subscribers.remove(e.getKey());
                continue;
            }
            e.getValue().deliver(e.getKey(), header.number(), json);
        }
    }
}
