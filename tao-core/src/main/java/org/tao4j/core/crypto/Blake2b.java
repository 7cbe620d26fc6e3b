package org.tao4j.core.crypto;

import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Unkeyed BLAKE2b (RFC 7693) at the output sizes Substrate uses: 128 bits for storage-key
 * hashers, 256 bits for block and extrinsic hashes, 512 bits for the SS58 checksum.
 * Each call uses its own digest, since BouncyCastle digests are stateful and not thread-safe.
 */
public final class Blake2b {
    private Blake2b() {}

    /** BLAKE2b-128 of the concatenation of {@code parts}. */
    public static byte[] hash128(byte[]... parts) {
        return hash(128, parts);
    }

    /** BLAKE2b-256 of the concatenation of {@code parts}. */
    public static byte[] hash256(byte[]... parts) {
        return hash(256, parts);
    }

    /** BLAKE2b-512 of the concatenation of {@code parts}. */
    public static byte[] hash512(byte[]... parts) {
        return hash(512, parts);
    }

    private static byte[] hash(int bits, byte[]... parts) {
        Blake2bDigest digest = new Blake2bDigest(bits);
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[bits / 8];
        digest.doFinal(out, 0);
        return out;
    }
}
