package org.tao4j.core.scale;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads SCALE-encoded values in order from a byte array, as a cursor. Strict, because the input
 * is untrusted and the same value must have one encoding only: any truncated read, non-canonical
 * compact, length beyond the remaining input or bad bool/option tag throws
 * {@link ScaleException}, and nothing else. Mutable cursor, not thread-safe; after a
 * {@code ScaleException} its position is unspecified, so discard it.
 */
public final class ScaleReader {
    private final byte[] data;
    private int pos;

    /** Reads from a private copy of {@code data}, so later changes to the array do not leak in. */
    public ScaleReader(byte[] data) {
        this.data = data.clone();
    }

    public int readU8() {
        require(1, "u8");
        return data[pos++] & 0xff;
    }

    public boolean readBool() {
        int at = pos;
        int tag = readU8();
        return switch (tag) {
            case 0 -> false;
            case 1 -> true;
            default -> throw new ScaleException(at, String.format("bad bool byte 0x%02x (must be 0 or 1)", tag));
        };
    }

    public int readU16() {
        return (int) littleEndian(2, "u16");
    }

    public long readU32() {
        return littleEndian(4, "u32");
    }

    /** All 64 bits; values above 2^63-1 come back negative, to be read as unsigned. */
    public long readU64() {
        return littleEndian(8, "u64");
    }

    public BigInteger readU128() {
        require(16, "u128");
        BigInteger v = unsignedLittleEndian(pos, 16);
        pos += 16;
        return v;
    }

    /** A compact value of at most 64 bits, as unsigned in a {@code long}. */
    public long readCompact() {
        int at = pos;
        int first = readU8();
        switch (first & 0b11) {
            case 0b00:
                return first >>> 2;
            case 0b01: {
                pos = at;
                long v = littleEndian(2, "two-byte compact") >>> 2;
                if (v < (1L << 6)) {
                    throw nonCanonical(at, v, "two");
                }
                return v;
            }
            case 0b10: {
                pos = at;
                long v = littleEndian(4, "four-byte compact") >>> 2;
                if (v < (1L << 14)) {
                    throw nonCanonical(at, v, "four");
                }
                return v;
            }
            default: {
                int bytes = (first >>> 2) + 4;
                if (bytes > 8) {
                    throw new ScaleException(at, "compact value of " + bytes + " bytes does not fit 64 bits");
                }
                return unsignedLittleEndian(readBigModeBody(at, bytes), bytes).longValue();
            }
        }
    }

    /** A compact value of at most 128 bits, as for {@code Compact<u128>}. */
    public BigInteger readCompactBig() {
        int at = pos;
        int first = readU8();
        if ((first & 0b11) != 0b11) {
            pos = at;
            return BigInteger.valueOf(readCompact()); // below 2^30, so positive as a long
        }
        int bytes = (first >>> 2) + 4;
        if (bytes > 16) {
            throw new ScaleException(at, "compact value of " + bytes + " bytes does not fit 128 bits");
        }
        return unsignedLittleEndian(readBigModeBody(at, bytes), bytes);
    }

    /**
     * A compact length or count, which must not exceed the bytes left: every element takes at
     * least one byte (zero-sized element types are not used on this chain), so a larger count can
     * only be garbage or an attempt to make us allocate.
     */
    public int readLength() {
        int at = pos;
        long n = readCompact();
        if (Long.compareUnsigned(n, remaining()) > 0) {
            throw new ScaleException(
                    at, "length " + Long.toUnsignedString(n) + " exceeds the " + remaining() + " remaining bytes");
        }
        return (int) n;
    }

    /** A byte string with a compact length prefix ({@code Vec<u8>}). */
    public byte[] readBytes() {
        int n = readLength();
        return readFixedBytes(n);
    }

    /** Exactly {@code n} bytes, no length prefix. */
    public byte[] readFixedBytes(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative length " + n);
        }
        require(n, n + " fixed bytes");
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    /** UTF-8 text with a compact length prefix; malformed UTF-8 is rejected, not replaced. */
    public String readString() {
        int at = pos;
        byte[] utf8 = readBytes();
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ScaleException(at, "string is not valid UTF-8");
        }
    }

    /** {@code Option<T>}: tag 0 is empty, 1 is followed by the value. Not for {@code Option<bool>}. */
    public <T> Optional<T> readOption(Function<ScaleReader, ? extends T> element) {
        Objects.requireNonNull(element, "element");
        int at = pos;
        int tag = readU8();
        return switch (tag) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(element.apply(this));
            default -> throw new ScaleException(at, String.format("bad option tag 0x%02x (must be 0 or 1)", tag));
        };
    }

    /** SCALE's one-byte {@code Option<bool>}: 0 empty, 1 true, 2 false. */
    public Optional<Boolean> readOptionBool() {
        int at = pos;
        int tag = readU8();
        return switch (tag) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(Boolean.TRUE);
            case 2 -> Optional.of(Boolean.FALSE);
            default ->
                throw new ScaleException(at, String.format("bad Option<bool> byte 0x%02x (must be 0, 1 or 2)", tag));
        };
    }

    /** {@code Vec<T>}: compact count, then that many elements. The list is unmodifiable. */
    public <T> List<T> readVec(Function<ScaleReader, ? extends T> element) {
        Objects.requireNonNull(element, "element");
        int n = readLength();
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.apply(this));
        }
        return Collections.unmodifiableList(out);
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return data.length - pos;
    }

    /** Throws if any input is left: a valid message is decoded exactly, with nothing trailing. */
    public void expectEnd() {
        if (pos != data.length) {
            throw new ScaleException(pos, remaining() + " trailing bytes after the end of the value");
        }
    }

    // body of a big-integer-mode compact: checks minimality and returns where the bytes start
    private int readBigModeBody(int at, int bytes) {
        pos = at; // so a truncation is reported at the compact's first byte, like the other modes
        require(1 + bytes, bytes + "-byte big-integer compact");
        int start = at + 1;
        pos = start + bytes;
        // shortest form: the top byte is non-zero, and a four-byte body must be at least 2^30,
        // since anything smaller has a shorter mode
        boolean canonical = bytes == 4 ? (data[start + 3] & 0xff) >= 0x40 : data[start + bytes - 1] != 0;
        if (!canonical) {
            throw new ScaleException(
                    at,
                    "non-canonical compact: " + unsignedLittleEndian(start, bytes) + " in " + bytes
                            + "-byte big-integer mode");
        }
        return start;
    }

    private static ScaleException nonCanonical(int at, long v, String mode) {
        return new ScaleException(at, "non-canonical compact: " + v + " in " + mode + "-byte mode");
    }

    private long littleEndian(int bytes, String what) {
        require(bytes, what);
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v |= (data[pos + i] & 0xffL) << (8 * i);
        }
        pos += bytes;
        return v;
    }

    private BigInteger unsignedLittleEndian(int start, int bytes) {
        byte[] be = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            be[i] = data[start + bytes - 1 - i];
        }
        return new BigInteger(1, be);
    }

    private void require(int bytes, String what) {
        if (bytes > remaining()) {
            throw new ScaleException(
                    pos, "truncated input: " + what + " needs " + bytes + " bytes, " + remaining() + " remain");
        }
    }
}
