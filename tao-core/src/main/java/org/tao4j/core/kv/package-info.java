/**
 * The storage seam between the runtime/node and the bytes on disk.
 *
 * <p>Everything above this package sees state as an ordered map of byte-string keys to byte-string
 * values ({@link org.tao4j.core.kv.KeyValueStore}). Implementations: {@link
 * org.tao4j.core.kv.MemoryKeyValueStore} for tests and in-memory chains, {@link
 * org.tao4j.core.kv.OverlayKeyValueStore} for per-transaction rollback and per-block atomic
 * commit, {@link org.tao4j.core.kv.PrefixedKeyValueStore} for namespaces inside one store, and the
 * RocksDB store in tao-rocksdb.
 *
 * <p>Key order is always unsigned lexicographic ({@link org.tao4j.core.kv.KeyValueStore#KEY_ORDER}),
 * the same order RocksDB's default comparator uses, so that iteration is identical on every
 * implementation and therefore deterministic across nodes.
 */
package org.tao4j.core.kv;
