package org.tao4j.node.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.node.pool.PoolRejection;
import org.tao4j.node.pool.TransactionPool;
import org.tao4j.node.production.Chain;
import org.tao4j.node.production.ImportedBlock;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.Genesis;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * The CPU time of producing a block of transfers on the node's own path ({@link Chain#produce}:
 * pool selection, execution, state root, the RocksDB commit, the pool's update), on the calling
 * thread, without the signature checks (they happen at admission, before this). The node bench
 * ({@link NodeBench}) measures everything end to end, but on a shared 2-core machine its figures
 * move by ±10% between runs; thread CPU time of this one step moves much less, so changes to block
 * production are compared with this.
 *
 * <p>Run: {@code scripts/bench-node.sh --production [blocks] [transfers per block] [state pruning]}
 * (default 40, 7,000 and 256; the first half are warm-up). Prints the median CPU µs per transfer of the measured blocks.
 * With {@code NODEBENCH_JAVA_OPTS=-Dblockcpu.index=true} the account index follows the chain, as on a
 * node with {@code --index accounts}.
 */
public final class BlockProductionCpu {

    public static void main(String[] args) throws Exception {
        int blocks = 40;
        int perBlock = 7_000;
        int pruning = 256;
        try {
            if (args.length > 3) {
                throw new IllegalArgumentException(
                        "takes at most 3 arguments: [blocks] [transfers per block] [state pruning]");
            }
            blocks = args.length > 0 ? NodeBench.count("blocks", args[0], 2) : blocks;
            perBlock = args.length > 1 ? NodeBench.count("transfers per block", args[1], 1) : perBlock;
            pruning = args.length > 2 ? NodeBench.count("state pruning", args[2], 1) : pruning;
        } catch (IllegalArgumentException e) {
            System.err.println("bench-node --production: " + e.getMessage());
            System.exit(2);
        }
        int senders = 2_000;
        List<Ed25519.KeyPair> keys = IntStream.range(0, senders)
                .parallel()
                .mapToObj(i -> Ed25519.KeyPair.fromSeed(
                        Blake2b.hash256(("tao4j-bench//" + i).getBytes(StandardCharsets.UTF_8))))
                .toList();
        List<Genesis.Endowment> endowments = new ArrayList<>();
        for (Ed25519.KeyPair k : keys) {
            endowments.add(new Genesis.Endowment(AccountId.of(k.publicKey()), 1_000 * ChainParams.RAO_PER_TAO));
        }
        ChainSpec spec = new ChainSpec(
                "BlockProductionCpu",
                "blockproductioncpu",
                false,
                List.of(DevAccounts.account("Alice")),
                ChainParams.dev(),
                endowments,
                DevAccounts.account("Alice"));
        Path dir = Files.createTempDirectory("tao-blockcpu-");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Chain chain = Chain.open(spec, dir.resolve("db"), true, pruning)) {
            TransactionPool pool = new TransactionPool(
                    chain.runtime(),
                    () -> new TransactionPool.Head(
                            chain.headState(), chain.head().number()),
                    perBlock + 1);
            chain.addListener(
                    b -> pool.onBlock(b.hash(), b.number(), b.extrinsicHashes(), b.invalid(), chain.headState()));
            // -Dblockcpu.index=true: the account index follows the chain as on a node (--index accounts).
            // produce only hands it each block; its own thread's CPU is measured separately below
            org.tao4j.node.index.AccountIndex index = Boolean.getBoolean("blockcpu.index")
                    ? org.tao4j.node.index.AccountIndex.open(dir.resolve("index"), chain.store())
                    : null;
            if (index != null) {
                chain.addListener(index);
            }
            byte[] genesis = chain.genesisHash().bytes();
            Ed25519.KeyPair alice = DevAccounts.keyPair("Alice");
            long clock = 1_700_000_000_000L;
            double[] usPerTx = new double[blocks];
            long[] nonces = new long[senders];
            int next = 0;
            long indexCpu0 = 0;
            for (int b = 0; b < blocks; b++) {
                if (b == blocks / 2 && index != null) {
                    index.awaitIndexed(chain.head().number(), java.time.Duration.ofMinutes(5));
                    indexCpu0 = index.threadCpuNanos();
                }
                final int first = next;
                long[] nonceAt = new long[perBlock];
                for (int i = 0; i < perBlock; i++) {
                    nonceAt[i] = nonces[(first + i) % senders]++;
                }
                Extrinsic[] xs = IntStream.range(0, perBlock)
                        .parallel()
                        .mapToObj(i -> {
                            int sender = (first + i) % senders;
                            AccountId to = AccountId.of(
                                    keys.get((sender + 1) % senders).publicKey());
                            return Extrinsic.sign(
                                    keys.get(sender),
                                    nonceAt[i],
                                    0,
                                    1_000_000,
                                    new Call.Transfer(to, 1_000_000 + i),
                                    genesis);
                        })
                        .toArray(Extrinsic[]::new);
                next += perBlock;
                for (Extrinsic x : xs) {
                    try {
                        pool.submit(x, null);
                    } catch (PoolRejection e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                }
                clock += 250;
                long cpu0 = threads.getCurrentThreadCpuTime();
                ImportedBlock block = chain.produce(alice, pool, clock, perBlock);
                long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                if (block.block().extrinsics().size() != perBlock) {
                    throw new IllegalStateException("block #" + block.number() + " holds "
                            + block.block().extrinsics().size() + " transfers, expected " + perBlock);
                }
                usPerTx[b] = cpu / 1e3 / perBlock;
            }
            if (Boolean.getBoolean("blockcpu.series")) {
                StringBuilder sb = new StringBuilder("per block (us per transfer):");
                for (double v : usPerTx) {
                    sb.append(String.format(Locale.ROOT, " %.0f", v));
                }
                System.out.println(sb);
            }
            double[] measured = Arrays.copyOfRange(usPerTx, blocks / 2, blocks);
            Arrays.sort(measured);
            System.out.printf(
                    Locale.ROOT,
                    "RESULT block production CPU per transfer: median %.1f us (min %.1f, max %.1f)"
                            + " over %d blocks of %d transfers, after %d warm-up blocks%n",
                    measured[measured.length / 2],
                    measured[0],
                    measured[measured.length - 1],
                    measured.length,
                    perBlock,
                    blocks / 2);
            System.out.println("account index: " + (index != null ? "on" : "off"));
            if (index != null) {
                if (!index.awaitIndexed(chain.head().number(), java.time.Duration.ofMinutes(5))) {
                    throw new IllegalStateException("the account index did not reach the head");
                }
                double indexUs = (index.threadCpuNanos() - indexCpu0) / 1e3 / ((long) (blocks - blocks / 2) * perBlock);
                System.out.printf(
                        Locale.ROOT,
                        "RESULT account index thread CPU per transfer: %.1f us (mean over the measured blocks)%n",
                        indexUs);
                index.close();
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }
}
