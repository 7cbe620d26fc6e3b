package org.tao4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@link RuntimeBlockBench} workloads timed by hand, interleaved round-robin in one JVM, for a
 * shared, noisy machine: each round runs every workload once, so that a block and its
 * signature-verification floor measured in the same round saw about the same load, and the median
 * of the per-round ratios is far steadier than a ratio of two separately measured JMH scores.
 *
 * <p>Per workload it prints the median and minimum wall time, the median CPU time of the whole
 * process (all cores, GC and compiler threads included: the work done, whatever the contention)
 * and of the calling thread; then the paired ratios.
 *
 * <p>Run: {@code java -Xms2g -Xmx2g -cp bench/target/benchmarks.jar org.tao4j.bench.RuntimeBlockPaired
 * [warmupRounds] [rounds]} (defaults 5 and 25).
 */
public final class RuntimeBlockPaired {

    private RuntimeBlockPaired() {}

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        RuntimeBlockBench b = new RuntimeBlockBench();
        RuntimeBlockBench.Transfers t = new RuntimeBlockBench.Transfers();
        t.setup();
        RuntimeBlockBench.Weights w = new RuntimeBlockBench.Weights();
        w.setup();
        RuntimeBlockBench.Epochs e = new RuntimeBlockBench.Epochs();
        e.setup();
        org.openjdk.jmh.infra.Blackhole bh = new org.openjdk.jmh.infra.Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

        Map<String, Supplier<Object>> work = new LinkedHashMap<>();
        work.put("verifyFloorAllCores", () -> b.verifyFloorAllCores(t));
        work.put("transfers5000", () -> b.transfers5000(t));
        work.put("verifyFloorOneCore", () -> b.verifyFloorOneCore(t));
        work.put("transfers5000OneCore", () -> b.transfers5000OneCore(t));
        work.put("transfers5000WithStateRoot", () -> b.transfers5000WithStateRoot(t));
        work.put("stateRoot5000", () -> b.stateRoot5000(t));
        work.put("setWeightsVerifyFloor", () -> b.setWeightsVerifyFloor(w));
        work.put("setWeights1000x256", () -> b.setWeights1000x256(w));
        work.put("epochs32x256", () -> b.epochs32x256(e));
        work.put("epochs32x256Direct", () -> b.epochs32x256Direct(e));
        work.put("epochs32x256ConsensusOnly", () -> {
            b.epochs32x256ConsensusOnly(e, bh);
            return null;
        });

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<String> names = new ArrayList<>(work.keySet());
        double[][] wall = new double[names.size()][rounds];
        double[][] cpu = new double[names.size()][rounds];
        double[][] thread = new double[names.size()][rounds];
        long sink = 0;
        for (int r = -warmup; r < rounds; r++) {
            for (int i = 0; i < names.size(); i++) {
                System.gc(); // start each sample with an empty young generation
                long c0 = os.getProcessCpuTime();
                long th0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                Object out = work.get(names.get(i)).get();
                long t1 = System.nanoTime();
                long th1 = threads.getCurrentThreadCpuTime();
                long c1 = os.getProcessCpuTime();
                sink += System.identityHashCode(out);
                if (r >= 0) {
                    wall[i][r] = (t1 - t0) / 1e6;
                    cpu[i][r] = (c1 - c0) / 1e6;
                    thread[i][r] = (th1 - th0) / 1e6;
                }
            }
            if (r >= 0) {
                System.out.printf("round %2d load %.2f:", r, os.getSystemLoadAverage());
                for (int i = 0; i < names.size(); i++) {
                    System.out.printf(" %.0f", wall[i][r]);
                }
                System.out.println();
            }
        }
        System.out.printf(
                "%n%-28s %10s %10s %12s %12s  (ms per op, %d rounds)%n",
                "workload", "wall med", "wall min", "cpu med", "thread med", rounds);
        for (int i = 0; i < names.size(); i++) {
            System.out.printf(
                    "%-28s %10.1f %10.1f %12.1f %12.1f%n",
                    names.get(i), median(wall[i]), min(wall[i]), median(cpu[i]), median(thread[i]));
        }
        System.out.println();
        ratio("wall", names, wall, "transfers5000", "verifyFloorAllCores");
        ratio("wall", names, wall, "transfers5000", "verifyFloorOneCore");
        ratio("wall", names, wall, "transfers5000WithStateRoot", "verifyFloorAllCores");
        ratio("wall", names, wall, "transfers5000OneCore", "verifyFloorOneCore");
        ratio("wall", names, wall, "verifyFloorOneCore", "verifyFloorAllCores");
        ratio("wall", names, wall, "setWeights1000x256", "setWeightsVerifyFloor");
        ratio("cpu", names, cpu, "transfers5000", "verifyFloorAllCores");
        ratio("cpu", names, cpu, "setWeights1000x256", "setWeightsVerifyFloor");
        System.out.println("(sink " + (sink & 1) + ")");
    }

    private static void ratio(String label, List<String> names, double[][] m, String a, String b) {
        double[] x = m[names.indexOf(a)];
        double[] y = m[names.indexOf(b)];
        double[] q = new double[x.length];
        for (int r = 0; r < x.length; r++) {
            q[r] = x[r] / y[r];
        }
        System.out.printf(
                "%-5s %-28s / %-22s median of per-round ratios %.2f (min %.2f, max %.2f)%n",
                label, a, b, median(q), min(q), max(q));
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
