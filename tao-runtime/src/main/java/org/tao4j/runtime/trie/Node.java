package org.tao4j.runtime.trie;

import java.util.Arrays;
import java.util.HexFormat;
import org.tao4j.core.kv.StorageException;

/**
 * A stored tree node. Both kinds encode to 65 bytes, {@code tag || a || b}, and the node's hash is
 * Blake2b-256 of exactly that encoding, so the store maps hash to preimage and anyone can check a
 * node against the key it is stored under. The empty subtree is never stored.
 */
sealed interface Node permits Node.Leaf, Node.Internal {

    int ENCODED_BYTES = 1 + 2 * Hasher.HASH_BYTES;

    byte[] encode();

    /** A single key: where it is in the key space ({@code keyHash}) and what it holds. */
    record Leaf(byte[] keyHash, byte[] valueHash) implements Node {
        @Override
        public byte[] encode() {
            return Node.encode(Hasher.LEAF_TAG, keyHash, valueHash);
        }
    }

    /** Two subtrees; either may be the empty hash, but then the other holds at least two leaves. */
    record Internal(byte[] left, byte[] right) implements Node {
        @Override
        public byte[] encode() {
            return Node.encode(Hasher.INTERNAL_TAG, left, right);
        }
    }

    private static byte[] encode(byte tag, byte[] a, byte[] b) {
        byte[] out = new byte[ENCODED_BYTES];
        out[0] = tag;
        System.arraycopy(a, 0, out, 1, Hasher.HASH_BYTES);
        System.arraycopy(b, 0, out, 1 + Hasher.HASH_BYTES, Hasher.HASH_BYTES);
        return out;
    }

    static Node decode(byte[] hash, byte[] encoded) {
        if (encoded.length != ENCODED_BYTES || (encoded[0] != Hasher.LEAF_TAG && encoded[0] != Hasher.INTERNAL_TAG)) {
            throw new StorageException("state tree node " + HexFormat.of().formatHex(hash) + " is corrupt: "
                    + encoded.length + " bytes" + (encoded.length > 0 ? ", tag " + encoded[0] : ""));
        }
        byte[] a = Arrays.copyOfRange(encoded, 1, 1 + Hasher.HASH_BYTES);
        byte[] b = Arrays.copyOfRange(encoded, 1 + Hasher.HASH_BYTES, ENCODED_BYTES);
        return encoded[0] == Hasher.LEAF_TAG ? new Leaf(a, b) : new Internal(a, b);
    }
}
