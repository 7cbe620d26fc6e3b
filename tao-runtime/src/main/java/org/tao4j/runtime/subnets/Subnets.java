package org.tao4j.runtime.subnets;

import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.tx.Call;

/** Subnet registration, pruning and hyperparameters (chain.md §3). */
public final class Subnets {

    private Subnets() {
    }

    public static void registerNetwork(DispatchContext ctx, Call.RegisterNetwork c) {
        throw new UnsupportedOperationException("register_network: to be implemented");
    }

    public static void setHyperparameter(DispatchContext ctx, Call.SetHyperparameter c) {
        throw new UnsupportedOperationException("set_hyperparameter: to be implemented");
    }

    public static void setSubnetParameter(DispatchContext ctx, Call.SetSubnetParameter c) {
        throw new UnsupportedOperationException("set_subnet_parameter: to be implemented");
    }
}
