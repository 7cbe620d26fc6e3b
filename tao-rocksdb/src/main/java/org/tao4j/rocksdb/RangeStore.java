package org.tao4j.rocksdb;

import org.tao4j.core.kv.KeyValueStore;

/**
 * A {@link KeyValueStore} that can also walk a key range from an arbitrary start key and stop
 * early: what a reader needs to find "the first entry at or after K" in one seek, e.g. the next
 * version of a key in a history index, without visiting every entry under a prefix.
 */
public interface RangeStore extends KeyValueStore {

    /** Receives entries in key order; returns false to stop the walk. */
    @FunctionalInterface
    interface Visitor {
        boolean visit(byte[] key, byte[] value);
    }

    /**
     * Visits the entries with {@code from <= key < toExclusive} in {@link KeyValueStore#KEY_ORDER}
     * until the visitor returns false. A null {@code toExclusive} runs to the end of the keyspace.
     */
    void scan(byte[] from, byte[] toExclusive, Visitor visitor);
}
