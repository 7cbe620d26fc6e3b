package org.tao4j.sdk.metagraph;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.account.AccountId;
import org.tao4j.sdk.NeuronDirectory;
import org.tao4j.sdk.chain.HeadSubscription;
import org.tao4j.sdk.chain.SubnetChain;

/**
 * Keeps a subnet's {@link Metagraph} fresh: syncs it once at start, then again every
 * {@code everyBlocks} blocks through the chain's head subscription. Syncs run one at a time on the
 * watcher's own virtual thread, so a slow chain delays the next refresh rather than piling them up;
 * a failed sync is logged and retried at the next head.
 *
 * <p>It is a live {@link NeuronDirectory}: hand it to an axon and the blacklist and priority hooks
 * always see the latest snapshot. Reading {@link #current()} is a volatile read.
 */
public final class MetagraphWatcher implements NeuronDirectory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetagraphWatcher.class);

    private final SubnetChain chain;
    private final int netuid;
    private final Set<Metagraph.Field> fields;
    private final int everyBlocks;
    private final ExecutorService worker;
    private final List<Consumer<Metagraph>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean syncing = new AtomicBoolean();
    private final HeadSubscription subscription;
    private volatile Metagraph current;
    private volatile boolean closed;

    private MetagraphWatcher(SubnetChain chain, int netuid, Set<Metagraph.Field> fields, int everyBlocks) {
        if (everyBlocks < 1) {
            throw new IllegalArgumentException("refresh interval must be >= 1 block, got " + everyBlocks);
        }
        this.chain = Objects.requireNonNull(chain, "chain");
        this.netuid = netuid;
        this.fields = Set.copyOf(fields);
        this.everyBlocks = everyBlocks;
        this.worker = Executors.newSingleThreadExecutor(
                Thread.ofVirtual().name("metagraph-" + netuid + "-", 0).factory());
        this.current = chain.sync(netuid, this.fields);
        this.subscription = chain.subscribeHeads(this::onHead);
    }

    /**
     * Syncs the metagraph now (so {@link #current()} is never null) and refreshes it every
     * {@code everyBlocks} blocks from then on.
     *
     * @throws org.tao4j.sdk.chain.ChainUnavailableException when the first sync fails
     */
    public static MetagraphWatcher start(SubnetChain chain, int netuid, Set<Metagraph.Field> fields, int everyBlocks) {
        return new MetagraphWatcher(chain, netuid, fields, everyBlocks);
    }

    /** The latest snapshot. */
    public Metagraph current() {
        return current;
    }

    public int netuid() {
        return netuid;
    }

    /**
     * Calls {@code listener} with every new snapshot, on the watcher's thread (one call at a time,
     * in block order).
     */
    public void onUpdate(Consumer<Metagraph> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Syncs now on the caller's thread and returns the new snapshot (listeners are told). */
    public Metagraph refresh() {
        Metagraph m = chain.sync(netuid, fields);
        publish(m);
        return current;
    }

    private void onHead(long block) {
        Metagraph m = current;
        if (closed || block < m.block() + everyBlocks || !syncing.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    if (!closed) {
                        publish(chain.sync(netuid, fields));
                    }
                } catch (RuntimeException e) {
                    LOG.warn("metagraph.sync_failed netuid={} block={} error={}", netuid, block, e.toString());
                } finally {
                    syncing.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            syncing.set(false); // closed meanwhile
        }
    }

    private synchronized void publish(Metagraph m) {
        if (m.block() < current.block()) {
            return; // an older read finished after a newer one
        }
        current = m;
        LOG.debug("metagraph.synced netuid={} block={} n={}", netuid, m.block(), m.n());
        for (Consumer<Metagraph> l : listeners) {
            try {
                l.accept(m);
            } catch (RuntimeException e) {
                LOG.warn("metagraph.listener_failed netuid={}", netuid, e);
            }
        }
    }

    @Override
    public boolean isRegistered(AccountId hotkey) {
        return current.isRegistered(hotkey);
    }

    @Override
    public boolean hasValidatorPermit(AccountId hotkey) {
        return current.hasValidatorPermit(hotkey);
    }

    @Override
    public long stake(AccountId hotkey) {
        return current.stake(hotkey);
    }

    @Override
    public void close() {
        closed = true;
        subscription.close();
        worker.shutdownNow();
    }
}
