package org.tao4j.node.blockstore;

import java.util.Arrays;

/**
 * The history index: for each block and each state key it changed, the key's value <em>before</em>
 * that block. With the head state, this answers "the value of K at block B" with one seek: the
 * first change of K after B recorded K's value at B; with no change after B, the head value is it.
 *
 * <p>Key: {@code stateKey || u64be(block) || u16be(len(stateKey))}. The block makes one key's
 * versions sort in block order; the trailing length tells an entry of K from an entry of a longer
 * key that starts with K. Value: {@code 0x00} (absent) or {@code 0x01 || value}.
 */
final class History {

    private History() {}

    static byte[] key(byte[] stateKey, long block) {
        byte[] k = Arrays.copyOf(stateKey, stateKey.length + 10);
        putU64(k, stateKey.length, block);
        k[stateKey.length + 8] = (byte) (stateKey.length >>> 8);
        k[stateKey.length + 9] = (byte) stateKey.length;
        return k;
    }

    /** The lowest history key of {@code stateKey} at or after {@code block}. */
    static byte[] seek(byte[] stateKey, long block) {
        byte[] k = Arrays.copyOf(stateKey, stateKey.length + 8);
        putU64(k, stateKey.length, block);
        return k;
    }

    /** The state key of a history key, or null if it is not one of {@code expectedLength} bytes. */
    static int stateKeyLength(byte[] historyKey) {
        if (historyKey.length < 10) {
            return -1;
        }
        int len = ((historyKey[historyKey.length - 2] & 0xFF) << 8) | (historyKey[historyKey.length - 1] & 0xFF);
        return len + 10 == historyKey.length ? len : -1;
    }

    static long block(byte[] historyKey, int stateKeyLength) {
        return u64(historyKey, stateKeyLength);
    }

    static byte[] encodeValue(byte[] v) {
        if (v == null) {
            return new byte[] {0};
        }
        byte[] out = new byte[v.length + 1];
        out[0] = 1;
        System.arraycopy(v, 0, out, 1, v.length);
        return out;
    }

    /** The stored value, or null for "absent". */
    static byte[] decodeValue(byte[] stored) {
        if (stored.length == 0 || stored[0] == 0) {
            return null;
        }
        return Arrays.copyOfRange(stored, 1, stored.length);
    }

    static byte[] u64(long v) {
        byte[] b = new byte[8];
        putU64(b, 0, v);
        return b;
    }

    static void putU64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    static long u64(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }
}
