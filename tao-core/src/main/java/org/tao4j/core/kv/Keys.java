package org.tao4j.core.kv;

import java.util.Arrays;

/** Small byte-string helpers shared by the store implementations. */
final class Keys {

    private Keys() {}

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] copy(byte[] bytes) {
        return bytes == null ? null : bytes.clone();
    }
}
