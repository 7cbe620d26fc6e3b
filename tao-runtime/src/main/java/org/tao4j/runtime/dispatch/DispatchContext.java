package org.tao4j.runtime.dispatch;

import java.util.List;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;

/**
 * What a call sees: the state (an overlay the dispatcher rolls back on failure), the block being
 * built, who the call runs as, and the block's event list.
 */
public final class DispatchContext {

    private final ChainState state;
    private final long block;
    private final Origin origin;
    private final List<Event> events;
    private final byte[] genesisHash;
    private ChainParams params;

    public DispatchContext(ChainState state, long block, Origin origin, List<Event> events) {
        this(state, block, origin, events, null);
    }

    /** {@code genesisHash}: the chain's, which payment-channel vouchers commit to (null where none is known). */
    public DispatchContext(ChainState state, long block, Origin origin, List<Event> events, byte[] genesisHash) {
        this.state = state;
        this.block = block;
        this.origin = origin;
        this.events = events;
        this.genesisHash = genesisHash == null ? null : genesisHash.clone();
    }

    /** The chain's genesis hash; fails if this context was made without one (a defect in the caller). */
    public byte[] genesisHash() {
        if (genesisHash == null) {
            throw new IllegalStateException("this dispatch context carries no genesis hash");
        }
        return genesisHash.clone();
    }

    public ChainState state() {
        return state;
    }

    /** The number of the block being executed. */
    public long block() {
        return block;
    }

    public Origin origin() {
        return origin;
    }

    /** The chain parameters, read once per call. */
    public ChainParams params() {
        if (params == null) {
            params = state.params();
        }
        return params;
    }

    public void emit(Event e) {
        events.add(e);
    }

    public List<Event> events() {
        return events;
    }

    /** The signing account; fails with {@link DispatchError#BadOrigin} for a root origin. */
    public AccountId signer() {
        if (origin instanceof Origin.Signed s) {
            return s.account();
        }
        throw new DispatchFailure(DispatchError.BadOrigin, "this call must be signed by an account");
    }

    public boolean isRoot() {
        return origin instanceof Origin.Root;
    }

    /** The same block and events, running as {@code o} (used by sudo and passed proposals). */
    public DispatchContext as(Origin o) {
        return new DispatchContext(state, block, o, events, genesisHash);
    }
}
