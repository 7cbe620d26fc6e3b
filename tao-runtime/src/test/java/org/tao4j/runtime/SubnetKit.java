package org.tao4j.runtime;

import static org.tao4j.runtime.TestChain.TAO;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.tao4j.core.kv.OverlayKeyValueStore;
import org.tao4j.runtime.dispatch.DispatchContext;
import org.tao4j.runtime.dispatch.DispatchFailure;
import org.tao4j.runtime.dispatch.Origin;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.NeuronInfo;

/** Shared fixtures for the subnet, registration and serving tests. */
final class SubnetKit {

    /**
     * Dev params (10 TAO min lock, network rate limit 1) with a subnet tempo of 65,000 blocks, so that
     * no subnet epoch falls inside a test: these tests are about registration, not Yuma. The owner's
     * hyperparameter rate limit is then 130,000 blocks; tests that need a second change in time call
     * the dispatch function on an overlay of the chain's state at a later block.
     */
    static final ChainParams PARAMS = ChainParams.dev().withNetworkLimits(10 * TAO, 1, 65_000);

    private SubnetKit() {}

    /** {@code p} with another subnet limit and network immunity period. */
    static ChainParams withSubnetLimit(ChainParams p, int subnetLimit, long networkImmunityPeriod) {
        return new ChainParams(
                p.existentialDeposit(),
                p.baseFee(),
                p.perByteFee(),
                p.minLock(),
                p.lockReductionInterval(),
                p.networkRateLimit(),
                subnetLimit,
                networkImmunityPeriod,
                p.defaultTempo(),
                p.rootTempo(),
                p.defaultMaxAllowedValidators(),
                p.minStake(),
                p.maxTakePpm(),
                p.takeIncreaseRateLimit(),
                p.ownerCutPpm(),
                p.rootSlots(),
                p.senateSize(),
                p.proposalDuration(),
                p.senateMinStakePpm(),
                p.newSubnetBurn(),
                p.defaultMinBurn(),
                p.defaultMaxBurn(),
                p.burnHalfLife(),
                p.maxPendingCommits(),
                p.maxWeightsPerCall());
    }

    /**
     * A dispatch context for block {@code block} on a throw-away overlay of the chain's state: to
     * call a dispatch function directly (root origin, a later block, a live chain) without touching
     * the chain.
     */
    static DispatchContext overlay(TestChain c, Origin origin, long block) {
        return new DispatchContext(
                new ChainState(new OverlayKeyValueStore(c.state().store())), block, origin, new ArrayList<>());
    }

    /**
     * Changes a neuron between blocks. Stands in for the result of an epoch (emission, permits): the
     * subnet epoch is implemented in another module, and these tests keep epochs out of the way.
     */
    static void pokeNeuron(TestChain c, int netuid, int uid, UnaryOperator<NeuronInfo> f) {
        ChainState s = c.state();
        s.setNeuron(netuid, uid, f.apply(s.neuron(netuid, uid)));
    }

    static NeuronInfo withEmission(NeuronInfo n, long emission) {
        return n.withEpoch(
                n.validatorPermit(),
                n.active(),
                n.consensus(),
                n.incentive(),
                n.dividends(),
                n.validatorTrust(),
                emission);
    }

    /** Runs {@code body} expecting a DispatchFailure; returns it. */
    static DispatchFailure failure(Runnable body) {
        try {
            body.run();
        } catch (DispatchFailure f) {
            return f;
        }
        throw new AssertionError("expected a DispatchFailure, the call succeeded");
    }

    /** The events of the last block of type {@code type}. */
    static <T extends Event> List<T> events(TestChain c, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Event e : c.events()) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    /** The owner cut paid to {@code netuid}'s owner in the last block (0 if none). */
    static long ownerCut(TestChain c, int netuid) {
        long sum = 0;
        for (Event.OwnerCut e : events(c, Event.OwnerCut.class)) {
            if (e.netuid() == netuid) {
                sum += e.amount();
            }
        }
        return sum;
    }
}
