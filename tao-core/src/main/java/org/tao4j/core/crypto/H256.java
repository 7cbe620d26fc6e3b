package org.tao4j.core.crypto;

import java.util.Arrays;

/**
 * A 32-byte hash (block hash, extrinsic hash, state root). Holds its own copy of the bytes,
 * so instances are immutable and safe as map keys.
 */
public record H256(byte[] bytes) implements Comparable<H256> {
    public static final int LENGTH = 32;

    /** All zero bytes: Substrate's parent hash of the genesis block. */
    public static final H256 ZERO = new H256(new byte[LENGTH]);

    public H256 {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException(
                    "H256 needs " + LENGTH + " bytes, got " + (bytes == null ? "null" : bytes.length));
        }
        bytes = bytes.clone();
    }

    /** Parses {@code 0x} followed by 64 hex digits (the prefix is optional, case is free). */
    public static H256 fromHex(String hex) {
        return new H256(Hex.fromHex(hex, LENGTH));
    }

    /** BLAKE2b-256 of the concatenation of {@code parts}: the chain's default hasher. */
    public static H256 blake2b256(byte[]... parts) {
        return new H256(Blake2b.hash256(parts));
    }

    /** A copy: callers must not be able to change this value. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String toHex() {
        return Hex.toHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof H256 other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Unsigned byte-wise order, the order Substrate sorts hashes in. */
    @Override
    public int compareTo(H256 other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
