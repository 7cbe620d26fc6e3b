package org.tao4j.runtime.trie;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.StorageException;
import org.tao4j.core.kv.WriteBatch;

/**
 * A compact binary sparse Merkle tree: the commitment to the runtime's state (see {@code
 * docs/state-root.md}).
 *
 * <p>A storage key lives at the 256-bit path {@code Blake2b-256(key)} (bit 0 = most significant bit
 * of byte 0; 0 goes left). The hash of a subtree is defined only by the set of keys it holds:
 *
 * <ul>
 *   <li>no key: 32 zero bytes;
 *   <li>exactly one key: its leaf, {@code Blake2b-256(0x00 || keyHash || Blake2b-256(value))},
 *       wherever in the subtree the key is (a lone key "floats up" to the highest node whose subtree
 *       holds only it, so the tree is about log2(n) deep, not 256);
 *   <li>two or more: {@code Blake2b-256(0x01 || left || right)} of its two halves.
 * </ul>
 *
 * Because the root is a function of the key/value set alone, it does not depend on insertion order
 * or on how changes were batched.
 *
 * <p>Nodes are stored in the given store, keyed by their own hash (content-addressed), and are
 * never overwritten or deleted by the tree: every root ever returned stays readable until someone
 * prunes. Each update writes its new nodes with one {@link KeyValueStore#write(WriteBatch)}; if the
 * store is the block's {@link org.tao4j.core.kv.OverlayKeyValueStore} they land in the block's
 * atomic commit, and a rolled-back block leaves no nodes behind.
 *
 * <p>Stateless apart from the store, so it is as thread-safe as the store it reads.
 */
public final class SparseMerkleTree {

    /** Key hashes are 256 bits; two distinct ones always differ before this depth. */
    static final int MAX_DEPTH = 256;

    private final KeyValueStore nodes;

    /**
     * @param nodeStore where nodes are read and written, keyed by 32-byte hash. Give the tree a
     *     store (or a {@link org.tao4j.core.kv.PrefixedKeyValueStore} namespace) of its own: it
     *     never iterates the store, but other data under 32-byte keys would be mistaken for nodes.
     */
    public SparseMerkleTree(KeyValueStore nodeStore) {
        this.nodes = Objects.requireNonNull(nodeStore, "nodeStore");
    }

    /** The root of the tree with no keys: 32 zero bytes. */
    public static byte[] emptyRoot() {
        return new byte[Hasher.HASH_BYTES];
    }

    /**
     * Applies {@code changes} to the tree with root {@code oldRoot} and returns the new root. A null
     * value deletes the key (deleting an absent key is a no-op); an empty array is a value.
     *
     * <p>Cost: O(changes × log(keys)) node reads, hashes and writes. Changes under a common path
     * share the work on that path.
     *
     * @throws StorageException if a node under {@code oldRoot} is missing or corrupt
     */
    public byte[] update(byte[] oldRoot, SortedMap<byte[], byte[]> changes) {
        return updateWithNodes(oldRoot, changes).root();
    }

    /** {@link #update}, also reporting the nodes it wrote. */
    public UpdateResult updateWithNodes(byte[] oldRoot, SortedMap<byte[], byte[]> changes) {
        UpdateResult r = computeUpdate(oldRoot, changes);
        if (!r.written().isEmpty()) {
            WriteBatch batch = new WriteBatch();
            for (UpdateResult.WrittenNode node : r.written()) {
                batch.put(node.hash(), node.encoded());
            }
            nodes.write(batch);
        }
        return r;
    }

    /**
     * {@link #updateWithNodes} without writing the new nodes: the caller gets them in the result and
     * stores them itself (a node that commits a block's nodes in its own atomic write, for one).
     * Reads only.
     */
    public UpdateResult computeUpdate(byte[] oldRoot, SortedMap<byte[], byte[]> changes) {
        checkRoot(oldRoot);
        Objects.requireNonNull(changes, "changes");
        Updater updater = new Updater(changes);
        Ref root = updater.update(oldRoot.clone(), 0, 0, updater.changes.size());
        return new UpdateResult(
                root.hash, Collections.unmodifiableList(updater.written), List.copyOf(updater.replaced));
    }

    /**
     * The Blake2b-256 hash of the value stored under {@code key} in the tree with root {@code root},
     * or null if the key is absent. (The tree commits to value hashes; the values themselves live in
     * the state store.)
     */
    public byte[] get(byte[] root, byte[] key) {
        Proof proof = prove(root, key);
        byte[] keyHash = new Hasher().hash(key);
        return Arrays.equals(proof.leafKeyHash(), keyHash) ? proof.leafValueHash() : null;
    }

