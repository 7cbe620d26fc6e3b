package org.tao4j.client;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tao4j.core.crypto.H256;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * A submitted transaction being watched ({@link TaoClient#submitAndWatch}). {@link #outcome()}
 * completes when its block is final ({@link TxOutcome.Finalized}, with its events) or when it is
 * dropped ({@link TxOutcome.Dropped}); it fails with a {@link TaoClientException} only when the
 * client is closed or the node cannot be reached for good. The watch survives reconnects: after a
 * drop the client looks for the transaction in the blocks made meanwhile and, if it is not there,
 * submits the same bytes again (same hash and nonce, so it cannot be applied twice).
 */
public final class TxHandle {

    private final TxWatch watch;

    TxHandle(TxWatch watch) {
        this.watch = watch;
    }

    /** The transaction's hash (its id in the pool and in blocks). */
    public H256 hash() {
        return watch.hash;
    }

    public Extrinsic extrinsic() {
        return watch.x;
    }

    /** The latest stage heard. */
    public TxStatus status() {
        return watch.last;
    }

    public CompletableFuture<TxOutcome> outcome() {
        return watch.outcome;
    }

    /** Waits for the outcome (no time limit: a future-nonce transaction may wait long). */
    public TxOutcome await() {
        try {
            return watch.outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaoClientException("interrupted while waiting for transaction " + hash(), e);
        } catch (ExecutionException e) {
            throw TaoClient.asClientException(e.getCause());
        } catch (CancellationException e) {
            throw new TaoClientException("stopped watching transaction " + hash());
        }
    }

    /** Waits at most {@code timeout} for the outcome; the watch goes on after a timeout. */
    public TxOutcome await(Duration timeout) {
        try {
            return watch.outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new TaoClientException("transaction " + hash() + " has no outcome after " + Durations.text(timeout)
                    + " (last stage: " + watch.last.stage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaoClientException("interrupted while waiting for transaction " + hash(), e);
        } catch (ExecutionException e) {
            throw TaoClient.asClientException(e.getCause());
        } catch (CancellationException e) {
            throw new TaoClientException("stopped watching transaction " + hash());
        }
    }

    /** Stops watching (the transaction stays in the pool); the outcome future is cancelled. */
    public void unwatch() {
        watch.unwatch();
    }

    @Override
    public String toString() {
        return "TxHandle[" + hash() + ", " + watch.last.stage() + "]";
    }
}
