package org.tao4j.runtime.governance;

import java.util.List;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.storage.ChainState;
import org.tao4j.runtime.tx.Call;

/** The senate, proposals and votes, and the dev chain's sudo key (chain.md §6). */
public final class Governance {

    private Governance() {
    }

    public static void propose(DispatchContext ctx, Call.Propose c) {
        throw new UnsupportedOperationException("propose: to be implemented");
    }

    public static void vote(DispatchContext ctx, Call.Vote c) {
        throw new UnsupportedOperationException("vote: to be implemented");
    }

    public static void sudo(DispatchContext ctx, Call.Sudo c) {
        throw new UnsupportedOperationException("sudo: to be implemented");
    }

    public static void setGlobalParameter(DispatchContext ctx, Call.SetGlobalParameter c) {
        throw new UnsupportedOperationException("set_global_parameter: to be implemented");
    }

    /** End of block: proposals past their deadline expire. */
    public static void onBlock(ChainState s, long block, List<Event> events) {
        // placeholder until the governance module lands: no proposal can exist without it
    }
}
