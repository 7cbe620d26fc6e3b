package org.tao4j.core.kv;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.BiConsumer;

/**
 * An ordered map from byte-string keys to byte-string values.
 *
 * <p>Contract shared by every implementation, so that code written against one behaves the same on
 * all of them:
 *
 * <ul>
 *   <li>Keys are ordered unsigned-lexicographically ({@link #KEY_ORDER}); a key that is a strict
 *       prefix of another sorts first.
 *   <li>Values are never null; an empty array is a legitimate value distinct from "absent".
 *   <li>Arrays passed in may be reused by the caller after the call returns, and arrays handed out
 *       may be modified by the receiver: implementations copy where they need to.
 *   <li>{@link #forEachWithPrefix} sees the entries as they were when the call started; the
 *       consumer may write to the store while iterating (the writes are not visited).
 *   <li>Failures of the underlying storage surface as {@link StorageException}.
 * </ul>
 */
public interface KeyValueStore {

    /** Unsigned lexicographic byte order: the one order all stores iterate in. */
    Comparator<byte[]> KEY_ORDER = Arrays::compareUnsigned;

    /** The value stored under {@code key}, or null if there is none. */
    byte[] get(byte[] key);

    /** Stores {@code value} under {@code key}, replacing any previous value. */
    void put(byte[] key, byte[] value);

    /** Removes {@code key}; a no-op if it is absent. */
    void delete(byte[] key);

    /**
     * Calls {@code consumer} for every entry whose key starts with {@code prefix}, in {@link
     * #KEY_ORDER}. An empty prefix visits the whole store.
     */
    void forEachWithPrefix(byte[] prefix, BiConsumer<byte[], byte[]> consumer);

    /**
     * Applies every operation of {@code batch} in order, atomically: afterwards either all of them
     * are visible or (if this throws) none is. Durable stores make the batch durable as one unit.
     */
    void write(WriteBatch batch);
}
