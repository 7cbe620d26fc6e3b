package org.tao4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.tao4j.consensus.Epoch;
import org.tao4j.consensus.SubnetSnapshot;

/**
 * The epoch's cost in CPU time of the measuring thread (median of many runs): on a shared, loaded
 * machine wall-clock JMH scores mostly measure the other tenants, CPU time much less so.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar org.tao4j.bench.EpochCpuTime [runs]}.
 */
public final class EpochCpuTime {

    private EpochCpuTime() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf("%-14s %6s %6s %10s %14s %14s %12s%n", "model", "n", "v", "entries", "cpu ms (med)",
                "wall ms (med)", "ns/entry");
        for (String size : new String[] {"256:64", "1024:256", "4096:1024"}) {
            int n = Integer.parseInt(size.split(":")[0]);
            int v = Integer.parseInt(size.split(":")[1]);
            for (boolean yuma3 : new boolean[] {false, true}) {
                SubnetSnapshot snap = EpochBench.buildSnapshot(n, v, yuma3);
                int r = n >= 4096 ? Math.max(3, runs / 5) : runs;
                for (int w = 0; w < Math.max(2, r / 2); w++) {
                    Epoch.run(snap); // warm-up
                }
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
                System.out.printf("%-14s %6d %6d %10d %14.2f %14.2f %12.0f%n", yuma3 ? "yuma3_liquid" : "yuma2", n, v,
                        entries, cpu[r / 2] / 1e6, wall[r / 2] / 1e6, (double) cpu[r / 2] / entries);
            }
        }
    }
}
