package org.tao4j.consensus.scenario;

import java.util.ArrayList;
import java.util.List;
import org.tao4j.consensus.Epoch;
import org.tao4j.consensus.EpochResult;
import org.tao4j.consensus.MaxUpscale;
import org.tao4j.consensus.NeuronResult;
import org.tao4j.consensus.NeuronSnapshot;
import org.tao4j.consensus.SparseRow;
import org.tao4j.consensus.SubnetSnapshot;

/**
 * Runs a {@link Scenario}: holds the subnet's state (stake, weights, bonds, permits, blocks) and
 * applies each step as the chain would (docs/spec/yuma-scenario.md). Pure and deterministic.
 */
public final class ScenarioRunner {

    /** One epoch's block and result, in step order. */
    public record EpochRecord(long block, EpochResult result, List<SparseRow> bondsAfter) {}

    private ScenarioRunner() {}

    public static List<EpochRecord> run(Scenario s) {
        int n = s.neurons().size();
        long[] stake = new long[n];
        long[] registeredAt = new long[n];
        long[] lastUpdate = new long[n];
        boolean[] permit = new boolean[n];
        SparseRow[] weights = new SparseRow[n];
        SparseRow[] bonds = new SparseRow[n];
        for (int i = 0; i < n; i++) {
            Scenario.InitialNeuron nu = s.neurons().get(i);
            stake[i] = nu.stake();
            registeredAt[i] = nu.registeredAt();
            lastUpdate[i] = nu.lastUpdate();
            weights[i] = SparseRow.EMPTY;
            bonds[i] = SparseRow.EMPTY;
        }
        List<EpochRecord> out = new ArrayList<>();
        for (Scenario.Step step : s.steps()) {
            switch (step) {
                case Scenario.SetWeights w -> {
                    weights[w.uid()] = SparseRow.of(w.dests(), MaxUpscale.toU16(w.values()));
                    lastUpdate[w.uid()] = w.block();
                }
                case Scenario.Replace r -> {
                    int u = r.uid();
                    registeredAt[u] = r.block();
                    lastUpdate[u] = r.block();
                    weights[u] = SparseRow.EMPTY;
                    bonds[u] = SparseRow.EMPTY;
                    permit[u] = false;
                    stake[u] = r.stake();
                    for (int i = 0; i < n; i++) {
                        if (i != u) {
                            weights[i] = weights[i].withValue(u, 0);
                        }
                    }
                }
                case Scenario.SetStake st -> stake[st.uid()] = st.stake();
                case Scenario.RunEpoch e -> {
                    List<NeuronSnapshot> snap = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        snap.add(new NeuronSnapshot(
                                stake[i],
                                lastUpdate[i],
                                registeredAt[i],
                                permit[i],
                                weights[i],
                                bonds[i],
                                NeuronSnapshot.NO_COMMIT));
                    }
                    EpochResult r = Epoch.run(new SubnetSnapshot(
                            s.params(), snap, e.block(), e.lastMechanismStepBlock(), s.emissionPerEpoch()));
                    for (NeuronResult nr : r.neurons()) {
                        permit[nr.uid()] = nr.validatorPermit();
                        if (nr.bonds() != null) {
                            bonds[nr.uid()] = nr.bonds();
                        }
                    }
                    out.add(new EpochRecord(e.block(), r, List.of(bonds.clone())));
                }
            }
        }
        return out;
    }
}
