package org.tao4j.node.blockstore;

import java.util.Arrays;

/** A byte string as a hash-map key, compared by content (the node's in-memory caches key on these). */
record BytesKey(byte[] b) {
    @Override
    public int hashCode() {
        return Arrays.hashCode(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BytesKey k && Arrays.equals(b, k.b);
    }
}
