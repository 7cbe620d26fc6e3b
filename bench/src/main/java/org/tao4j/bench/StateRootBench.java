package org.tao4j.bench;

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
import org.openjdk.jmh.annotations.Warmup;
import org.tao4j.core.store.KeyValueStore;
import org.tao4j.core.store.MemoryKeyValueStore;
import org.tao4j.core.store.OverlayKeyValueStore;
import org.tao4j.runtime.state.SparseMerkleTree;

/**
 * One block's state-root work: {@code changedKeys} random existing keys get new values in a tree
 * of {@code stateSize} keys.
 *
 * <p>Each invocation writes through a fresh {@link OverlayKeyValueStore} over the built tree, as
 * the runtime does per block, and the overlay is dropped afterwards. So every invocation starts
 * from the same tree (no drift, no memory growth) and the figure includes the overlay's buffering
 * of the new nodes, but not the final database commit.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar StateRootBench -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx6g"})
public class StateRootBench {

  @Param({"1000000"})
  int stateSize;

  @Param({"1000"})
  int changedKeys;

  private MemoryKeyValueStore nodes;
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
    nodes = new MemoryKeyValueStore();
    SparseMerkleTree builder = new SparseMerkleTree(nodes);
    root = SparseMerkleTree.emptyRoot();
    long start = System.nanoTime();
    // Built in chunks so the build's peak memory stays a fraction of the final tree's.
    int chunk = 100_000;
    for (int from = 0; from < stateSize; from += chunk) {
      TreeMap<byte[], byte[]> batch = new TreeMap<>(KeyValueStore.KEY_ORDER);
      for (int i = from; i < Math.min(stateSize, from + chunk); i++) {
        batch.put(key(i), value());
      }
      root = builder.update(root, batch);
    }
    System.out.printf(
        "%nbuilt a %,d-key tree (%,d stored nodes, all versions) in %d ms%n",
        stateSize, nodes.size(), (System.nanoTime() - start) / 1_000_000);
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
