package org.tao4j.runtime.trie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.MemoryKeyValueStore;
import org.tao4j.core.kv.OverlayKeyValueStore;
import org.tao4j.core.kv.PrefixedKeyValueStore;

/**
 * The root is a function of the final key/value set: the same operations, applied one by one, in
 * random batches, all at once, or through overlays, give the same root as the from-scratch
 * definition; and every intermediate root keeps answering for its own version.
 */
class SparseMerkleTreeProperties {

    /** A put (value != null) or delete (value == null) of one key. */
    record Op(byte[] key, byte[] value) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        // A small key space, so sequences overwrite and delete keys that exist, and delete ones that
        // do not; empty keys and empty values included.
        Arbitrary<byte[]> keys = Arbitraries.integers()
                .between(0, 60)
                .map(i -> i == 0 ? new byte[0] : new byte[] {i.byteValue(), (byte) (i * 7)});
        Arbitrary<byte[]> values =
                Arbitraries.bytes().array(byte[].class).ofMaxSize(3).injectNull(0.3);
        return Combinators.combine(keys, values).as(Op::new).list().ofMaxSize(120);
    }

    @Property(tries = 200)
    void rootIsIndependentOfBatchingAndEqualsFromScratch(
            @ForAll("ops") List<Op> ops, @ForAll @IntRange(min = 1, max = 40) int batchSize, @ForAll long seed) {
        TreeMap<byte[], byte[]> finalState = new TreeMap<>(KeyValueStore.KEY_ORDER);
        for (Op op : ops) {
            apply(finalState, op.key(), op.value());
        }
        byte[] expected = NaiveSmt.root(finalState);

        // One update per operation.
        SparseMerkleTree single = new SparseMerkleTree(new MemoryKeyValueStore());
        byte[] root = SparseMerkleTree.emptyRoot();
        for (Op op : ops) {
            root = single.update(root, batch(List.of(op)));
        }
        assertThat(root).isEqualTo(expected);

        // Fixed-size batches, and random-size batches.
        assertThat(applyInBatches(new SparseMerkleTree(new MemoryKeyValueStore()), ops, i -> batchSize))
                .isEqualTo(expected);
        Random random = new Random(seed);
        assertThat(applyInBatches(new SparseMerkleTree(new MemoryKeyValueStore()), ops, i -> 1 + random.nextInt(25)))
                .isEqualTo(expected);

        // The final set in one update, in a different insertion order (reverse).
        TreeMap<byte[], byte[]> reversed = new TreeMap<>(KeyValueStore.KEY_ORDER.reversed());
        reversed.putAll(finalState);
        assertThat(new SparseMerkleTree(new MemoryKeyValueStore()).update(SparseMerkleTree.emptyRoot(), reversed))
                .isEqualTo(expected);
    }

    @Property(tries = 100)
    void everyRootStaysReadableAndProvable(
            @ForAll("ops") List<Op> ops, @ForAll @IntRange(min = 1, max = 20) int batchSize) {
        SparseMerkleTree tree = new SparseMerkleTree(new MemoryKeyValueStore());
        TreeMap<byte[], byte[]> state = new TreeMap<>(KeyValueStore.KEY_ORDER);
        List<byte[]> roots = new ArrayList<>();
        List<TreeMap<byte[], byte[]>> versions = new ArrayList<>();
        byte[] root = SparseMerkleTree.emptyRoot();
        for (int from = 0; from < ops.size(); from += batchSize) {
            List<Op> chunk = ops.subList(from, Math.min(ops.size(), from + batchSize));
            root = tree.update(root, batch(chunk));
            for (Op op : chunk) {
                apply(state, op.key(), op.value());
            }
            roots.add(root);
            versions.add(new TreeMap<>(state));
        }
        for (int v = 0; v < roots.size(); v++) {
            byte[] r = roots.get(v);
            assertThat(r).isEqualTo(NaiveSmt.root(versions.get(v)));
            for (Op op : ops) {
                byte[] value = versions.get(v).get(op.key());
                byte[] got = tree.get(r, op.key());
                assertThat(got).isEqualTo(value == null ? null : NaiveSmt.blake2b256(value));
                assertThat(tree.prove(r, op.key()).verify(r, op.key(), value)).isTrue();
            }
        }
    }

    @Property(tries = 100)
    void nestedOverlaysGiveTheSameRootsAsTheBareStore(
            @ForAll("ops") List<Op> ops, @ForAll @IntRange(min = 1, max = 15) int batchSize) {
        // One block overlay per batch over the database, one transaction overlay per op over the
        // block; every third transaction is rolled back. The tree runs over the block overlay.
        MemoryKeyValueStore db = new MemoryKeyValueStore();
        TreeMap<byte[], byte[]> expectedState = new TreeMap<>(KeyValueStore.KEY_ORDER);
        byte[] root = SparseMerkleTree.emptyRoot();
        int n = 0;
        for (int from = 0; from < ops.size(); from += batchSize) {
            OverlayKeyValueStore block = new OverlayKeyValueStore(db);
            KeyValueStore state = new PrefixedKeyValueStore(block, new byte[] {'s'});
            OverlayKeyValueStore stateChanges = new OverlayKeyValueStore(state);
            for (Op op : ops.subList(from, Math.min(ops.size(), from + batchSize))) {
                OverlayKeyValueStore tx = new OverlayKeyValueStore(stateChanges);
                if (op.value() == null) {
                    tx.delete(op.key());
                } else {
                    tx.put(op.key(), op.value());
                }
                if (n++ % 3 == 2) {
                    tx.rollback();
                } else {
                    tx.commit();
                    apply(expectedState, op.key(), op.value());
                }
            }
            SparseMerkleTree tree = new SparseMerkleTree(new PrefixedKeyValueStore(block, new byte[] {'n'}));
            root = tree.update(root, stateChanges.changes());
            stateChanges.commit();
            block.commit();
        }
        assertThat(root).isEqualTo(NaiveSmt.root(expectedState));
        // And the committed state itself hashes to the same root from scratch.
        TreeMap<byte[], byte[]> stored = new TreeMap<>(KeyValueStore.KEY_ORDER);
        new PrefixedKeyValueStore(db, new byte[] {'s'}).forEachWithPrefix(new byte[0], stored::put);
        assertThat(NaiveSmt.root(stored)).isEqualTo(root);
    }

    private static byte[] applyInBatches(SparseMerkleTree tree, List<Op> ops, IntUnaryOperator size) {
        byte[] root = SparseMerkleTree.emptyRoot();
        int from = 0;
        for (int i = 0; from < ops.size(); i++) {
            int to = Math.min(ops.size(), from + size.applyAsInt(i));
            root = tree.update(root, batch(ops.subList(from, to)));
            from = to;
        }
        return root;
    }

    /** A batch: later operations on the same key win, as they would in an overlay. */
    private static TreeMap<byte[], byte[]> batch(List<Op> ops) {
        TreeMap<byte[], byte[]> changes = new TreeMap<>(KeyValueStore.KEY_ORDER);
        for (Op op : ops) {
            changes.put(op.key(), op.value());
        }
        return changes;
    }

    private static void apply(Map<byte[], byte[]> state, byte[] key, byte[] value) {
        if (value == null) {
            state.remove(key);
        } else {
            state.put(key, value);
        }
    }
}
