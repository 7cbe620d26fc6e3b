package org.tao4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.tao4j.consensus.Epoch;
import org.tao4j.consensus.EpochParams;
import org.tao4j.consensus.EpochResult;
import org.tao4j.consensus.NeuronResult;
import org.tao4j.consensus.NeuronSnapshot;
import org.tao4j.consensus.SparseRow;
import org.tao4j.consensus.SubnetSnapshot;

/**
 * One Yuma epoch ({@link Epoch#run}) of a dense subnet: uids {@code 0..v-1} are validators with
 * large stakes and a permit, each with a weight row over all {@code n} uids, so the subnet holds
 * {@code v * n} weight entries; the other uids are miners with little or no stake and no weights.
 *
 * <p>The measured snapshot carries realistic bonds: setup runs one warm-up epoch on empty bonds and
 * stores its bond rows ({@link NeuronResult#bonds()}, {@code null} = keep the old row), so the
 * measured epoch's bond EMA works on about {@code v * n} existing bond entries as well.
 *
 * <p>Setup prints, per size, the number of weight and bond entries so that ns per entry can be
 * derived from the score: {@code ns/entry = ms/op * 1e6 / weightEntries}.
 *
 * <p>Run: {@code scripts/bench.sh EpochBench -f 1 -wi 3 -i 5}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class EpochBench {

    /** {@code n:v}: subnet size and number of validators. */
    @Param({"256:64", "1024:256", "4096:1024"})
    public String sizes;

    /** {@code yuma2}: Yuma 2 bonds; {@code yuma3_liquid}: Yuma 3 with liquid alpha. */
    @Param({"yuma2", "yuma3_liquid"})
    public String model;

    static final long BLOCK = 1000;
    static final long TEMPO = 360;
    static final long ACTIVITY_CUTOFF = 5000;
    static final long EMISSION = 1_000_000_000L;

    private SubnetSnapshot snapshot;

    @Setup(Level.Trial)
    public void setup() {
        String[] nv = sizes.split(":");
        int n = Integer.parseInt(nv[0]);
        int v = Integer.parseInt(nv[1]);
        boolean yuma3 = switch (model) {
            case "yuma2" -> false;
            case "yuma3_liquid" -> true;
            default -> throw new IllegalArgumentException("unknown model " + model);
        };
        snapshot = buildSnapshot(n, v, yuma3);
        long weightEntries = 0;
        long bondEntries = 0;
        for (NeuronSnapshot nu : snapshot.neurons()) {
            weightEntries += nu.weights().size();
            bondEntries += nu.bonds().size();
        }
        System.out.printf(
                "# EpochBench n=%d v=%d model=%s: weight entries=%d, bond entries=%d%n",
                n, v, model, weightEntries, bondEntries);
    }

    /** The snapshot that is measured: deterministic, with the bonds of one warm-up epoch. */
    static SubnetSnapshot buildSnapshot(int n, int v, boolean yuma3) {
        if (v > n) {
            throw new IllegalArgumentException("more validators than uids: " + v + " > " + n);
        }
        EpochParams params = new EpochParams(
                TEMPO, ACTIVITY_CUTOFF, 32767, 65535, 900_000, v, yuma3, yuma3, 45875, 58982, 1000, 0, -1, false);
        SplittableRandom rnd = new SplittableRandom(42);
        int[] allUids = new int[n];
        for (int j = 0; j < n; j++) {
            allUids[j] = j;
        }
        List<NeuronSnapshot> neurons = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean validator = i < v;
            long stake = validator
                    ? rnd.nextLong(1_000_000_000_000L, 10_000_000_000_000L) // 1e12..1e13 rao
                    : (rnd.nextInt(4) == 0 ? 0 : rnd.nextLong(1, 1_000_000_000L)); // 0 or < 1 TAO
            SparseRow weights = SparseRow.EMPTY;
            if (validator) {
                int[] values = new int[n];
                for (int j = 0; j < n; j++) {
                    values[j] = rnd.nextInt(1, 65536);
                }
                weights = SparseRow.of(allUids, values);
            }
            neurons.add(new NeuronSnapshot(
                    stake, BLOCK - 1, 0, validator, weights, SparseRow.EMPTY, NeuronSnapshot.NO_COMMIT));
        }
        long lastStep = BLOCK - TEMPO;
        EpochResult warm = Epoch.run(new SubnetSnapshot(params, neurons, BLOCK, lastStep, EMISSION));
        List<NeuronSnapshot> bonded = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            NeuronSnapshot nu = neurons.get(i);
            SparseRow bonds = warm.neuron(i).bonds();
            bonded.add(new NeuronSnapshot(
                    nu.stake(),
                    nu.lastUpdate(),
                    nu.registeredAt(),
                    nu.validatorPermit(),
                    nu.weights(),
                    bonds == null ? nu.bonds() : bonds,
                    nu.earliestCommitBlock()));
        }
        return new SubnetSnapshot(params, bonded, BLOCK, lastStep, EMISSION);
    }

    @Benchmark
    public void epoch(Blackhole bh) {
        bh.consume(Epoch.run(snapshot));
    }
}
