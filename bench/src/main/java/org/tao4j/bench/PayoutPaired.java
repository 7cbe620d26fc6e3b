package org.tao4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The two {@link PayoutBench} blocks timed by hand, interleaved in one JVM (as {@link RuntimeBlockPaired}
 * does), so that both see the same load on a shared machine: per round, the epoch block with 10,000
 * period floors and the same block without them. Prints the median thread CPU time of each and the
 * median of the per-round differences: the cost of the just-in-time stake rule for 10,000 floors.
 *
 * <p>Run: {@code java -Xms2g -Xmx2g -cp bench/target/benchmarks.jar org.tao4j.bench.PayoutPaired
 * [warmupRounds] [rounds]} (defaults 5 and 25).
 */
public final class PayoutPaired {

    private PayoutPaired() {}

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        PayoutBench b = new PayoutBench();
        PayoutBench.Payout s = new PayoutBench.Payout();
        s.setup();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] with = new double[rounds];
        double[] without = new double[rounds];
        double[] diff = new double[rounds];
        long sink = 0;
        for (int r = -warmup; r < rounds; r++) {
            System.gc();
            long a0 = threads.getCurrentThreadCpuTime();
            sink += System.identityHashCode(b.epochWithFloors(s));
            long a1 = threads.getCurrentThreadCpuTime();
            System.gc();
            long b0 = threads.getCurrentThreadCpuTime();
            sink += System.identityHashCode(b.epochWithoutFloors(s));
            long b1 = threads.getCurrentThreadCpuTime();
            if (r >= 0) {
                with[r] = (a1 - a0) / 1e6;
                without[r] = (b1 - b0) / 1e6;
                diff[r] = with[r] - without[r];
            }
        }
        System.out.printf(
                "%nthread CPU ms per epoch block, %d rounds: with floors %.1f (min %.1f), without %.1f (min %.1f);"
                        + " median difference %.1f ms = %.1f us per floor (sink %d)%n",
                rounds,
                RuntimeBlockPaired.median(with),
                RuntimeBlockPaired.min(with),
                RuntimeBlockPaired.median(without),
                RuntimeBlockPaired.min(without),
                RuntimeBlockPaired.median(diff),
                RuntimeBlockPaired.median(diff) * 1000 / PayoutBench.Payout.NOMINATORS,
                sink & 1);
    }
}
