package org.tao4j.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.OverlayKeyValueStore;
import org.tao4j.runtime.coinbase.Coinbase;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * One block being executed (docs/spec/chain.md §7): transactions in order, then the block step. Everything
 * is written to an overlay over the parent state; {@link #finish()} returns the changes for the
 * caller to commit atomically together with the block.
 */
public final class BlockExecution {

    private final Runtime runtime;
    private final OverlayKeyValueStore kv;
    private final ChainState state;
    private final long number;
    private final List<Event> events = new ArrayList<>();
    private final List<Extrinsic> included = new ArrayList<>();
    private boolean finished;

    BlockExecution(Runtime runtime, KeyValueStore parent, long number) {
        this.runtime = runtime;
        this.kv = new OverlayKeyValueStore(parent);
        this.state = new ChainState(kv);
        this.number = number;
        long last = state.blockNumber();
        if (number != last + 1) {
            throw new IllegalArgumentException("block " + number + " does not follow block " + last);
        }
    }

    public long number() {
        return number;
    }

    /** The state as this block has changed it so far (read-only use). */
    public ChainState state() {
        return state;
    }

    /** Step 1: applies one transaction; only {@link ApplyResult.Included} ones are part of the block. */
    public ApplyResult apply(Extrinsic x) {
        if (finished) {
            throw new IllegalStateException("block already finished");
        }
        return apply(x, false);
    }

    /**
     * Applies a transaction whose signature the caller has already verified for this chain (the
     * node's pool verifies on admission); verification is the dominant per-transaction cost.
     */
    public ApplyResult applyVerified(Extrinsic x) {
        if (finished) {
            throw new IllegalStateException("block already finished");
        }
        return apply(x, true);
    }

    private ApplyResult apply(Extrinsic x, boolean signatureChecked) {
        ApplyResult r = runtime.apply(state, x, included.size(), number, events, signatureChecked);
        if (r instanceof ApplyResult.Included) {
            included.add(x);
        }
        return r;
    }

    /**
     * Applies many transactions in order, after verifying all their signatures in parallel on every
     * core (docs/spec/chain.md benchmark: verification is the floor). Results are as if applied one by one.
     */
    public List<ApplyResult> applyAll(List<Extrinsic> xs) {
        if (finished) {
            throw new IllegalStateException("block already finished");
        }
        boolean[] ok = runtime.verifyAll(xs);
        List<ApplyResult> out = new ArrayList<>(xs.size());
        for (int i = 0; i < xs.size(); i++) {
            if (!ok[i]) {
                out.add(new ApplyResult.Rejected(new Validity.Invalid(
                        Validity.Kind.BAD_SIGNATURE, "bad signature: signed for another chain or tampered")));
            } else {
                out.add(apply(xs.get(i), true));
            }
        }
        return out;
    }

    /**
     * Mock mode only (tao-sdk's {@code MockChain}, docs/spec/architecture.md "One block step"): runs
     * {@code call} in this block as if {@code signer} had signed it, without a transaction: no
     * signature, fee, nonce or size check, and nothing in {@link #included()}. Everything else is the
     * chain's: {@link Runtime#dispatch} with a signed origin, in its own overlay that a failure rolls
     * back, its events in the block's events. {@code signer} null runs it with the root origin (as sudo
     * or a passed proposal would). A node never calls this: the blocks it authors or imports hold only
     * signed transactions ({@link #apply}).
     *
     * @return {@code Included} with index -1, fee 0, and the error (null on success)
     */
    public ApplyResult.Included dispatchWithoutTransaction(org.tao4j.core.account.AccountId signer, Call call) {
        if (finished) {
            throw new IllegalStateException("block already finished");
        }
        OverlayKeyValueStore callKv = new OverlayKeyValueStore(kv);
        List<Event> callEvents = new ArrayList<>();
        org.tao4j.runtime.dispatch.Origin origin = signer == null
                ? new org.tao4j.runtime.dispatch.Origin.Root()
                : new org.tao4j.runtime.dispatch.Origin.Signed(signer);
        org.tao4j.runtime.dispatch.DispatchContext ctx =
                new org.tao4j.runtime.dispatch.DispatchContext(new ChainState(callKv), number, origin, callEvents);
        try {
            Runtime.dispatch(ctx, call);
            callKv.commit();
            events.addAll(callEvents);
            return new ApplyResult.Included(-1, 0, null, null);
        } catch (org.tao4j.runtime.dispatch.DispatchFailure f) {
            callKv.rollback();
            return new ApplyResult.Included(-1, 0, f.error().name(), f.detail());
        }
    }

    /** The block's events so far (transactions and calls applied; the block step's come with {@link #finish()}). */
    public List<Event> eventsSoFar() {
        return List.copyOf(events);
    }

    public List<Extrinsic> included() {
        return List.copyOf(included);
    }

    /** Steps 2-4: burn decay, emission, due epochs. Returns the block's outcome; step 5 is {@link StateRoot}. */
    public Outcome finish() {
        if (finished) {
            throw new IllegalStateException("block already finished");
        }
        finished = true;
        // docs/spec/chain.md §5 "Childkeys": pending children lists due now take effect before the epochs
        org.tao4j.runtime.staking.Childkeys.onBlock(state, number, events);
        Coinbase.onBlock(state, number, events);
        state.setBlockNumber(number);
        return new Outcome(number, List.copyOf(included), List.copyOf(events), kv.changes());
    }

    /**
     * A finished block: the included transactions, the events, and the state changes (key to new
     * value, null for a deletion) in key order.
     */
    public record Outcome(
            long number, List<Extrinsic> extrinsics, List<Event> events, SortedMap<byte[], byte[]> changes) {}
}
