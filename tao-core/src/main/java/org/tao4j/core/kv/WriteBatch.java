package org.tao4j.core.kv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An ordered list of puts and deletes that a {@link KeyValueStore} applies atomically.
 *
 * <p>Operations are applied in the order they were added, so a later operation on the same key
 * wins. The batch copies every array it is given, so the caller may reuse its buffers. A batch is a
 * builder: not thread-safe, and meant to be built, written once and dropped.
 */
public final class WriteBatch {

    /** One operation of a batch. */
    public sealed interface Op permits Put, Delete {
        /** The key this operation touches (a copy). */
        byte[] key();
    }

    /** Store {@code value} under {@code key}. */
    public record Put(byte[] key, byte[] value) implements Op {
        public Put {
            key = Objects.requireNonNull(key, "key").clone();
            value = Objects.requireNonNull(value, "value").clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Put p && Arrays.equals(key, p.key) && Arrays.equals(value, p.value);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Put[" + HexFormat.of().formatHex(key) + " = "
                    + HexFormat.of().formatHex(value) + "]";
        }
    }

    /** Remove {@code key}. */
    public record Delete(byte[] key) implements Op {
        public Delete {
            key = Objects.requireNonNull(key, "key").clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Delete d && Arrays.equals(key, d.key);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key);
        }

        @Override
        public String toString() {
            return "Delete[" + HexFormat.of().formatHex(key) + "]";
        }
    }

    private final List<Op> ops = new ArrayList<>();

    public WriteBatch put(byte[] key, byte[] value) {
        ops.add(new Put(key, value));
        return this;
    }

    public WriteBatch delete(byte[] key) {
        ops.add(new Delete(key));
        return this;
    }

    /** The operations in application order (read-only view). */
    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    public int size() {
        return ops.size();
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }

    @Override
    public String toString() {
        return "WriteBatch" + ops;
    }
}
