package org.tao4j.bench;

import static org.tao4j.bench.BenchChain.TAO;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.tao4j.consensus.Epoch;
import org.tao4j.consensus.EpochParams;
import org.tao4j.consensus.NeuronSnapshot;
import org.tao4j.consensus.SparseRow;
import org.tao4j.consensus.SubnetSnapshot;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.kv.MemoryKeyValueStore;
import org.tao4j.core.kv.OverlayKeyValueStore;
import org.tao4j.runtime.ApplyResult;
import org.tao4j.runtime.BlockExecution;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.Runtime;
import org.tao4j.runtime.StateRoot;
import org.tao4j.runtime.coinbase.Coinbase;
import org.tao4j.runtime.coinbase.SubnetEpoch;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.schema.NeuronInfo;
import org.tao4j.runtime.schema.SubnetInfo;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;
import org.tao4j.runtime.tx.GlobalParameter;
import org.tao4j.runtime.tx.Hyperparameter;

/**
 * Whole blocks through the runtime ({@link Runtime#begin}, {@link BlockExecution#applyAll},
 * {@link BlockExecution#finish}), next to the floor they are measured against: the ed25519
 * verification of the same signatures.
 *
 * <ul>
 *   <li>{@code transfers5000}: a block of 5,000 signed transfers from 5,000 distinct funded senders
 *       to 5,000 new accounts (1 TAO each), signature verification included (parallel on all cores,
 *       as {@code applyAll} does), plus the block step. {@code transfers5000WithStateRoot} adds the
 *       state-root update over the block's changes; {@code stateRoot5000} is that update alone;
 *       {@code transfers5000OneCore} applies the block one {@link BlockExecution#apply} at a time
 *       (each signature verified on the calling thread).</li>
 *   <li>{@code verifyFloorAllCores} / {@code verifyFloorOneCore}: verifying the same 5,000
 *       signatures with {@link Runtime#verifyAll} (all cores) and one after the other on one core.</li>
 *   <li>{@code setWeights1000x256}: a block of 1,000 {@code set_weights} calls, each on 256 uids, by
 *       1,000 permitted validators of one subnet with 1,001 uids; {@code setWeightsVerifyFloor} is
 *       the parallel verification of those 1,000 signatures.</li>
 *   <li>{@code epochs32x256}: an empty block in which 32 subnets of 256 uids (64 staked validators
 *       each weighting all 256 uids, bonds from a previous epoch) all run their epoch.
 *       {@code epochs32x256Direct} runs just the 32 {@link SubnetEpoch#run} calls on an overlay, and
 *       {@code epochs32x256ConsensusOnly} just their Yuma math ({@link Epoch#run}) on inputs read
 *       in setup.</li>
 * </ul>
 *
 * <p>Every state is built once per trial through real signed transactions in real blocks on a dev
 * chain (genesis endowments, sudo for parameters only the root may set), deterministically, and is
 * never written by a measured invocation: each one begins a fresh block over the same parent store,
 * and the block writes only to its own overlay.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar RuntimeBlockBench} (about 10 minutes). On a
 * shared machine, also run {@link RuntimeBlockPaired}: it times the same workloads interleaved in
 * one JVM and reports the block/floor ratios per round, which separate JMH runs cannot give under
 * changing load.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class RuntimeBlockBench {

    // ================================================================ 5,000 transfers

    /** A dev genesis with 5,000 funded senders and one pre-signed transfer from each. */
    @State(Scope.Benchmark)
    public static class Transfers {
        static final int N = 5_000;

        Runtime runtime;
        MemoryKeyValueStore parent;
        List<Extrinsic> txs;
        MemoryKeyValueStore parentNodes;
        byte[] parentRoot;
        SortedMap<byte[], byte[]> changes;

        @Setup(Level.Trial)
        public void setup() {
            long t0 = System.nanoTime();
            Map<String, Long> endowments = new LinkedHashMap<>();
            for (int i = 0; i < N; i++) {
                endowments.put("sender-" + i, 100 * TAO);
            }
            BenchChain chain = new BenchChain(ChainParams.dev(), endowments);
            runtime = chain.runtime();
            parent = chain.store();
            txs = new ArrayList<>(N);
            for (int i = 0; i < N; i++) {
                // recipients are new accounts: only their ids are needed
                AccountId dest = new AccountId(Blake2b.hash256(("recipient-" + i).getBytes(StandardCharsets.UTF_8)));
                txs.add(Extrinsic.sign(
                        chain.key("sender-" + i), 0, 0, 1_000, new Call.Transfer(dest, TAO), BenchChain.GENESIS_HASH));
            }
            parentNodes = new MemoryKeyValueStore();
            parentRoot = StateRoot.ofWholeState(parentNodes, parent).root();

            // the measured block, once: every transfer must succeed
            BlockExecution b = runtime.begin(parent, 1);
            List<ApplyResult> results = b.applyAll(txs);
            for (ApplyResult r : results) {
                if (!(r instanceof ApplyResult.Included inc) || !inc.success()) {
                    throw new IllegalStateException("transfer not applied: " + r);
                }
            }
            changes = b.finish().changes();
            System.out.printf(
                    "%n# Transfers: %d txs of %d bytes, %d state changes, parent state %d keys, setup %.1f s%n",
                    N, txs.get(0).encodedLength(), changes.size(), parent.size(), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Block 1 over the genesis: apply 5,000 transfers (parallel verification included) and the block step. */
    @Benchmark
    public BlockExecution.Outcome transfers5000(Transfers s) {
        BlockExecution b = s.runtime.begin(s.parent, 1);
        b.applyAll(s.txs);
        return b.finish();
    }

    /**
     * The same block applied one transaction at a time with {@link BlockExecution#apply}, which
     * verifies each signature on the calling thread: minus {@link #verifyFloorOneCore}, this is the
     * cost of everything but verification.
     */
    @Benchmark
    public BlockExecution.Outcome transfers5000OneCore(Transfers s) {
        BlockExecution b = s.runtime.begin(s.parent, 1);
        for (Extrinsic x : s.txs) {
            b.apply(x);
        }
        return b.finish();
    }

    /** As {@link #transfers5000}, then the state root over the changes (new nodes into an overlay of the node store). */
    @Benchmark
    public byte[] transfers5000WithStateRoot(Transfers s) {
        BlockExecution b = s.runtime.begin(s.parent, 1);
        b.applyAll(s.txs);
        BlockExecution.Outcome out = b.finish();
        return StateRoot.update(new OverlayKeyValueStore(s.parentNodes), s.parentRoot, out.changes())
                .root();
    }

    /** The state-root update of the transfer block alone (its ~10,000 changes). */
    @Benchmark
    public byte[] stateRoot5000(Transfers s) {
        return StateRoot.update(new OverlayKeyValueStore(s.parentNodes), s.parentRoot, s.changes)
                .root();
    }

    /** The floor: the 5,000 signatures verified on all cores, as applyAll does it. */
    @Benchmark
    public boolean[] verifyFloorAllCores(Transfers s) {
        return s.runtime.verifyAll(s.txs);
    }

    /** The 5,000 signatures verified one after the other on one core. */
    @Benchmark
    public int verifyFloorOneCore(Transfers s) {
        int ok = 0;
        for (Extrinsic x : s.txs) {
            if (x.verify(BenchChain.GENESIS_HASH)) {
                ok++;
            }
        }
        return ok;
    }

    // ================================================================ 1,000 set_weights x 256

    /**
     * One subnet with 1,001 uids (the owner's and 1,000 validators, each staked 100..1,000 TAO) after
     * an epoch that gave every validator a permit; 1,000 pre-signed set_weights, each on 256 distinct
     * uids, one per validator hotkey.
     */
    @State(Scope.Benchmark)
    public static class Weights {
        static final int VALIDATORS = 1_000;
        static final int DESTS = 256;
        static final int NETUID = 1;

        Runtime runtime;
        MemoryKeyValueStore parent;
        long block;
        List<Extrinsic> txs;

        @Setup(Level.Trial)
        public void setup() {
            long t0 = System.nanoTime();
            Map<String, Long> endowments = new LinkedHashMap<>();
            endowments.put("owner", 1_000 * TAO);
            endowments.put("cold", 1_000_000 * TAO);
            for (int i = 1; i <= VALIDATORS; i++) {
                endowments.put("whot-" + i, TAO); // pays its set_weights fee
            }
            BenchChain c = new BenchChain(ChainParams.dev(), endowments);
            c.block(
                    c.tx("owner", new Call.RegisterNetwork(c.id("owner-hot"))),
                    c.sudo(new Call.SetSubnetParameter(NETUID, Hyperparameter.MAX_ALLOWED_UIDS, 1_024)),
                    c.sudo(new Call.SetSubnetParameter(NETUID, Hyperparameter.MAX_ALLOWED_VALIDATORS, VALIDATORS)),
                    c.sudo(new Call.SetSubnetParameter(
                            NETUID, Hyperparameter.TEMPO, 65_535)), // no epoch while registering
                    c.sudo(new Call.SetSubnetParameter(
                            NETUID, Hyperparameter.MAX_BURN, 500_000)), // cheap registrations
                    c.sudo(new Call.SetSubnetParameter(NETUID, Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 0)));
            // one registration per subnet per block: 1,000 blocks
            SplittableRandom rnd = new SplittableRandom(7);
            for (int i = 1; i <= VALIDATORS; i++) {
                c.block(
                        c.tx("cold", new Call.BurnedRegister(NETUID, c.id("whot-" + i))),
                        c.tx("cold", new Call.AddStake(c.id("whot-" + i), rnd.nextLong(100, 1_001) * TAO)));
            }
            long regDone = System.nanoTime();
            // an epoch now, for the permits: due when (block + netuid + 1) % (tempo + 1) == 0
            long p = c.number() + 1;
            BenchChain.expectEpochs(
                    c.block(c.sudo(new Call.SetSubnetParameter(NETUID, Hyperparameter.TEMPO, p + NETUID))), 1);
            ChainState st = c.state();
            int n = st.subnet(NETUID).n();
            for (int uid = 1; uid <= VALIDATORS; uid++) {
                if (!st.neuron(NETUID, uid).validatorPermit()) {
                    throw new IllegalStateException("uid " + uid + " has no validator permit");
                }
            }
            // keep the measured block clear of the root epoch (the subnet's next epoch is p+1 blocks away)
            while (Coinbase.epochDue(c.number() + 1, 0, st.params().rootTempo())) {
                c.block();
            }
            runtime = c.runtime();
            parent = c.store();
            block = c.number() + 1;
            int[] all = new int[n];
            for (int j = 0; j < n; j++) {
                all[j] = j;
            }
            txs = new ArrayList<>(VALIDATORS);
            for (int i = 1; i <= VALIDATORS; i++) {
                // 256 distinct uids: a partial Fisher-Yates shuffle
                for (int k = 0; k < DESTS; k++) {
                    int r = k + rnd.nextInt(n - k);
                    int t = all[k];
                    all[k] = all[r];
                    all[r] = t;
                }
                int[] dests = java.util.Arrays.copyOf(all, DESTS);
                int[] values = new int[DESTS];
                for (int k = 0; k < DESTS; k++) {
                    values[k] = rnd.nextInt(1, 65_536);
                }
                txs.add(c.tx("whot-" + i, new Call.SetWeights(NETUID, dests, values, 0)));
            }
            // the measured block, once: every call must succeed
            BlockExecution b = runtime.begin(parent, block);
            for (ApplyResult r : b.applyAll(txs)) {
                if (!(r instanceof ApplyResult.Included inc) || !inc.success()) {
                    throw new IllegalStateException("set_weights not applied: " + r);
                }
            }
            BlockExecution.Outcome out = b.finish();
            BenchChain.expectEpochs(out, 0);
            System.out.printf(
                    "%n# Weights: subnet of %d uids, %d set_weights of %d bytes (%d dests) in block %d, "
                            + "%d state changes; setup %.1f s (registration blocks %.1f s)%n",
                    n,
                    txs.size(),
                    txs.get(0).encodedLength(),
                    DESTS,
                    block,
                    out.changes().size(),
                    (System.nanoTime() - t0) / 1e9,
                    (regDone - t0) / 1e9);
        }
    }

    /** The block of 1,000 set_weights (256 uids each): parallel verification, apply, block step. */
    @Benchmark
    public BlockExecution.Outcome setWeights1000x256(Weights s) {
        BlockExecution b = s.runtime.begin(s.parent, s.block);
        b.applyAll(s.txs);
        return b.finish();
    }

    /** The floor of that block: its 1,000 signatures verified on all cores. */
    @Benchmark
    public boolean[] setWeightsVerifyFloor(Weights s) {
        return s.runtime.verifyAll(s.txs);
    }

    // ================================================================ 32 epochs x 256 uids

    /**
     * 32 subnets (the subnet limit), each with 256 uids: the owner's, 64 staked validators (100..1,000
     * TAO) weighting all 256 uids, 191 miners; after a permit epoch, a weights block and a bonds
     * epoch, each subnet's tempo is set (sudo) so that all 32 epochs fall due in the measured block:
     * {@code (block + netuid + 1) % (tempo + 1) == 0} with {@code tempo = block + netuid}.
     */
    @State(Scope.Benchmark)
    public static class Epochs {
        static final int SUBNETS = 32;
        static final int UIDS = 256;
        static final int VALIDATORS = 64;

        Runtime runtime;
        MemoryKeyValueStore parent;
        long block;
        /** The epochs' inputs as read from the parent state (for {@code epochs32x256ConsensusOnly}). */
        List<SubnetSnapshot> snapshots;

        @Setup(Level.Trial)
        public void setup() {
            long t0 = System.nanoTime();
            Map<String, Long> endowments = new LinkedHashMap<>();
            endowments.put("owner", 1_000 * TAO);
            for (int k = 1; k <= SUBNETS; k++) {
                endowments.put("cold-" + k, 100_000 * TAO);
                for (int j = 1; j <= VALIDATORS; j++) {
                    endowments.put(hot(k, j), TAO); // pays its set_weights fees
                }
            }
            BenchChain c = new BenchChain(ChainParams.dev(), endowments);
            // the lock doubles with each subnet: make it 0 and allow all 32 registrations in one block
            c.block(
                    c.sudo(new Call.SetGlobalParameter(GlobalParameter.MIN_LOCK, 0)),
                    c.sudo(new Call.SetGlobalParameter(GlobalParameter.NETWORK_RATE_LIMIT, 0)));
            List<Extrinsic> txs = new ArrayList<>();
            for (int k = 1; k <= SUBNETS; k++) {
                txs.add(c.tx("owner", new Call.RegisterNetwork(c.id("owner-hot-" + k))));
            }
            c.block(txs);
            txs.clear();
            for (int k = 1; k <= SUBNETS; k++) {
                txs.add(c.sudo(new Call.SetSubnetParameter(k, Hyperparameter.TEMPO, 65_535)));
                txs.add(c.sudo(new Call.SetSubnetParameter(k, Hyperparameter.MAX_BURN, 500_000)));
                txs.add(c.sudo(new Call.SetSubnetParameter(k, Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 0)));
            }
            c.block(txs);
            // uids 1..255: one registration per subnet per block, all 32 subnets in each block
            SplittableRandom rnd = new SplittableRandom(11);
            for (int j = 1; j < UIDS; j++) {
                txs.clear();
                for (int k = 1; k <= SUBNETS; k++) {
                    txs.add(c.tx("cold-" + k, new Call.BurnedRegister(k, c.id(hot(k, j)))));
                    if (j <= VALIDATORS) {
                        txs.add(c.tx("cold-" + k, new Call.AddStake(c.id(hot(k, j)), rnd.nextLong(100, 1_001) * TAO)));
                    }
                }
                c.block(txs);
            }
            long regDone = System.nanoTime();
            // the permit epoch, then every validator weights all 256 uids, then an epoch for the bonds
            epochAllNext(c);
            txs.clear();
            int[] dests = new int[UIDS];
            for (int j = 0; j < UIDS; j++) {
                dests[j] = j;
            }
            for (int k = 1; k <= SUBNETS; k++) {
                for (int j = 1; j <= VALIDATORS; j++) {
                    int[] values = new int[UIDS];
                    for (int d = 0; d < UIDS; d++) {
                        values[d] = rnd.nextInt(1, 65_536);
                    }
                    txs.add(c.tx(hot(k, j), new Call.SetWeights(k, dests, values, 0)));
                }
            }
            c.block(txs);
            epochAllNext(c);
            // the measured block: all 32 epochs due, and not the root epoch
            ChainState st = c.state();
            while (Coinbase.epochDue(c.number() + 2, 0, st.params().rootTempo())) {
                c.block();
            }
            long b = c.number() + 2;
            txs.clear();
            for (int k = 1; k <= SUBNETS; k++) {
                txs.add(c.sudo(new Call.SetSubnetParameter(k, Hyperparameter.TEMPO, b + k)));
            }
            BenchChain.expectEpochs(c.block(txs), 0);
            runtime = c.runtime();
            parent = c.store();
            block = b;

            st = c.state();
            long weights = 0;
            long bonds = 0;
            int permits = 0;
            for (int k = 1; k <= SUBNETS; k++) {
                if (st.subnet(k).n() != UIDS) {
                    throw new IllegalStateException(
                            "subnet " + k + " has " + st.subnet(k).n() + " uids");
                }
                for (int uid = 0; uid < UIDS; uid++) {
                    SparseRow w = st.weights(k, uid);
                    SparseRow bo = st.bonds(k, uid);
                    weights += w.size();
                    bonds += bo.size();
                    permits += st.neuron(k, uid).validatorPermit() ? 1 : 0;
                }
            }
            snapshots = new ArrayList<>();
            for (int k = 1; k <= SUBNETS; k++) {
                snapshots.add(snapshot(st, k, block));
            }
            BlockExecution.Outcome out = runtime.begin(parent, block).finish();
            BenchChain.expectEpochs(out, SUBNETS);
            System.out.printf(
                    "%n# Epochs: %d subnets x %d uids in block %d: %d weight entries, %d bond entries, "
                            + "%d permits, %d state changes; setup %.1f s (registration blocks %.1f s)%n",
                    SUBNETS,
                    UIDS,
                    block,
                    weights,
                    bonds,
                    permits,
                    out.changes().size(),
                    (System.nanoTime() - t0) / 1e9,
                    (regDone - t0) / 1e9);
        }

        /**
         * The Yuma input of subnet {@code netuid} at {@code block}, built from state as
         * {@code SubnetEpoch.snapshot} (package-private there) builds it; commit-reveal is off.
         */
        static SubnetSnapshot snapshot(ChainState s, int netuid, long block) {
            SubnetInfo sn = s.subnet(netuid);
            Hyperparams h = s.hyperparams(netuid);
            EpochParams params = new EpochParams(
                    h.tempo(),
                    h.activityCutoff(),
                    h.kappa(),
                    h.bondsPenalty(),
                    h.bondsMovingAverage(),
                    h.maxAllowedValidators(),
                    h.yuma3(),
                    h.liquidAlpha(),
                    h.alphaLow(),
                    h.alphaHigh(),
                    h.alphaSigmoidSteepness(),
                    0,
                    s.uid(netuid, sn.ownerHotkey()),
                    h.commitRevealEnabled());
            List<NeuronInfo> neurons = s.neurons(netuid);
            List<NeuronSnapshot> snaps = new ArrayList<>(neurons.size());
            for (int uid = 0; uid < neurons.size(); uid++) {
                NeuronInfo nu = neurons.get(uid);
                snaps.add(new NeuronSnapshot(
                        s.totalHotkeyStake(nu.hotkey()),
                        nu.lastUpdate(),
                        nu.registeredAt(),
                        nu.validatorPermit(),
                        s.weights(netuid, uid),
                        s.bonds(netuid, uid),
                        NeuronSnapshot.NO_COMMIT));
            }
            return new SubnetSnapshot(params, snaps, block, sn.lastMechanismStepBlock(), sn.pendingEmission());
        }

        static String hot(int netuid, int j) {
            return "hot-" + netuid + "-" + j;
        }

        /** One block that sets every subnet's tempo so that all 32 epochs run in that same block. */
        private static void epochAllNext(BenchChain c) {
            long b = c.number() + 1;
            List<Extrinsic> txs = new ArrayList<>();
            for (int k = 1; k <= SUBNETS; k++) {
                txs.add(c.sudo(new Call.SetSubnetParameter(k, Hyperparameter.TEMPO, b + k)));
            }
            BenchChain.expectEpochs(c.block(txs), SUBNETS);
        }
    }

    /** An empty block whose step runs the epochs of all 32 subnets (plus burn decay and emission). */
    @Benchmark
    public BlockExecution.Outcome epochs32x256(Epochs s) {
        return s.runtime.begin(s.parent, s.block).finish();
    }

    /** Only the 32 {@link SubnetEpoch#run} calls of that block, on an overlay of the same state. */
    @Benchmark
    public int epochs32x256Direct(Epochs s) {
        OverlayKeyValueStore kv = new OverlayKeyValueStore(s.parent);
        ChainState st = new ChainState(kv);
        List<Event> events = new ArrayList<>();
        for (int k = 1; k <= Epochs.SUBNETS; k++) {
            SubnetEpoch.run(st, k, s.block, events);
        }
        return kv.size();
    }

    /** Only the consensus math of those 32 epochs: {@link Epoch#run} on snapshots read in setup. */
    @Benchmark
    public void epochs32x256ConsensusOnly(Epochs s, Blackhole bh) {
        for (SubnetSnapshot snap : s.snapshots) {
            bh.consume(Epoch.run(snap));
        }
    }
}
