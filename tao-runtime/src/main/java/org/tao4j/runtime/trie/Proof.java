package org.tao4j.runtime.trie;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A Merkle proof that a key has a given value, or is absent, under a root.
 *
 * <p>The path from the root towards the key's hash ends at one of: the key's own leaf (inclusion),
 * an empty subtree (absence), or another key's leaf (absence: that leaf is alone in the subtree the
 * key would be in). {@code siblings} are the hashes beside that path, root first; the terminal leaf,
 * if any, is {@code leafKeyHash}/{@code leafValueHash} (both null for an empty terminal).
 */
public record Proof(List<byte[]> siblings, byte[] leafKeyHash, byte[] leafValueHash) {

    public Proof {
        List<byte[]> copy = new ArrayList<>(siblings.size());
        for (byte[] s : siblings) {
            copy.add(s.clone());
        }
        siblings = List.copyOf(copy);
        if ((leafKeyHash == null) != (leafValueHash == null)) {
            throw new IllegalArgumentException("leafKeyHash and leafValueHash must both be set or both null");
        }
        leafKeyHash = leafKeyHash == null ? null : leafKeyHash.clone();
        leafValueHash = leafValueHash == null ? null : leafValueHash.clone();
    }

    @Override
    public List<byte[]> siblings() {
        return siblings.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] leafKeyHash() {
        return leafKeyHash == null ? null : leafKeyHash.clone();
    }

    @Override
    public byte[] leafValueHash() {
        return leafValueHash == null ? null : leafValueHash.clone();
    }

    /**
     * Whether this proof shows that, under {@code root}, {@code key} maps to {@code value} (or is
     * absent, if {@code value} is null).
     */
    public boolean verify(byte[] root, byte[] key, byte[] value) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(key, "key");
        if (root.length != Hasher.HASH_BYTES || siblings.size() >= SparseMerkleTree.MAX_DEPTH) {
            return false;
        }
        for (byte[] s : siblings) {
            if (s.length != Hasher.HASH_BYTES) {
                return false;
            }
        }
        Hasher hasher = new Hasher();
        byte[] keyHash = hasher.hash(key);
        byte[] node;
        if (value != null) {
            if (leafKeyHash == null
                    || !Arrays.equals(leafKeyHash, keyHash)
                    || !Arrays.equals(leafValueHash, hasher.hash(value))) {
                return false;
            }
            node = hasher.leaf(keyHash, leafValueHash);
        } else if (leafKeyHash == null) {
            node = new byte[Hasher.HASH_BYTES];
        } else {
            // Another key's leaf proves absence only if it sits on our key's path.
            if (leafKeyHash.length != Hasher.HASH_BYTES
                    || leafValueHash.length != Hasher.HASH_BYTES
                    || Arrays.equals(leafKeyHash, keyHash)) {
                return false;
            }
            for (int d = 0; d < siblings.size(); d++) {
                if (Hasher.bit(leafKeyHash, d) != Hasher.bit(keyHash, d)) {
                    return false;
                }
            }
            node = hasher.leaf(leafKeyHash, leafValueHash);
        }
        for (int d = siblings.size() - 1; d >= 0; d--) {
            node = Hasher.bit(keyHash, d) == 0
                    ? hasher.internal(node, siblings.get(d))
                    : hasher.internal(siblings.get(d), node);
        }
        return Arrays.equals(node, root);
    }
}
