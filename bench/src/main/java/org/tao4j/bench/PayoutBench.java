package org.tao4j.bench;

import static org.tao4j.bench.BenchChain.TAO;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.tao4j.core.kv.MemoryKeyValueStore;
import org.tao4j.runtime.BlockExecution;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.Runtime;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;
import org.tao4j.runtime.tx.Hyperparameter;

/**
 * The cost of the just-in-time stake rule (docs/spec/chain.md §5) in a subnet epoch: one validator with
 * {@value Payout#NOMINATORS} nominators, each of which made an {@code add_stake} in the period, so the
 * epoch reads and deletes that many period floors and splits the validator amount over that many
 * stakers. {@code epochWithFloors} runs that epoch block; {@code epochWithoutFloors} runs the same
 * block from the same state with the floors deleted (as if nobody had moved stake). The difference is
 * what the rule costs.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar PayoutBench -f 1 -wi 3 -i 5}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PayoutBench {

    @State(Scope.Benchmark)
    public static class Payout {
        static final int NOMINATORS = 10_000;
        static final int NETUID = 1;
        static final int PER_BLOCK = 2_000;

        Runtime runtime;
        MemoryKeyValueStore withFloors;
        MemoryKeyValueStore withoutFloors;
        long block;

        @Setup(Level.Trial)
        public void setup() {
            long t0 = System.nanoTime();
            Map<String, Long> endowments = new LinkedHashMap<>();
            endowments.put("owner", 100_000 * TAO);
            endowments.put("owner-hot", 10 * TAO); // pays its set_weights fee
            for (int i = 1; i <= NOMINATORS; i++) {
                endowments.put("nom-" + i, 10 * TAO);
            }
            BenchChain c = new BenchChain(ChainParams.dev(), endowments);
            c.block(
                    c.tx("owner", new Call.RegisterNetwork(c.id("owner-hot"))),
                    c.sudo(new Call.SetSubnetParameter(NETUID, Hyperparameter.TEMPO, 65_535)), // no epoch in setup
                    c.sudo(new Call.SetSubnetParameter(NETUID, Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 0)));
            c.block(
                    c.tx("owner", new Call.BurnedRegister(NETUID, c.id("miner-hot"))),
                    c.tx("owner", new Call.AddStake(c.id("owner-hot"), 1_000 * TAO)));
            // every nominator stakes once, then an epoch (the validator permit; clears these floors) ...
            nominate(c, TAO);
            long p = c.number() + 1;
            BenchChain.expectEpochs(
                    c.block(c.sudo(new Call.SetSubnetParameter(NETUID, Hyperparameter.TEMPO, p + NETUID))), 1);
            c.block(
                    c.sudo(new Call.SetSubnetParameter(NETUID, Hyperparameter.TEMPO, 65_535)),
                    c.tx("owner-hot", new Call.SetWeights(NETUID, new int[] {1}, new int[] {65_535}, 0)));
            // ... and adds again in the measured period: one floor each
            nominate(c, 2_000_000);
            block = c.number() + 2;
            c.block(c.sudo(new Call.SetSubnetParameter(NETUID, Hyperparameter.TEMPO, block + NETUID)));
            ChainState st = c.state();
            int floors = st.periodFloors(NETUID).size();
            if (floors != NOMINATORS) {
                throw new IllegalStateException(floors + " period floors, expected " + NOMINATORS);
            }
            runtime = c.runtime();
            withFloors = c.store();
            withoutFloors = new MemoryKeyValueStore();
            withFloors.forEachWithPrefix(new byte[0], withoutFloors::put);
            new ChainState(withoutFloors).clearPeriodFloors(NETUID);
            long validatorAmount = -1;
            for (MemoryKeyValueStore parent : List.of(withFloors, withoutFloors)) {
                BlockExecution.Outcome out = runtime.begin(parent, block).finish();
                BenchChain.expectEpochs(out, 1);
                MemoryKeyValueStore after = new MemoryKeyValueStore();
                parent.forEachWithPrefix(new byte[0], after::put);
                out.changes().forEach((k, v) -> {
                    if (v == null) {
                        after.delete(k);
                    } else {
                        after.put(k, v);
                    }
                });
                long amount = new ChainState(after).totalHotkeyStake(c.id("owner-hot"))
                        - st.totalHotkeyStake(c.id("owner-hot"));
                if (amount <= 0 || (validatorAmount >= 0 && amount != validatorAmount)) {
                    throw new IllegalStateException(
                            "validator amount " + amount + " (other block: " + validatorAmount + ")");
                }
                validatorAmount = amount;
            }
            System.out.printf(
                    "%n# Payout: %d nominators on one validator, %d period floors, validator amount %d rao; "
                            + "setup %.1f s%n",
                    NOMINATORS, floors, validatorAmount, (System.nanoTime() - t0) / 1e9);
        }

        private static void nominate(BenchChain c, long amount) {
            List<Extrinsic> txs = new ArrayList<>(PER_BLOCK);
            for (int i = 1; i <= NOMINATORS; i++) {
                txs.add(c.tx("nom-" + i, new Call.AddStake(c.id("owner-hot"), amount)));
                if (txs.size() == PER_BLOCK) {
                    c.block(txs);
                    txs = new ArrayList<>(PER_BLOCK);
                }
            }
            if (!txs.isEmpty()) {
                c.block(txs);
            }
        }
    }

    /** The epoch block: 10,000 floors read and deleted, the validator amount split over 10,001 stakers. */
    @Benchmark
    public BlockExecution.Outcome epochWithFloors(Payout s) {
        return s.runtime.begin(s.withFloors, s.block).finish();
    }

    /** The same block with no floors: the split as before the rule. */
    @Benchmark
    public BlockExecution.Outcome epochWithoutFloors(Payout s) {
        return s.runtime.begin(s.withoutFloors, s.block).finish();
    }
}