    /** A proof of {@code key}'s value, or of its absence, under {@code root}. */
    public Proof prove(byte[] root, byte[] key) {
        checkRoot(root);
        Objects.requireNonNull(key, "key");
        Hasher hasher = new Hasher();
        byte[] keyHash = hasher.hash(key);
        List<byte[]> siblings = new ArrayList<>();
        byte[] hash = root;
        for (int depth = 0; ; depth++) {
            if (Hasher.isZero(hash)) {
                return new Proof(siblings, null, null);
            }
            switch (load(hash)) {
                case Node.Leaf leaf -> {
                    return new Proof(siblings, leaf.keyHash(), leaf.valueHash());
                }
                case Node.Internal internal -> {
                    if (depth >= MAX_DEPTH - 1) {
                        throw corrupt(hash, "internal node at depth " + depth);
                    }
                    boolean right = Hasher.bit(keyHash, depth) == 1;
                    siblings.add(right ? internal.left() : internal.right());
                    hash = right ? internal.right() : internal.left();
                }
            }
        }
    }

    private Node load(byte[] hash) {
        byte[] encoded = nodes.get(hash);
        if (encoded == null) {
            throw new StorageException("state tree node " + HexFormat.of().formatHex(hash)
                    + " is missing: the node store does not hold this root's tree (pruned, or the wrong"
                    + " store)");
        }
        return Node.decode(hash, encoded);
    }

    private static StorageException corrupt(byte[] hash, String what) {
        return new StorageException("state tree node " + HexFormat.of().formatHex(hash) + " is corrupt: " + what);
    }

    private static void checkRoot(byte[] root) {
        Objects.requireNonNull(root, "root");
        if (root.length != Hasher.HASH_BYTES) {
            throw new IllegalArgumentException("a root is 32 bytes, got " + root.length);
        }
    }

    /** What a subtree hash is known to be; UNKNOWN for untouched subtrees we did not load. */
    private enum Kind {
        EMPTY,
        LEAF,
        INTERNAL,
        UNKNOWN
    }

    private record Ref(byte[] hash, Kind kind) {}

    /**
     * One key's change, in key-hash order; a null {@code valueHash} is a delete. During a rebuild an
     * entry may also stand for a leaf already in the store ({@code storedHash} set), which is then
     * reused instead of rewritten.
     */
    private record Entry(byte[] keyHash, byte[] valueHash, byte[] storedHash) {}

    /** The state of one update: its hasher, its sorted changes and the nodes it has created. */
    private final class Updater {
        final Hasher hasher = new Hasher();
        final List<Entry> changes;
        /**
         * The nodes created, in creation order. Each at most once: a node's hash commits to the set of
         * keys below it, and one update builds each subtree once. (A list, not a map sorted by hash:
         * keeping ~2 new nodes per changed key in a red-black tree of random 32-byte keys cost more than
         * hashing them.)
         */
        final List<UpdateResult.WrittenNode> written = new ArrayList<>();
        /** Old nodes on changed paths that the new tree no longer holds there (see UpdateResult). */
        final List<byte[]> replaced = new ArrayList<>();

        Updater(SortedMap<byte[], byte[]> byKey) {
            List<Entry> list = new ArrayList<>(byKey.size());
            for (Map.Entry<byte[], byte[]> change : byKey.entrySet()) {
                byte[] value = change.getValue();
                list.add(new Entry(
                        hasher.hash(Objects.requireNonNull(change.getKey(), "key")),
                        value == null ? null : hasher.hash(value),
                        null));
            }
            // The tree is ordered by key hash, not by key; sorting once lets each subtree's changes be a
            // contiguous range that splits into left/right halves at one index.
            list.sort((a, b) -> Arrays.compareUnsigned(a.keyHash, b.keyHash));
            for (int i = 1; i < list.size(); i++) {
                if (Arrays.equals(list.get(i - 1).keyHash, list.get(i).keyHash)) {
                    throw new IllegalArgumentException(
                            "changes contain the same key twice (the map's comparator is not byte equality?)");
                }
            }
            this.changes = list;
        }

