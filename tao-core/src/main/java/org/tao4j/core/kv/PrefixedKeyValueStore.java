package org.tao4j.core.kv;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A namespace inside another store: every key is stored as {@code prefix || key}.
 *
 * <p>This is how state, state-tree nodes and block data share one database (and therefore one
 * atomic batch): the node opens one overlay over the database and hands each component a prefixed
 * view of that overlay. Namespaces must not be prefixes of one another, or one would see the
 * other's keys.
 */
public final class PrefixedKeyValueStore implements KeyValueStore {

    private final KeyValueStore base;
    private final byte[] prefix;

    public PrefixedKeyValueStore(KeyValueStore base, byte[] prefix) {
        this.base = Objects.requireNonNull(base, "base");
        this.prefix = Objects.requireNonNull(prefix, "prefix").clone();
    }

    public byte[] prefix() {
        return prefix.clone();
    }

    @Override
    public byte[] get(byte[] key) {
        return base.get(Keys.concat(prefix, key));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        base.put(Keys.concat(prefix, key), value);
    }

    @Override
    public void delete(byte[] key) {
        base.delete(Keys.concat(prefix, key));
    }

    @Override
    public void forEachWithPrefix(byte[] keyPrefix, BiConsumer<byte[], byte[]> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        base.forEachWithPrefix(
                Keys.concat(prefix, keyPrefix),
                (key, value) -> consumer.accept(Arrays.copyOfRange(key, prefix.length, key.length), value));
    }

    @Override
    public void write(WriteBatch batch) {
        WriteBatch prefixed = new WriteBatch();
        for (WriteBatch.Op op : batch.ops()) {
            switch (op) {
                case WriteBatch.Put p -> prefixed.put(Keys.concat(prefix, p.key()), p.value());
                case WriteBatch.Delete d -> prefixed.delete(Keys.concat(prefix, d.key()));
            }
        }
        base.write(prefixed);
    }
}
