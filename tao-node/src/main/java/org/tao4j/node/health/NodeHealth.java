package org.tao4j.node.health;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Whether the node is healthy, for {@code /health} and {@code system_health}: unhealthy while
 * storage reports a fault (an I/O error such as a full disk, or corruption), or when a node that
 * produces blocks has made no progress for {@link #staleAfter()} — three block times, at least
 * {@link #MIN_STALE} (progress: a block produced or imported, or, in instant mode, a look at a pool
 * with nothing ready). A node that neither authors nor imports has no block clock: only storage
 * counts.
 */
public final class NodeHealth {

    /** A floor on the staleness bound, so that a GC pause at a 100 ms block time does not flap it. */
    public static final Duration MIN_STALE = Duration.ofSeconds(1);

    /** One answer: healthy, or not and why (one line). */
    public record Status(boolean healthy, String reason) {}

    private final Supplier<String> storageFault;
    private final boolean expectsBlocks;
    private final long staleNanos;
    private volatile long lastProgress = System.nanoTime();

    /**
     * @param storageFault the first storage fault, or null while storage is sound
     * @param blockTime the block time, or null for a node that expects no blocks
     */
    public NodeHealth(Supplier<String> storageFault, Duration blockTime) {
        this.storageFault = Objects.requireNonNull(storageFault, "storageFault");
        this.expectsBlocks = blockTime != null;
        this.staleNanos = blockTime == null ? Long.MAX_VALUE : Math.max(blockTime.toNanos() * 3, MIN_STALE.toNanos());
    }

    /** A block was produced or imported, or the producer found nothing to do. */
    public void progress() {
        lastProgress = System.nanoTime();
    }

    public Duration staleAfter() {
        return expectsBlocks ? Duration.ofNanos(staleNanos) : null;
    }

    public Status status() {
        String fault = storageFault.get();
        if (fault != null) {
            return new Status(false, "storage failed: " + fault);
        }
        if (expectsBlocks) {
            long idle = System.nanoTime() - lastProgress;
            if (idle > staleNanos) {
                return new Status(
                        false,
                        "no block produced or imported for " + idle / 1_000_000 + " ms (more than "
                                + staleNanos / 1_000_000 + " ms, three block times)");
            }
        }
        return new Status(true, null);
    }
}
