/**
 * RocksDB-backed implementations of {@link org.tao4j.core.kv.KeyValueStore}.
 *
 * <p>{@link org.tao4j.rocksdb.RocksKeyValueStore} is one database with one keyspace; {@link
 * org.tao4j.rocksdb.RocksDatabase} opens several named column families and can write to several of
 * them in one atomic batch. Both translate every RocksDB failure into {@link
 * org.tao4j.core.kv.StorageException} with a message naming the directory.
 */
package org.tao4j.rocksdb;
