package org.tao4j.node.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.blockstore.ChainStore;
import org.tao4j.node.chain.Justification;
import org.tao4j.node.production.ChainListener;

/**
 * The states a warp-syncing node may download ({@code sync_getStateChunk}): consistent snapshots of the
 * database taken when a block became final while it was the head, at most one every {@link
 * #INTERVAL_MS}, the last {@link #MAX_POINTS} kept (so each stays available for at least {@code
 * (MAX_POINTS - 1) × INTERVAL_MS} once newer ones exist). A snapshot pins RocksDB's files for as long as
 * it is kept, so their number is small and fixed; no client can make the node hold more.
 */
public final class WarpPoints implements ChainListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WarpPoints.class);

    /** The most snapshots kept. */
    public static final int MAX_POINTS = 4;
    /** The least time between two snapshots. */
    public static final long INTERVAL_MS = 15_000;
    /** The most entries of one state chunk. */
    public static final int MAX_CHUNK_ENTRIES = 8_192;
    /** The most bytes (keys and values) of one state chunk (the JSON is about twice that). */
    public static final int MAX_CHUNK_BYTES = 2 << 20;

    /** A finalized block whose whole state can be downloaded. */
    public record Point(long number, H256 hash, ChainStore.View view) {}

    /** One chunk: entries in key order from the requested key, and the key to ask for next (null: done). */
    public record Chunk(List<byte[][]> entries, byte[] next) {}

    private final ChainStore store;
    private final ArrayDeque<Point> points = new ArrayDeque<>();
    private long lastMs = Long.MIN_VALUE;
    private boolean closed;

    public WarpPoints(ChainStore store) {
        this.store = store;
    }

    @Override
    public void onBlock(org.tao4j.node.production.ImportedBlock block) {}

    @Override
    public void onFinalized(ChainStore.Finalized f, Justification j) {
        long now = System.currentTimeMillis();
        synchronized (this) {
            if (closed || (now - lastMs < INTERVAL_MS && !points.isEmpty())) {
                return;
            }
        }
        ChainStore.View v;
        try {
            v = store.view();
        } catch (RuntimeException e) {
            LOG.warn("cannot take a warp snapshot at #{}: {}", f.number(), e.getMessage());
            return;
        }
        if (!v.head().hash().equals(f.hash())) {
            v.close(); // the head moved past it already: the next finality at the head gives one
            return;
        }
        synchronized (this) {
            if (closed) {
                v.close();
                return;
            }
            points.addLast(new Point(f.number(), f.hash(), v));
            lastMs = now;
            while (points.size() > MAX_POINTS) {
                points.removeFirst().view().close();
            }
        }
    }

    /** The newest point, or null. */
    public synchronized Point latest() {
        return points.peekLast();
    }

    /** The blocks whose state can be downloaded now, oldest first. */
    public synchronized List<Point> available() {
        return new ArrayList<>(points);
    }

    /**
     * Reads a chunk of the state after block {@code hash}: entries with keys at or after {@code from},
     * at most {@code limit} (and {@link #MAX_CHUNK_ENTRIES}) and about {@link #MAX_CHUNK_BYTES}.
     *
     * @return null when that block's state is not (or no longer) offered
     */
    public synchronized Chunk chunk(H256 hash, byte[] from, int limit) {
        Point p = null;
        for (Point q : points) {
            if (q.hash().equals(hash)) {
                p = q;
            }
        }
        if (p == null) {
            return null;
        }
        int max = Math.min(limit, MAX_CHUNK_ENTRIES);
        List<byte[][]> out = new ArrayList<>();
        long[] bytes = {0};
        byte[][] next = {null};
        p.view().headStateRange().scan(from, null, (k, v) -> {
            if (out.size() >= max || bytes[0] >= MAX_CHUNK_BYTES) {
                next[0] = k;
                return false;
            }
            out.add(new byte[][] {k, v});
            bytes[0] += k.length + v.length;
            return true;
        });
        return new Chunk(out, next[0]);
    }

    @Override
    public synchronized void close() {
        closed = true;
        while (!points.isEmpty()) {
            points.removeFirst().view().close();
        }
    }
}
