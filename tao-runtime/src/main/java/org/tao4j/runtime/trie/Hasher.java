package org.tao4j.runtime.trie;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Blake2b-256 and the tree's domain-separated node hashes.
 *
 * <p>Holds one digest and is therefore confined to one thread; the tree makes one per call, which
 * avoids re-allocating the digest state for each of the thousands of hashes an update computes.
 */
final class Hasher {

    static final int HASH_BYTES = 32;
    /** Domain tags: a leaf can never hash like an internal node, whatever the bytes inside. */
    static final byte LEAF_TAG = 0x00;

    static final byte INTERNAL_TAG = 0x01;

    private final Blake2bDigest digest = new Blake2bDigest(HASH_BYTES * 8);

    /** Blake2b-256 of {@code data}. */
    byte[] hash(byte[] data) {
        digest.update(data, 0, data.length);
        return finish();
    }

    /** Blake2b-256 of {@code tag || a || b}: a node's hash, and its content address. */
    byte[] node(byte tag, byte[] a, byte[] b) {
        digest.update(tag);
        digest.update(a, 0, a.length);
        digest.update(b, 0, b.length);
        return finish();
    }

    byte[] leaf(byte[] keyHash, byte[] valueHash) {
        return node(LEAF_TAG, keyHash, valueHash);
    }

    byte[] internal(byte[] left, byte[] right) {
        return node(INTERNAL_TAG, left, right);
    }

    private byte[] finish() {
        byte[] out = new byte[HASH_BYTES];
        digest.doFinal(out, 0); // also resets the digest for the next call
        return out;
    }

    /** Bit {@code depth} of a key hash, most significant bit of byte 0 first; 0 goes left. */
    static int bit(byte[] keyHash, int depth) {
        return (keyHash[depth >>> 3] >>> (7 - (depth & 7))) & 1;
    }

    static boolean isZero(byte[] hash) {
        for (byte b : hash) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
