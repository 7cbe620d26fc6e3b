package org.tao4j.node.blockstore;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.WriteBatch;
import org.tao4j.rocksdb.RangeStore;

/**
 * The state as of block {@code at}, read from the head state plus the history index (see
 * {@link History}), both from one snapshot. Read-only.
 */
final class HistoricalState implements KeyValueStore {

    private final RangeStore head;
    private final RangeStore history;
    private final long at;

    HistoricalState(RangeStore head, RangeStore history, long at) {
        this.head = head;
        this.history = history;
        this.at = at;
    }

    @Override
    public byte[] get(byte[] key) {
        byte[][] found = new byte[1][];
        boolean[] hit = {false};
        history.scan(History.seek(key, at + 1), successor(key), (k, v) -> {
            if (History.stateKeyLength(k) == key.length) {
                hit[0] = true;
                found[0] = History.decodeValue(v);
                return false;
            }
            return true; // an entry of a longer key that starts with this one
        });
        return hit[0] ? found[0] : head.get(key);
    }

    @Override
    public void forEachWithPrefix(byte[] prefix, BiConsumer<byte[], byte[]> consumer) {
        // The earliest change after `at` of every key under the prefix gives that key's value at `at`.
        TreeMap<byte[], Long> firstChange = new TreeMap<>(KEY_ORDER);
        TreeMap<byte[], byte[]> valueAt = new TreeMap<>(KEY_ORDER);
        history.forEachWithPrefix(prefix, (k, v) -> {
            int len = History.stateKeyLength(k);
            if (len < prefix.length) {
                return;
            }
            long block = History.block(k, len);
            if (block <= at) {
                return;
            }
            byte[] stateKey = Arrays.copyOf(k, len);
            Long prev = firstChange.get(stateKey);
            if (prev == null || block < prev) {
                firstChange.put(stateKey, block);
                valueAt.put(stateKey, History.decodeValue(v));
            }
        });
        TreeMap<byte[], byte[]> merged = new TreeMap<>(KEY_ORDER);
        head.forEachWithPrefix(prefix, (k, v) -> {
            if (!firstChange.containsKey(k)) {
                merged.put(k, v);
            }
        });
        for (Map.Entry<byte[], byte[]> e : valueAt.entrySet()) {
            if (e.getValue() != null) {
                merged.put(e.getKey(), e.getValue());
            }
        }
        merged.forEach(consumer);
    }

    static byte[] successor(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xff) {
                byte[] next = Arrays.copyOf(prefix, i + 1);
                next[i]++;
                return next;
            }
        }
        return null;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        throw readOnly();
    }

    @Override
    public void delete(byte[] key) {
        throw readOnly();
    }

    @Override
    public void write(WriteBatch batch) {
        throw readOnly();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("historical state is read-only");
    }
}
