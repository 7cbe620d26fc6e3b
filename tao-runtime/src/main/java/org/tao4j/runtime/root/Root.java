package org.tao4j.runtime.root;

import java.util.List;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.storage.ChainState;
import org.tao4j.runtime.tx.Call;

/** The root network: membership, root weights and the root epoch (chain.md §6). */
public final class Root {

    private Root() {
    }

    public static void rootRegister(DispatchContext ctx, Call.RootRegister c) {
        throw new UnsupportedOperationException("root_register: to be implemented");
    }

    public static void setRootWeights(DispatchContext ctx, Call.SetRootWeights c) {
        throw new UnsupportedOperationException("set_root_weights: to be implemented");
    }

    /** The root epoch: each subnet's emission share from the root members' weights. */
    public static void rootEpoch(ChainState s, long block, List<Event> events) {
        // placeholder until the root module lands: shares stay 0, which means an equal split
    }
}
