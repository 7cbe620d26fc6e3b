package org.tao4j.node.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.chain.Block;
import org.tao4j.node.chain.Justification;
import org.tao4j.node.health.Fatal;
import org.tao4j.node.health.NodeHealth;
import org.tao4j.node.pool.TransactionPool;
import org.tao4j.node.production.BlockAuthoring;
import org.tao4j.node.production.BlockImportException;
import org.tao4j.node.production.Chain;
import org.tao4j.node.rpc.RpcErrors;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * A full node's "authoring": it authors nothing, it downloads finalized blocks from a peer and imports
 * them (docs/network.md, "Sync protocol"), and forwards the transactions submitted to it.
 *
 * <p>The sync thread takes one peer at a time from {@link SyncPeers}: handshake ({@code sync_hello}, which
 * a node of another chain refuses), optionally a warp sync ({@link WarpSync}), then {@code
 * sync_getBlocks} in windows of {@link #WINDOW} blocks from the head: each block must come with a
 * justification over it signed by a majority of the authority set in the head's state, and must
 * re-run to its state root ({@link Chain#importJustified}). Caught up, it follows the peer's
 * finalized-head subscription (and asks {@code sync_hello} every {@link #POLL}). A peer that is
 * unreachable, too slow, oversized or serves a bad block gets one log line and is left for {@link
 * #PEER_BACKOFF}; the loop moves on to the next peer.
 *
 * <p>Submitted transactions stay in this node's own (bounded) pool until a synced block includes them or
 * the pool drops them as invalid; the forwarder sends each to the current peer, and again every {@link
 * #REFORWARD} (or at once after a peer change) while it is still pending.
 *
 * <p>The sync thread is essential: an {@link Error} in it is {@linkplain Fatal fatal}.
 */
public final class FullSync implements BlockAuthoring, SyncState {

    private static final Logger LOG = LoggerFactory.getLogger(FullSync.class);

    /** Blocks asked for per request. */
    public static final int WINDOW = 128;
    /** How often a caught-up node asks its peer for the finalized head besides the subscription. */
    public static final Duration POLL = Duration.ofSeconds(2);
    /** How long a failed peer is left alone. */
    public static final Duration PEER_BACKOFF = Duration.ofSeconds(10);
    /** How long a peer of another chain is left alone. */
    public static final Duration WRONG_CHAIN_BACKOFF = Duration.ofMinutes(5);
    /** A pending transaction is sent again after this long. */
    public static final Duration REFORWARD = Duration.ofSeconds(6);
    /** The most pending transactions forwarded per round. */
    public static final int FORWARD_BATCH = 1_000;

    private final Chain chain;
    private final TransactionPool pool;
    private final SyncPeers peers;
    private final boolean warp;
    private final NodeHealth health;
    private final HttpClient http;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Condition forwardWake = lock.newCondition();
    private final AtomicLong peerFinalized = new AtomicLong(-1);
    /** Peers left alone until a time (nanos); at most {@link SyncPeers#MAX_PEERS} entries. */
    private final Map<URI, Long> backoff = new LinkedHashMap<>();
    /** Pending transactions forwarded: hash → (peer, time); bounded by the pool's own bound. */
    private final Map<H256, Forwarded> forwarded = new LinkedHashMap<>();

    private record Forwarded(URI peer, long nanos) {}

    private volatile PeerClient current;
    private volatile boolean stopped;
    private volatile boolean forwardPending;
    private Thread syncThread;
    private Thread forwardThread;

    public FullSync(Chain chain, TransactionPool pool, SyncPeers peers, boolean warp, NodeHealth health) {
        this.chain = chain;
        this.pool = pool;
        this.peers = peers;
        this.warp = warp;
        this.health = health;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public synchronized void start() {
        if (syncThread != null) {
            throw new IllegalStateException("already started");
        }
        syncThread = new Thread(this::runSync, "sync");
        syncThread.start();
        forwardThread = new Thread(this::runForward, "tx-forward");
        forwardThread.setDaemon(true);
        forwardThread.start();
    }

    // ---------------------------------------------------------------- SyncState

    @Override
    public int peers() {
        return current == null ? 0 : 1;
    }

    @Override
    public boolean isSyncing() {
        long target = peerFinalized.get();
        return current == null || target < 0 || chain.head().number() < target;
    }

    @Override
    public boolean shouldHavePeers() {
        return true;
    }

    // ---------------------------------------------------------------- sync loop

    private void runSync() {
        try {
            syncUntilStopped();
        } catch (Throwable t) {
            if (!stopped) {
                Fatal.report("block sync", t);
            }
            return;
        }
        if (!stopped) {
            Fatal.report("block sync stopped unexpectedly", null);
        }
    }

    private void syncUntilStopped() throws InterruptedException {
        int next = 0;
        boolean warned = false;
        while (!stopped) {
            List<URI> list = peers.current();
            URI pick = null;
            long now = System.nanoTime();
            synchronized (backoff) {
                backoff.values().removeIf(until -> until - now <= 0);
                for (int i = 0; i < list.size() && pick == null; i++) {
                    URI u = list.get((next + i) % list.size());
                    if (!backoff.containsKey(u)) {
                        pick = u;
                        next = (next + i + 1) % list.size();
                    }
                }
            }
            if (pick == null) {
                if (!warned) {
                    LOG.warn(
                            list.isEmpty()
                                    ? "no sync peers: give --sync-peer ws://host:port (or bootnodes in the chain spec)"
                                    : "no sync peer available now (all failed recently); retrying");
                    warned = true;
                }
                health.progress(); // waiting for a peer is not a stall of this node
                sleep(Duration.ofSeconds(1));
                continue;
            }
            warned = false;
            PeerClient peer = new PeerClient(http, pick);
            try {
                syncFrom(peer);
            } catch (PeerClient.PeerException e) {
                if (!stopped) {
                    if (!(e instanceof WrongChain)) { // that one was logged, in one line, where it was found
                        LOG.warn("sync peer {}: {}; switching to another peer", pick, e.getMessage());
                    }
                    leaveAlone(pick, e instanceof WrongChain ? WRONG_CHAIN_BACKOFF : PEER_BACKOFF);
                }
            } finally {
                current = null;
                peer.close();
            }
        }
    }

    /** The peer is on another chain. */
    static final class WrongChain extends PeerClient.PeerException {
        WrongChain(String message) {
            super(message);
        }
    }

    private void leaveAlone(URI u, Duration d) {
        synchronized (backoff) {
            if (backoff.size() >= SyncPeers.MAX_PEERS) {
                backoff.remove(backoff.keySet().iterator().next());
            }
            backoff.put(u, System.nanoTime() + d.toNanos());
        }
    }

    private void syncFrom(PeerClient peer) throws PeerClient.PeerException, InterruptedException {
        JsonNode hello = hello(peer);
        LOG.info(
                "syncing from {} (best #{}, finalized #{}); head #{}",
                peer,
                hello.path("best").path("number").asLong(),
                hello.path("finalized").path("number").asLong(),
                chain.head().number());
        if (warp && chain.head().number() == 0) {
            new WarpSync(chain, peer).run(hello);
        }
        current = peer;
        onPeerFinalized(hello.path("finalized").path("number").asLong(-1));
        wakeForwarder(); // a new peer: what is pending goes to it
        try {
            peer.subscribeFinalized(this::onPeerFinalized, this::signal);
        } catch (PeerClient.PeerException e) {
            // following still works by asking sync_hello every POLL
            LOG.info(
                    "sync peer {}: {}; asking for its finalized head every {} s instead",
                    peer,
                    e.getMessage(),
                    POLL.toSeconds());
        }
        long lastPoll = System.nanoTime();
        java.util.concurrent.CompletableFuture<Window> ahead = null;
        while (!stopped) {
            long head = chain.head().number();
            if (head < peerFinalized.get()) {
                Window w = ahead != null ? join(ahead) : fetch(peer, head + 1);
                ahead = null;
                if (w.from() != head + 1) {
                    w = fetch(peer, head + 1);
                }
                long next = w.from() + w.blocks().size();
                if (w.blocks().size() == WINDOW && next <= peerFinalized.get()) {
                    ahead = prefetch(peer, next);
                }
                int imported = importWindow(w);
                health.progress();
                if (imported == 0) {
                    // nothing it could prove final: wait for its justifications, asking again later
                    waitForWork(POLL);
                }
                continue;
            }
            health.progress(); // caught up: waiting for the peer is not a stall
            waitForWork(POLL);
            if (System.nanoTime() - lastPoll >= POLL.toNanos()) {
                onPeerFinalized(hello(peer).path("finalized").path("number").asLong(-1));
                lastPoll = System.nanoTime();
            }
        }
    }

    private JsonNode hello(PeerClient peer) throws PeerClient.PeerException {
        JsonNode hello;
        try {
            hello = peer.call("sync_hello", chain.genesisHash().toHex());
        } catch (PeerClient.ErrorReply e) {
            if (e.code == RpcErrors.WRONG_CHAIN) {
                LOG.error(
                        "sync peer {} is on another chain and refused us ({}); leaving it alone for {} min; check --chain",
                        peer,
                        e.getMessage(),
                        WRONG_CHAIN_BACKOFF.toMinutes());
                throw new WrongChain("another chain (" + e.getMessage() + ")");
            }
            throw e;
        }
        String genesis = hello.path("genesis").asText();
        if (!genesis.equalsIgnoreCase(chain.genesisHash().toHex())) {
            LOG.error(
                    "sync peer {} answered the handshake with genesis {}, not this chain's {}",
                    peer,
                    genesis,
                    chain.genesisHash());
            throw new WrongChain("another chain (genesis " + PeerClient.clip(genesis) + ")");
        }
        return hello;
    }

    /** One downloaded window, decoded: blocks from {@code from}, each with its justification. */
    private record Window(long from, List<Block> blocks, List<Justification> justifications) {}

    /** Downloads and decodes one window from {@code from} (network and parsing only: nothing is imported). */
    private Window fetch(PeerClient peer, long from) throws PeerClient.PeerException {
        JsonNode r = peer.call("sync_getBlocks", from, WINDOW);
        JsonNode blocks = r.path("blocks");
        if (!blocks.isArray()) {
            throw new PeerClient.PeerException("answered sync_getBlocks without a block list");
        }
        if (blocks.size() > WINDOW) {
            throw new PeerClient.PeerException("answered sync_getBlocks with " + blocks.size()
                    + " blocks, more than the " + WINDOW + " asked for");
        }
        List<Block> out = new ArrayList<>(blocks.size());
        List<Justification> js = new ArrayList<>(blocks.size());
        for (JsonNode b : blocks) {
            long expected = from + out.size();
            Block block;
            try {
                block = Block.decode(Hex.fromHex(b.path("block").asText()));
            } catch (RuntimeException e) {
                throw new PeerClient.PeerException("served a malformed block #" + expected + ": "
                        + PeerClient.clip(String.valueOf(e.getMessage())));
            }
            if (b.path("justification").isNull() || b.path("justification").isMissingNode()) {
                if (out.isEmpty() && expected <= peerFinalized.get()) {
                    // it claims a finalized head at or above this block but cannot prove this one
                    throw new PeerClient.PeerException("served block #" + expected + " " + block.hash()
                            + " without a justification, though it reports #" + peerFinalized.get() + " final");
                }
                break; // not final yet: wait for it
            }
            try {
                js.add(Justification.decode(Hex.fromHex(b.path("justification").asText())));
            } catch (RuntimeException e) {
                throw new PeerClient.PeerException("served a malformed justification for block #" + expected + ": "
                        + PeerClient.clip(String.valueOf(e.getMessage())));
            }
            out.add(block);
        }
        return new Window(from, out, js);
    }

    /** Checks and imports a window's blocks in order; returns how many were imported. */
    private int importWindow(Window w) throws PeerClient.PeerException {
        int imported = 0;
        for (int i = 0; i < w.blocks().size() && !stopped; i++) {
            try {
                chain.importJustified(w.blocks().get(i), w.justifications().get(i));
            } catch (Justification.Invalid e) {
                throw new PeerClient.PeerException("served a bad block: " + e.getMessage());
            } catch (BlockImportException e) {
                throw new PeerClient.PeerException("served a bad block: " + e.getMessage());
            }
            imported++;
        }
        return imported;
    }

    /**
     * Starts downloading the next window while the current one is imported (at most one ahead, so at most
     * two windows are held: the download and the import overlap, on a peer as on this node).
     */
    private java.util.concurrent.CompletableFuture<Window> prefetch(PeerClient peer, long from) {
        java.util.concurrent.CompletableFuture<Window> f = new java.util.concurrent.CompletableFuture<>();
        Thread.ofPlatform().daemon().name("sync-prefetch").start(() -> {
            try {
                f.complete(fetch(peer, from));
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    private static Window join(java.util.concurrent.CompletableFuture<Window> f)
            throws PeerClient.PeerException, InterruptedException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof PeerClient.PeerException pe) {
                throw pe;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void onPeerFinalized(long n) {
        peerFinalized.accumulateAndGet(n, Math::max);
        signal();
    }

    private void signal() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void waitForWork(Duration d) throws InterruptedException {
        lock.lock();
        try {
            if (!stopped && chain.head().number() >= peerFinalized.get()) {
                wake.await(d.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private void sleep(Duration d) throws InterruptedException {
        lock.lock();
        try {
            if (!stopped) {
                wake.await(d.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- transaction forwarding

    @Override
    public void transactionArrived() {
        if (!forwardPending) {
            wakeForwarder();
        }
    }

    private void wakeForwarder() {
        lock.lock();
        try {
            forwardPending = true;
            forwardWake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void runForward() {
        while (!stopped) {
            try {
                lock.lock();
                try {
                    if (!forwardPending && !stopped) {
                        forwardWake.await(REFORWARD.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    forwardPending = false;
                } finally {
                    lock.unlock();
                }
                forwardOnce();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("forwarding transactions: {}", PeerClient.oneLine(e));
            }
        }
    }

    /** Sends each pending transaction not sent to the current peer within {@link #REFORWARD}. */
    private void forwardOnce() {
        PeerClient peer = current;
        List<Extrinsic> pending = pool.pending(0, FORWARD_BATCH, 4L << 20);
        synchronized (forwarded) {
            // forget what left the pool (included or dropped): the map never outgrows the pool
            java.util.Set<H256> live = new java.util.HashSet<>();
            for (Extrinsic x : pending) {
                live.add(new H256(x.hash()));
            }
            forwarded.keySet().retainAll(live);
        }
        if (peer == null) {
            return;
        }
        long now = System.nanoTime();
        List<Extrinsic> send = new ArrayList<>();
        synchronized (forwarded) {
            for (Extrinsic x : pending) {
                Forwarded f = forwarded.get(new H256(x.hash()));
                if (f == null || !f.peer().equals(peer.address) || now - f.nanos() >= REFORWARD.toNanos()) {
                    send.add(x);
                }
            }
        }
        for (Extrinsic x : send) {
            if (stopped || current != peer) {
                return;
            }
            H256 h = new H256(x.hash());
            try {
                peer.call("author_submitExtrinsic", Hex.toHex(x.encode()));
            } catch (PeerClient.ErrorReply e) {
                // already there, or refused by that peer (e.g. invalid there): it stays in our pool until a
                // synced block includes it or our own re-check drops it
                LOG.debug("peer {} refused forwarded transaction {}: {}", peer, h, e.getMessage());
            } catch (PeerClient.PeerException e) {
                LOG.debug("forwarding {} to {}: {}", h, peer, e.getMessage());
                return; // the sync loop notices a dead peer and moves on; this one is resent to the next
            }
            synchronized (forwarded) {
                forwarded.put(h, new Forwarded(peer.address, System.nanoTime()));
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        signal();
        wakeForwarder();
        PeerClient p = current;
        if (p != null) {
            p.close();
        }
        Thread t;
        Thread f;
        synchronized (this) {
            t = syncThread;
            f = forwardThread;
        }
        for (Thread x : new Thread[] {t, f}) {
            if (x != null) {
                x.interrupt();
                try {
                    x.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
