package org.tao4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Collections;
import org.tao4j.consensus.Epoch;
import org.tao4j.consensus.SubnetSnapshot;

/**
 * The epoch's cost in CPU time of the measuring thread (median of many runs): on a shared, loaded
 * machine wall-clock JMH scores mostly measure the other tenants, CPU time much less so.
 *
 * <p>Warm-up is by time and stability, not by a count: the epoch runs in rounds of {@code round} runs, and
 * warm-up ends once at least {@code minWarmupSeconds} of CPU time have gone into it <em>and</em> the medians
 * of the last {@value #STABLE_ROUNDS} rounds agree within {@value #TOLERANCE_PERCENT}% (max/min). A count
 * alone was wrong: at the old 300 runs, n = 256 was measured before the JIT had finished (7.7 ms against
 * 1.1 ms once warm). If the medians never settle within {@code maxWarmupSeconds}, the row is printed
 * with "unstable" so that the figure is not mistaken for a warm one.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar org.tao4j.bench.EpochCpuTime [runs] [minWarmupSeconds]
 * [maxWarmupSeconds]} (defaults 300, 5, 120).
 */
public final class EpochCpuTime {

    static final int STABLE_ROUNDS = 3;
    static final int TOLERANCE_PERCENT = 5;

    private EpochCpuTime() {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        double minWarmup = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        double maxWarmup = args.length > 2 ? Double.parseDouble(args[2]) : 120;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf(
                "%-14s %6s %6s %10s %14s %14s %12s %22s%n",
                "model", "n", "v", "entries", "cpu ms (med)", "wall ms (med)", "ns/entry", "warm-up");
        for (String size : new String[] {"256:64", "1024:256", "4096:1024"}) {
            int n = Integer.parseInt(size.split(":")[0]);
            int v = Integer.parseInt(size.split(":")[1]);
            for (boolean yuma3 : new boolean[] {false, true}) {
                SubnetSnapshot snap = EpochBench.buildSnapshot(n, v, yuma3);
                int r = n >= 4096 ? Math.max(3, runs / 5) : runs;
                int round = n >= 4096 ? 3 : n >= 1024 ? 10 : 50;
                Warmup w = warmUp(snap, mx, round, minWarmup, maxWarmup);
                long[] cpu = new long[r];
                long[] wall = new long[r];
                for (int i = 0; i < r; i++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    Epoch.run(snap);
                    wall[i] = System.nanoTime() - t0;
                    cpu[i] = mx.getCurrentThreadCpuTime() - c0;
                }
                Arrays.sort(cpu);
                Arrays.sort(wall);
                long entries = (long) n * v;
                System.out.printf(
                        "%-14s %6d %6d %10d %14.2f %14.2f %12.0f %22s%n",
                        yuma3 ? "yuma3_liquid" : "yuma2",
                        n,
                        v,
                        entries,
                        cpu[r / 2] / 1e6,
                        wall[r / 2] / 1e6,
                        (double) cpu[r / 2] / entries,
                        String.format("%d runs, %.1f s%s", w.runs(), w.cpuSeconds(), w.stable() ? "" : " unstable"));
            }
        }
    }

    record Warmup(int runs, double cpuSeconds, boolean stable) {}

    /** Runs rounds until enough CPU time has passed and the last rounds' medians agree (or the cap is hit). */
    static Warmup warmUp(SubnetSnapshot snap, ThreadMXBean mx, int round, double minSeconds, double maxSeconds) {
        long start = mx.getCurrentThreadCpuTime();
        java.util.ArrayDeque<Long> medians = new java.util.ArrayDeque<>();
        int total = 0;
        while (true) {
            long[] cpu = new long[round];
            for (int i = 0; i < round; i++) {
                long c0 = mx.getCurrentThreadCpuTime();
                Epoch.run(snap);
                cpu[i] = mx.getCurrentThreadCpuTime() - c0;
            }
            total += round;
            Arrays.sort(cpu);
            medians.addLast(cpu[round / 2]);
            if (medians.size() > STABLE_ROUNDS) {
                medians.removeFirst();
            }
            double spent = (mx.getCurrentThreadCpuTime() - start) / 1e9;
            boolean settled = medians.size() == STABLE_ROUNDS
                    && Collections.max(medians) * 100 <= Collections.min(medians) * (100L + TOLERANCE_PERCENT);
            if (spent >= minSeconds && settled) {
                return new Warmup(total, spent, true);
            }
            if (spent >= maxSeconds) {
                return new Warmup(total, spent, false);
            }
        }
    }
}
