package org.tao4j.runtime.trie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tao4j.runtime.trie.NaiveSmt.blake2b256;
import static org.tao4j.runtime.trie.NaiveSmt.leafHash;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.MemoryKeyValueStore;
import org.tao4j.core.kv.OverlayKeyValueStore;
import org.tao4j.core.kv.StorageException;
import org.tao4j.core.kv.WriteBatch;

class SparseMerkleTreeTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static SortedMap<byte[], byte[]> changes(Object... keyValues) {
        TreeMap<byte[], byte[]> map = new TreeMap<>(KeyValueStore.KEY_ORDER);
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(b((String) keyValues[i]), keyValues[i + 1] == null ? null : b((String) keyValues[i + 1]));
        }
        return map;
    }

    @Test
    void blake2b256KnownAnswers() {
        Hasher hasher = new Hasher();
        assertThat(hasher.hash(new byte[0]))
                .isEqualTo(hex("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"));
        assertThat(hasher.hash(b("abc")))
                .isEqualTo(hex("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"));
    }

    @Test
    void emptyTree() {
        SparseMerkleTree tree = new SparseMerkleTree(new MemoryKeyValueStore());
        assertThat(SparseMerkleTree.emptyRoot()).isEqualTo(new byte[32]);
        assertThat(tree.get(SparseMerkleTree.emptyRoot(), b("x"))).isNull();
        UpdateResult nothing = tree.updateWithNodes(SparseMerkleTree.emptyRoot(), changes("x", null));
        assertThat(nothing.root()).isEqualTo(new byte[32]);
        assertThat(nothing.writtenNodes()).isEmpty();
    }

    @Test
    void singleKeyRootIsItsLeaf() {
        MemoryKeyValueStore store = new MemoryKeyValueStore();
        SparseMerkleTree tree = new SparseMerkleTree(store);
        byte[] root = tree.update(SparseMerkleTree.emptyRoot(), changes("alice", "100"));
        assertThat(root).isEqualTo(leafHash(b("alice"), b("100")));
        assertThat(tree.get(root, b("alice"))).isEqualTo(blake2b256(b("100")));
        assertThat(store.get(root)).isEqualTo(concat(new byte[] {0}, blake2b256(b("alice")), blake2b256(b("100"))));
        assertThat(tree.update(root, changes("alice", null))).isEqualTo(new byte[32]);
    }

    @Test
    void twoKeysSharingAPrefixHangUnderAChainOfOneSidedNodes() {
        // Find two keys whose hashes agree on the first 8 bits, so the tree needs 8 one-sided nodes
        // above the node where they split.
        byte[] k1 = null;
        byte[] k2 = null;
        byte[][] seen = new byte[256][];
        for (int i = 0; k2 == null; i++) {
            byte[] k = b("key-" + i);
            int first = blake2b256(k)[0] & 0xff;
            if (seen[first] != null) {
                k1 = seen[first];
                k2 = k;
            }
            seen[first] = k;
        }
        byte[] h1 = blake2b256(k1);
        byte[] h2 = blake2b256(k2);
        int split = 8;
        while (Hasher.bit(h1, split) == Hasher.bit(h2, split)) {
            split++;
        }
        byte[] l1 = leafHash(k1, b("v1"));
        byte[] l2 = leafHash(k2, b("v2"));
        byte[] node =
                Hasher.bit(h1, split) == 0 ? blake2b256(new byte[] {1}, l1, l2) : blake2b256(new byte[] {1}, l2, l1);
        for (int d = split - 1; d >= 0; d--) {
            node = Hasher.bit(h1, d) == 0
                    ? blake2b256(new byte[] {1}, node, new byte[32])
                    : blake2b256(new byte[] {1}, new byte[32], node);
        }
        TreeMap<byte[], byte[]> both = new TreeMap<>(KeyValueStore.KEY_ORDER);
        both.put(k1, b("v1"));
        both.put(k2, b("v2"));
        MemoryKeyValueStore store = new MemoryKeyValueStore();
        SparseMerkleTree tree = new SparseMerkleTree(store);
        UpdateResult result = tree.updateWithNodes(SparseMerkleTree.emptyRoot(), both);
        assertThat(result.root()).isEqualTo(node);
        assertThat(result.writtenNodes()).hasSize(2 + split + 1); // two leaves, the split, the chain
        assertThat(tree.prove(result.root(), k1).siblings()).hasSize(split + 1);

        // Deleting one key collapses the whole chain: the survivor floats back up to the root.
        TreeMap<byte[], byte[]> delete = new TreeMap<>(KeyValueStore.KEY_ORDER);
        delete.put(k2, null);
        assertThat(tree.update(result.root(), delete)).isEqualTo(leafHash(k1, b("v1")));
    }

    @Test
    void oldRootsStayReadable() {
        SparseMerkleTree tree = new SparseMerkleTree(new MemoryKeyValueStore());
        byte[] r1 = tree.update(SparseMerkleTree.emptyRoot(), changes("a", "1", "b", "2", "c", "3"));
        byte[] r2 = tree.update(r1, changes("a", "10", "b", null, "d", "4"));
        assertThat(tree.get(r1, b("a"))).isEqualTo(blake2b256(b("1")));
        assertThat(tree.get(r1, b("b"))).isEqualTo(blake2b256(b("2")));
        assertThat(tree.get(r1, b("d"))).isNull();
        assertThat(tree.get(r2, b("a"))).isEqualTo(blake2b256(b("10")));
        assertThat(tree.get(r2, b("b"))).isNull();
        assertThat(tree.get(r2, b("d"))).isEqualTo(blake2b256(b("4")));
    }

    @Test
    void noOpChangesWriteNothingAndKeepTheRoot() {
        SparseMerkleTree tree = new SparseMerkleTree(new MemoryKeyValueStore());
        byte[] root = tree.update(SparseMerkleTree.emptyRoot(), changes("a", "1", "b", "2", "c", "3"));
        UpdateResult same = tree.updateWithNodes(root, changes("a", "1", "zz", null, "c", "3"));
        assertThat(same.root()).isEqualTo(root);
        assertThat(same.writtenNodes()).isEmpty();
    }

    @Test
    void emptyValueIsAValueNotADelete() {
        SparseMerkleTree tree = new SparseMerkleTree(new MemoryKeyValueStore());
        byte[] root = tree.update(SparseMerkleTree.emptyRoot(), changes("a", ""));
        assertThat(root).isEqualTo(leafHash(b("a"), new byte[0]));
        assertThat(tree.get(root, b("a"))).isEqualTo(blake2b256(new byte[0]));
    }

    @Test
    void proofsOfPresenceAndAbsence() {
        SparseMerkleTree tree = new SparseMerkleTree(new MemoryKeyValueStore());
        TreeMap<byte[], byte[]> state = new TreeMap<>(KeyValueStore.KEY_ORDER);
        for (int i = 0; i < 200; i++) {
            state.put(b("k" + i), b("v" + i));
        }
        byte[] root = tree.update(SparseMerkleTree.emptyRoot(), state);
        assertThat(root).isEqualTo(NaiveSmt.root(state));
        int otherLeafTerminals = 0;
        for (int i = 0; i < 400; i++) {
            byte[] key = b("k" + i);
            Proof proof = tree.prove(root, key);
            if (i < 200) {
                assertThat(proof.verify(root, key, b("v" + i))).isTrue();
                assertThat(proof.verify(root, key, b("wrong"))).isFalse();
                assertThat(proof.verify(root, key, null)).isFalse();
            } else {
                assertThat(proof.verify(root, key, null)).isTrue();
                assertThat(proof.verify(root, key, b("v" + i))).isFalse();
                if (proof.leafKeyHash() != null) {
                    otherLeafTerminals++;
                }
            }
            byte[] otherRoot = root.clone();
            otherRoot[5] ^= 1;
            assertThat(proof.verify(otherRoot, key, i < 200 ? b("v" + i) : null))
                    .isFalse();
        }
        assertThat(otherLeafTerminals).isPositive(); // both kinds of absence proof were exercised
        // A present key's proof does not prove another key present or absent.
        Proof p0 = tree.prove(root, b("k0"));
        assertThat(p0.verify(root, b("k1"), b("v1"))).isFalse();
        assertThat(p0.verify(root, b("k1"), null)).isFalse();
    }

    @Test
    void depthIsLogarithmic() {
        SparseMerkleTree tree = new SparseMerkleTree(new MemoryKeyValueStore());
        TreeMap<byte[], byte[]> state = new TreeMap<>(KeyValueStore.KEY_ORDER);
        for (int i = 0; i < 20_000; i++) {
            state.put(b("account/" + i), b("balance " + i));
        }
        byte[] root = tree.update(SparseMerkleTree.emptyRoot(), state);
        int max = 0;
        for (int i = 0; i < 20_000; i += 7) {
            max = Math.max(max, tree.prove(root, b("account/" + i)).siblings().size());
        }
        // log2(20000) is about 14.3; the deepest of n random paths is about 2 log2 n.
        assertThat(max).isBetween(14, 48);
    }

    @Test
    void nodesLandInTheOverlayAndRollBackWithIt() {
        CountingStore db = new CountingStore();
        SparseMerkleTree committed = new SparseMerkleTree(db);
        byte[] r1 = committed.update(SparseMerkleTree.emptyRoot(), changes("a", "1", "b", "2"));
        int nodesBefore = db.inner.size();
        db.batches.clear();

        OverlayKeyValueStore block = new OverlayKeyValueStore(db);
        SparseMerkleTree tree = new SparseMerkleTree(block);
        UpdateResult r2 = tree.updateWithNodes(r1, changes("c", "3", "a", null));
        assertThat(db.batches).isEmpty();
        assertThat(db.singleWrites).isZero();
        assertThat(block.changes().keySet())
                .containsExactlyElementsOf(r2.writtenNodes().keySet());
        assertThat(tree.get(r2.root(), b("c"))).isEqualTo(blake2b256(b("3")));

        block.rollback();
        assertThat(db.inner.size()).isEqualTo(nodesBefore);
        assertThatThrownBy(() -> committed.get(r2.root(), b("c")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("is missing");

        UpdateResult again = tree.updateWithNodes(r1, changes("c", "3", "a", null));
        block.commit();
        assertThat(db.batches).hasSize(1);
        assertThat(db.singleWrites).isZero();
        assertThat(committed.get(again.root(), b("c"))).isEqualTo(blake2b256(b("3")));
        assertThat(committed.get(r1, b("a"))).isEqualTo(blake2b256(b("1")));
    }

    @Test
    void writtenNodesAreContentAddressed() {
        SparseMerkleTree tree = new SparseMerkleTree(new MemoryKeyValueStore());
        UpdateResult r = tree.updateWithNodes(SparseMerkleTree.emptyRoot(), changes("a", "1", "b", "2", "c", "3"));
        assertThat(r.writtenNodes()).isNotEmpty();
        r.writtenNodes()
                .forEach((hash, encoded) -> assertThat(blake2b256(encoded)).isEqualTo(hash));
        assertThat(r.writtenNodes()).containsKey(r.root());
    }

    @Test
    void computeUpdateReadsOnlyAndReportsWhatUpdateWouldWrite() {
        MemoryKeyValueStore store = new MemoryKeyValueStore();
        SparseMerkleTree tree = new SparseMerkleTree(store);
        Random rnd = new Random(7);
        TreeMap<byte[], byte[]> first = new TreeMap<>(KeyValueStore.KEY_ORDER);
        for (int i = 0; i < 300; i++) {
            first.put(b("k" + i), b("v" + rnd.nextInt()));
        }
        byte[] r1 = tree.update(SparseMerkleTree.emptyRoot(), first);
        TreeMap<byte[], byte[]> second = new TreeMap<>(KeyValueStore.KEY_ORDER);
        for (int i = 0; i < 400; i += 3) {
            second.put(b("k" + i), i % 2 == 0 ? null : b("w" + rnd.nextInt()));
        }
        java.util.Map<String, byte[]> before = snapshot(store);

        UpdateResult computed = tree.computeUpdate(r1, second);
        assertThat(snapshot(store)).containsExactlyInAnyOrderEntriesOf(before); // nothing written

        MemoryKeyValueStore copy = new MemoryKeyValueStore();
        before.forEach((k, v) -> copy.put(HexFormat.of().parseHex(k), v));
        UpdateResult updated = new SparseMerkleTree(copy).updateWithNodes(r1, second);
        assertThat(computed.root()).isEqualTo(updated.root());
        assertThat(computed.writtenNodes().keySet())
                .containsExactlyElementsOf(updated.writtenNodes().keySet());
        // each node once, in the order made: the root is the last one
        List<String> hashes = computed.written().stream()
                .map(n -> HexFormat.of().formatHex(n.hash()))
                .toList();
        assertThat(hashes)
                .doesNotHaveDuplicates()
                .last()
                .isEqualTo(HexFormat.of().formatHex(computed.root()));
        // storing the reported nodes makes the new root readable
        computed.written().forEach(n -> store.put(n.hash(), n.encoded()));
        assertThat(tree.get(computed.root(), b("k1"))).isEqualTo(blake2b256(first.get(b("k1")))); // unchanged
        assertThat(tree.get(computed.root(), b("k3"))).isEqualTo(blake2b256(second.get(b("k3")))); // changed
        assertThat(tree.get(computed.root(), b("k6"))).isNull(); // deleted
    }

    private static java.util.Map<String, byte[]> snapshot(KeyValueStore store) {
        java.util.Map<String, byte[]> m = new java.util.TreeMap<>();
        store.forEachWithPrefix(new byte[0], (k, v) -> m.put(HexFormat.of().formatHex(k), v));
        return m;
    }

    @Test
    void badInputsAndBadStores() {
        MemoryKeyValueStore store = new MemoryKeyValueStore();
        SparseMerkleTree tree = new SparseMerkleTree(store);
        assertThatThrownBy(() -> tree.update(new byte[31], changes("a", "1")))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] unknown = blake2b256(b("no such node"));
        assertThatThrownBy(() -> tree.get(unknown, b("a")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(HexFormat.of().formatHex(unknown))
                .hasMessageContaining("is missing");
        store.put(unknown, new byte[] {7, 7});
        assertThatThrownBy(() -> tree.update(unknown, changes("a", "1")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("is corrupt");
        // A map ordered by array identity can hold the same key bytes twice: refused, not guessed at.
        TreeMap<byte[], byte[]> byIdentity =
                new TreeMap<>((x, y) -> Integer.compare(System.identityHashCode(x), System.identityHashCode(y)));
        byIdentity.put(b("a"), b("1"));
        byIdentity.put(b("a"), b("2"));
        assertThat(byIdentity).hasSize(2);
        assertThatThrownBy(() -> tree.update(SparseMerkleTree.emptyRoot(), byIdentity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same key twice");
    }

    @Test
    void largeRandomWorkloadMatchesNaive() {
        Random random = new Random(42);
        SparseMerkleTree tree = new SparseMerkleTree(new MemoryKeyValueStore());
        TreeMap<byte[], byte[]> model = new TreeMap<>(KeyValueStore.KEY_ORDER);
        byte[] root = SparseMerkleTree.emptyRoot();
        for (int block = 0; block < 30; block++) {
            TreeMap<byte[], byte[]> changes = new TreeMap<>(KeyValueStore.KEY_ORDER);
            for (int i = 0; i < 100; i++) {
                byte[] key = b("k" + random.nextInt(1500));
                byte[] value = random.nextInt(4) == 0 ? null : b("v" + random.nextInt());
                changes.put(key, value);
            }
            root = tree.update(root, changes);
            changes.forEach((k, v) -> {
                if (v == null) {
                    model.remove(k);
                } else {
                    model.put(k, v);
                }
            });
            assertThat(root).isEqualTo(NaiveSmt.root(model));
        }
    }

    private static byte[] concat(byte[]... parts) {
        List<Byte> out = new ArrayList<>();
        for (byte[] p : parts) {
            for (byte x : p) {
                out.add(x);
            }
        }
        byte[] r = new byte[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i);
        }
        return r;
    }

    /** Counts writes so tests can check what reaches the database and how. */
    static final class CountingStore implements KeyValueStore {
        final MemoryKeyValueStore inner = new MemoryKeyValueStore();
        final List<WriteBatch> batches = new ArrayList<>();
        int singleWrites;

        @Override
        public byte[] get(byte[] key) {
            return inner.get(key);
        }

        @Override
        public void put(byte[] key, byte[] value) {
            singleWrites++;
            inner.put(key, value);
        }

        @Override
        public void delete(byte[] key) {
            singleWrites++;
            inner.delete(key);
        }

        @Override
        public void forEachWithPrefix(byte[] prefix, BiConsumer<byte[], byte[]> consumer) {
            inner.forEachWithPrefix(prefix, consumer);
        }

        @Override
        public void write(WriteBatch batch) {
            batches.add(batch);
            inner.write(batch);
        }
    }
}
