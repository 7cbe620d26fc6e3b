package org.tao4j.consensus.scenario;

import java.util.List;
import java.util.Objects;
import org.tao4j.consensus.EpochParams;

/**
 * A Yuma scenario (docs/spec/yuma-scenario.md): one subnet, its initial neurons and a list of steps that
 * drive the epoch directly, without transactions.
 */
public record Scenario(
        String name,
        EpochParams params,
        long emissionPerEpoch,
        List<InitialNeuron> neurons,
        List<Step> steps,
        Tolerance tolerance) {

    public Scenario {
        Objects.requireNonNull(params, "params");
        neurons = List.copyOf(neurons);
        steps = List.copyOf(steps);
    }

    public record InitialNeuron(long stake, long registeredAt, long lastUpdate) {}

    /** Where exactness is not required (scenarios whose reference used a float exp). */
    public record Tolerance(int u16, String raoFraction) {}

    public sealed interface Step permits SetWeights, Replace, SetStake, RunEpoch {}

    public record SetWeights(int uid, long block, int[] dests, int[] values) implements Step {}

    public record Replace(int uid, long block, long stake) implements Step {}

    public record SetStake(int uid, long stake) implements Step {}

    public record RunEpoch(long block, long lastMechanismStepBlock) implements Step {}
}