        /** The subtree at {@code depth} with hash {@code hash}, after changes [from, to). */
        Ref update(byte[] hash, int depth, int from, int to) {
            if (from == to) {
                return new Ref(hash, Hasher.isZero(hash) ? Kind.EMPTY : Kind.UNKNOWN);
            }
            if (Hasher.isZero(hash)) {
                List<Entry> leaves = new ArrayList<>(to - from);
                for (Entry e : changes.subList(from, to)) {
                    if (e.valueHash != null) {
                        leaves.add(e);
                    }
                }
                return build(leaves, depth, 0, leaves.size());
            }
            return switch (load(hash)) {
                case Node.Leaf leaf -> {
                    List<Entry> leaves = mergeLeaf(leaf, hash, from, to);
                    boolean kept = false;
                    for (Entry e : leaves) {
                        kept |= e.storedHash == hash; // the old leaf itself, reused (identity: mergeLeaf passes it on)
                    }
                    if (!kept) {
                        replaced.add(hash);
                    }
                    yield build(leaves, depth, 0, leaves.size());
                }
                case Node.Internal internal -> {
                    if (depth >= MAX_DEPTH - 1) {
                        throw corrupt(hash, "internal node at depth " + depth);
                    }
                    int mid = split(changes, depth, from, to);
                    Ref left = update(internal.left(), depth + 1, from, mid);
                    Ref right = update(internal.right(), depth + 1, mid, to);
                    if (Arrays.equals(left.hash, internal.left()) && Arrays.equals(right.hash, internal.right())) {
                        yield new Ref(hash, Kind.INTERNAL); // the changes were no-ops
                    }
                    replaced.add(hash);
                    yield join(left, right);
                }
            };
        }

        /**
         * The leaves of a subtree that held only {@code leaf}, after changes [from, to): the changes'
         * new values, plus the old leaf unless a change replaces or deletes it.
         */
        private List<Entry> mergeLeaf(Node.Leaf leaf, byte[] leafHash, int from, int to) {
            List<Entry> leaves = new ArrayList<>(to - from + 1);
            Entry old = new Entry(leaf.keyHash(), leaf.valueHash(), leafHash);
            boolean oldPlaced = false;
            for (Entry e : changes.subList(from, to)) {
                int cmp = oldPlaced ? -1 : Arrays.compareUnsigned(leaf.keyHash(), e.keyHash);
                if (cmp < 0 && !oldPlaced) {
                    leaves.add(old);
                    oldPlaced = true;
                }
                if (cmp == 0) {
                    oldPlaced = true; // replaced or deleted
                    if (e.valueHash != null) {
                        // Same value again: keep the stored leaf rather than write an identical one.
                        leaves.add(Arrays.equals(e.valueHash, leaf.valueHash()) ? old : e);
                    }
                } else if (e.valueHash != null) {
                    leaves.add(e);
                }
            }
            if (!oldPlaced) {
                leaves.add(old);
            }
            return leaves;
        }

        /** A fresh subtree at {@code depth} holding exactly leaves [from, to) (sorted, distinct). */
        private Ref build(List<Entry> leaves, int depth, int from, int to) {
            int n = to - from;
            if (n == 0) {
                return new Ref(emptyRoot(), Kind.EMPTY);
            }
            if (n == 1) {
                Entry e = leaves.get(from);
                if (e.storedHash != null) {
                    return new Ref(e.storedHash, Kind.LEAF);
                }
                return write(new Node.Leaf(e.keyHash, e.valueHash), Kind.LEAF);
            }
            // Two distinct 256-bit hashes differ somewhere, so this recursion ends before depth 256.
            int mid = split(leaves, depth, from, to);
            Ref left = build(leaves, depth + 1, from, mid);
            Ref right = build(leaves, depth + 1, mid, to);
            return write(new Node.Internal(left.hash, right.hash), Kind.INTERNAL);
        }

        /**
         * Re-forms a node from two updated halves, restoring the canonical shape: a lone leaf next to
         * an empty half floats up to take this node's place.
         */
        private Ref join(Ref left, Ref right) {
            boolean leftEmpty = Hasher.isZero(left.hash);
            boolean rightEmpty = Hasher.isZero(right.hash);
            if (leftEmpty && rightEmpty) {
                return new Ref(emptyRoot(), Kind.EMPTY);
            }
            if (leftEmpty && kindOf(right) == Kind.LEAF) {
                return right;
            }
            if (rightEmpty && kindOf(left) == Kind.LEAF) {
                return left;
            }
            return write(new Node.Internal(left.hash, right.hash), Kind.INTERNAL);
        }

        private Kind kindOf(Ref ref) {
            if (ref.kind != Kind.UNKNOWN) {
                return ref.kind;
            }
            return load(ref.hash) instanceof Node.Leaf ? Kind.LEAF : Kind.INTERNAL;
        }

        private Ref write(Node node, Kind kind) {
            byte[] encoded = node.encode();
            byte[] hash = hasher.hash(encoded);
            written.add(new UpdateResult.WrittenNode(hash, encoded));
            return new Ref(hash, kind);
        }
    }

    /**
     * In a key-hash-sorted range whose hashes agree on bits [0, depth), the first index whose bit
     * {@code depth} is 1 (binary search: the 0s all come first).
     */
    private static int split(List<Entry> sorted, int depth, int from, int to) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Hasher.bit(sorted.get(mid).keyHash, depth) == 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
