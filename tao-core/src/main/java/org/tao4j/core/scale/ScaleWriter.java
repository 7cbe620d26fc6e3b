package org.tao4j.core.scale;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Builds the SCALE encoding (Substrate's codec) of a sequence of values. A builder, so mutable
 * and not thread-safe; use one per encoding. Out-of-range arguments are programming errors and
 * throw {@link IllegalArgumentException}.
 */
public final class ScaleWriter {
    static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);

    private byte[] buf = new byte[64];
    private int size;

    /** Runs {@code body} against a fresh writer and returns what it wrote. */
    public static byte[] encode(Consumer<ScaleWriter> body) {
        ScaleWriter w = new ScaleWriter();
        body.accept(w);
        return w.toByteArray();
    }

    public ScaleWriter u8(int value) {
        checkRange(value, 0xff, "u8");
        ensure(1);
        buf[size++] = (byte) value;
        return this;
    }

    public ScaleWriter bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    public ScaleWriter u16(int value) {
        checkRange(value, 0xffff, "u16");
        return littleEndian(value, 2);
    }

    public ScaleWriter u32(long value) {
        checkRange(value, 0xffff_ffffL, "u32");
        return littleEndian(value, 4);
    }

    /** Writes all 64 bits of {@code value}, read as unsigned: -1 is 2^64-1. */
    public ScaleWriter u64(long value) {
        return littleEndian(value, 8);
    }

    /** {@code value} must lie in [0, 2^128). */
    public ScaleWriter u128(BigInteger value) {
        checkU128(value, "u128");
        byte[] be = value.toByteArray(); // big-endian, possibly with a leading sign byte
        ensure(16);
        for (int i = 0; i < 16; i++) {
            int j = be.length - 1 - i;
            buf[size + i] = j >= 0 ? be[j] : 0;
        }
        size += 16;
        return this;
    }

    /**
     * Compact (variable-length) encoding of {@code value} read as unsigned 64-bit, in the shortest
     * of the four modes: single byte below 2^6, two bytes below 2^14, four below 2^30, else
     * a length byte and the minimal little-endian bytes (at least four).
     */
    public ScaleWriter compact(long value) {
        if (Long.compareUnsigned(value, 1L << 6) < 0) {
            return u8((int) (value << 2));
        }
        if (Long.compareUnsigned(value, 1L << 14) < 0) {
            return littleEndian((value << 2) | 0b01, 2);
        }
        if (Long.compareUnsigned(value, 1L << 30) < 0) {
            return littleEndian((value << 2) | 0b10, 4);
        }
        int bytes = Math.max(4, (Long.SIZE - Long.numberOfLeadingZeros(value) + 7) / 8);
        u8(((bytes - 4) << 2) | 0b11);
        return littleEndian(value, bytes);
    }

    /** Compact encoding of a value in [0, 2^128), as for {@code Compact<u128>}. */
    public ScaleWriter compact(BigInteger value) {
        checkU128(value, "compact u128");
        if (value.compareTo(TWO_64) < 0) {
            return compact(value.longValue()); // longValue keeps the low 64 bits: unsigned
        }
        int bytes = (value.bitLength() + 7) / 8;
        u8(((bytes - 4) << 2) | 0b11);
        byte[] be = value.toByteArray();
        ensure(bytes);
        for (int i = 0; i < bytes; i++) {
            buf[size + i] = be[be.length - 1 - i];
        }
        size += bytes;
        return this;
    }

    /** A byte string: compact length, then the bytes ({@code Vec<u8>}). */
    public ScaleWriter bytes(byte[] value) {
        compact(value.length);
        return fixedBytes(value);
    }

    /** The bytes alone, no length: for fixed-size arrays such as hashes and keys. */
    public ScaleWriter fixedBytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, buf, size, value.length);
        size += value.length;
        return this;
    }

    /** UTF-8 with a compact length prefix, as Rust's {@code String}. */
    public ScaleWriter string(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code Option<T>}: 0x00 for empty, else 0x01 and the value. Not for {@code Option<bool>}. */
    public <T> ScaleWriter option(Optional<T> value, BiConsumer<ScaleWriter, ? super T> element) {
        Objects.requireNonNull(element, "element");
        if (value.isEmpty()) {
            return u8(0);
        }
        u8(1);
        element.accept(this, value.get());
        return this;
    }

    /** SCALE's special case {@code Option<bool>}: one byte, 0 empty, 1 true, 2 false. */
    public ScaleWriter optionBool(Optional<Boolean> value) {
        return u8(value.map(b -> b ? 1 : 2).orElse(0));
    }

    /** {@code Vec<T>}: compact element count, then each element. */
    public <T> ScaleWriter vec(List<? extends T> values, BiConsumer<ScaleWriter, ? super T> element) {
        Objects.requireNonNull(element, "element");
        compact(values.size());
        for (T v : values) {
            element.accept(this, v);
        }
        return this;
    }

    public int size() {
        return size;
    }

    /** A copy of everything written so far; the writer can go on being used. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private ScaleWriter littleEndian(long value, int bytes) {
        ensure(bytes);
        for (int i = 0; i < bytes; i++) {
            buf[size++] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    private void ensure(int extra) {
        if (buf.length - size < extra) {
            long wanted = Math.max((long) size + extra, 2L * buf.length);
            if (wanted > Integer.MAX_VALUE - 8) {
                wanted = (long) size + extra;
                if (wanted > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("SCALE encoding exceeds the largest Java array");
                }
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }

    private static void checkRange(long value, long max, String type) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(type + " out of range: " + value);
        }
    }

    private static void checkU128(BigInteger value, String type) {
        if (value.signum() < 0 || value.compareTo(TWO_128) >= 0) {
            throw new IllegalArgumentException(type + " out of range: " + value);
        }
    }
}
