package org.tao4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.TreeMap;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.MemoryKeyValueStore;
import org.tao4j.core.kv.OverlayKeyValueStore;
import org.tao4j.rocksdb.RocksConfig;
import org.tao4j.rocksdb.RocksKeyValueStore;
import org.tao4j.runtime.trie.SparseMerkleTree;

/**
 * One block's state-root work: {@code changedKeys} random existing keys get new values in a tree
 * of {@code stateSize} keys.
 *
 * <p>Each invocation writes through a fresh {@link OverlayKeyValueStore} over the built tree, as
 * the runtime does per block, and the overlay is dropped afterwards. So every invocation starts
 * from the same tree (no drift, no memory growth) and the figure includes the overlay's buffering
 * of the new nodes, but not the final database commit.
 *
 * <p>{@code store=memory} keeps the nodes in a {@link MemoryKeyValueStore} (hashing and tree
 * logic only); {@code store=rocksdb} keeps them in RocksDB in a temporary directory (what a node
 * does; reads hit RocksDB's caches and the OS page cache, the tree being a few hundred MB).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar StateRootBench -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx6g", "--enable-native-access=ALL-UNNAMED"})
public class StateRootBench {

    @Param({"1000000"})
    int stateSize;

    @Param({"1000"})
    int changedKeys;

    @Param({"memory", "rocksdb"})
    String store;

    private KeyValueStore nodes;
    private Path rocksDir;
    private RocksKeyValueStore rocks;
    private byte[] root;
    private SplittableRandom random;

    private SparseMerkleTree tree;
    private TreeMap<byte[], byte[]> changes;

    /** Keys shaped like runtime storage keys: a 16-byte map prefix and an 8-byte index. */
    static byte[] key(int index) {
        byte[] key = new byte[24];
        for (int i = 0; i < 16; i++) {
            key[i] = (byte) (0x70 + i);
        }
        for (int i = 0; i < 8; i++) {
            key[16 + i] = (byte) ((long) index >>> (56 - 8 * i));
        }
        return key;
    }

    private byte[] value() {
        byte[] value = new byte[16]; // roughly a balance plus a nonce
        random.nextBytes(value);
        return value;
    }

    @Setup(Level.Trial)
    public void buildTree() {
        random = new SplittableRandom(20_240_601L);
        if (store.equals("rocksdb")) {
            try {
                rocksDir = Files.createTempDirectory("tao4j-state-root-bench");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // No fsync per write: this measures the tree, not the disk's flush latency.
            rocks = RocksKeyValueStore.open(rocksDir, RocksConfig.defaults().withSyncWrites(false));
            nodes = rocks;
        } else {
            nodes = new MemoryKeyValueStore();
        }
        SparseMerkleTree builder = new SparseMerkleTree(nodes);
        root = SparseMerkleTree.emptyRoot();
        long start = System.nanoTime();
        // One update from empty: the store then holds exactly this tree, as after pruning.
        TreeMap<byte[], byte[]> all = new TreeMap<>(KeyValueStore.KEY_ORDER);
        for (int i = 0; i < stateSize; i++) {
            all.put(key(i), value());
        }
        root = builder.update(root, all);
        System.out.printf(
                "%nbuilt a %,d-key tree in %s in %d ms%n", stateSize, store, (System.nanoTime() - start) / 1_000_000);
    }

    @TearDown(Level.Trial)
    public void dropStore() throws IOException {
        if (rocks != null) {
            rocks.close();
            try (var paths = Files.walk(rocksDir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Setup(Level.Invocation)
    public void nextBlock() {
        tree = new SparseMerkleTree(new OverlayKeyValueStore(nodes));
        changes = new TreeMap<>(KeyValueStore.KEY_ORDER);
        while (changes.size() < changedKeys) {
            changes.put(key(random.nextInt(stateSize)), value());
        }
    }

    @Benchmark
    public byte[] updateRoot() {
        return tree.update(root, changes);
    }
}
