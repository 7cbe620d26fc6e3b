package org.tao4j.runtime.trie;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * The root straight from the definition in docs/state-root.md, recomputed from scratch with its
 * own Blake2b code: the reference the incremental tree is checked against.
 */
final class NaiveSmt {
    private NaiveSmt() {}

    static byte[] blake2b256(byte[]... parts) {
        Blake2bDigest d = new Blake2bDigest(256);
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    static byte[] leafHash(byte[] key, byte[] value) {
        return blake2b256(new byte[] {0}, blake2b256(key), blake2b256(value));
    }

    static byte[] root(Map<byte[], byte[]> state) {
        List<byte[][]> leaves = new ArrayList<>(); // {keyHash, valueHash}
        for (Map.Entry<byte[], byte[]> e : state.entrySet()) {
            leaves.add(new byte[][] {blake2b256(e.getKey()), blake2b256(e.getValue())});
        }
        return subtree(leaves, 0);
    }

    private static byte[] subtree(List<byte[][]> leaves, int depth) {
        if (leaves.isEmpty()) {
            return new byte[32];
        }
        if (leaves.size() == 1) {
            return blake2b256(new byte[] {0}, leaves.get(0)[0], leaves.get(0)[1]);
        }
        List<byte[][]> left = new ArrayList<>();
        List<byte[][]> right = new ArrayList<>();
        for (byte[][] leaf : leaves) {
            int bit = (leaf[0][depth / 8] >> (7 - depth % 8)) & 1;
            (bit == 0 ? left : right).add(leaf);
        }
        return blake2b256(new byte[] {1}, subtree(left, depth + 1), subtree(right, depth + 1));
    }

    static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }
}
