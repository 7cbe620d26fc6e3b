package org.tao4j.runtime.neurons;

import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.storage.ChainState;
import org.tao4j.runtime.tx.Call;

/** Neuron registration by burn, uid assignment and pruning, and axon serving (chain.md §4). */
public final class Registration {

    private Registration() {
    }

    public static void burnedRegister(DispatchContext ctx, Call.BurnedRegister c) {
        throw new UnsupportedOperationException("burned_register: to be implemented");
    }

    public static void serveAxon(DispatchContext ctx, Call.ServeAxon c) {
        throw new UnsupportedOperationException("serve_axon: to be implemented");
    }

    /** Block step 2: every subnet's burn decays by its half-life, clamped to [min_burn, max_burn]. */
    public static void decayBurns(ChainState s) {
        // placeholder until the registration module lands: no subnet can exist without it
    }
}
