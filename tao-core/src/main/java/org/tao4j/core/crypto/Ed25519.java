package org.tao4j.core.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Ed25519 (RFC 8032, pure, no context) over BouncyCastle's low-level static implementation,
 * which avoids the JCA provider lookup and key-object churn on every call.
 */
public final class Ed25519 {
    public static final int SEED_LENGTH = 32;
    public static final int PUBLIC_KEY_LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;

    static {
        // Build BouncyCastle's base-point tables now rather than inside the first sign/verify,
        // so that call's latency is not a surprise. Idempotent and thread-safe inside BC.
        org.bouncycastle.math.ec.rfc8032.Ed25519.precompute();
    }

    private Ed25519() {}

    /**
     * Checks {@code sig} over {@code msg} against {@code pub}. Returns {@code false} for any
     * forged, malformed or non-canonical signature, and for an invalid public key.
     */
    public static boolean verify(PublicKey pub, byte[] msg, Signature sig) {
        if (pub == null || msg == null || sig == null) {
            return false;
        }
        return verifyUnchecked(pub.bytes, msg, sig.bytes);
    }

    /**
     * As {@link #verify(PublicKey, byte[], Signature)} for raw bytes straight off the wire:
     * wrong lengths or nulls give {@code false} rather than an exception, so callers can treat
     * every bad input alike.
     */
    public static boolean verify(byte[] pub, byte[] msg, byte[] sig) {
        if (pub == null
                || msg == null
                || sig == null
                || pub.length != PUBLIC_KEY_LENGTH
                || sig.length != SIGNATURE_LENGTH) {
            return false;
        }
        return verifyUnchecked(pub, msg, sig);
    }

    private static boolean verifyUnchecked(byte[] pub, byte[] msg, byte[] sig) {
        try {
            return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(sig, 0, pub, 0, msg, 0, msg.length);
        } catch (RuntimeException e) {
            // BC reports bad points and scalars by returning false; this is only a backstop so
            // that a verifier fed attacker-controlled bytes can never be made to throw.
            return false;
        }
    }

    /** A 32-byte Ed25519 public key (compressed Edwards point). Not validated as a curve point. */
    public record PublicKey(byte[] bytes) {
        public PublicKey {
            requireLength(bytes, PUBLIC_KEY_LENGTH, "Ed25519 public key");
            bytes = bytes.clone();
        }

        public static PublicKey fromHex(String hex) {
            return new PublicKey(Hex.fromHex(hex, PUBLIC_KEY_LENGTH));
        }

        /** A copy: callers must not be able to change this key. */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public String toHex() {
            return Hex.toHex(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PublicKey other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "PublicKey[" + toHex() + "]";
        }
    }

    /** A 64-byte Ed25519 signature (R || S). */
    public record Signature(byte[] bytes) {
        public Signature {
            requireLength(bytes, SIGNATURE_LENGTH, "Ed25519 signature");
            bytes = bytes.clone();
        }

        public static Signature fromHex(String hex) {
            return new Signature(Hex.fromHex(hex, SIGNATURE_LENGTH));
        }

        /** A copy: callers must not be able to change this signature. */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public String toHex() {
            return Hex.toHex(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Signature other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Signature[" + toHex() + "]";
        }
    }

    /**
     * A signing key: the 32-byte RFC 8032 seed and its public key, derived once.
     *
     * <p>Deliberately not a record: a record would print the seed in {@code toString} and
     * compare secrets in {@code equals}. Identity equality, redacted {@code toString}.
     */
    public static final class KeyPair {
        private final byte[] seed;
        private final PublicKey publicKey;

        private KeyPair(byte[] seed) {
            this.seed = seed;
            byte[] pub = new byte[PUBLIC_KEY_LENGTH];
            org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, pub, 0);
            this.publicKey = new PublicKey(pub);
        }

        /** Derives the key pair from a 32-byte seed (RFC 8032's "secret key"). */
        public static KeyPair fromSeed(byte[] seed) {
            requireLength(seed, SEED_LENGTH, "Ed25519 seed");
            return new KeyPair(seed.clone());
        }

        /** A fresh key pair with a seed drawn from {@code random}. */
        public static KeyPair generate(SecureRandom random) {
            Objects.requireNonNull(random, "random");
            byte[] seed = new byte[SEED_LENGTH];
            random.nextBytes(seed);
            return new KeyPair(seed);
        }

        public PublicKey publicKey() {
            return publicKey;
        }

        /** A copy of the secret seed, for key storage; handle with care. */
        public byte[] seed() {
            return seed.clone();
        }

        /** Signs {@code msg} deterministically (the same message always yields the same signature). */
        public Signature sign(byte[] msg) {
            Objects.requireNonNull(msg, "msg");
            byte[] sig = new byte[SIGNATURE_LENGTH];
            // passing our own derived public key spares BC re-deriving it on every signature
            org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, publicKey.bytes, 0, msg, 0, msg.length, sig, 0);
            return new Signature(sig);
        }

        @Override
        public String toString() {
            return "KeyPair[public=" + publicKey.toHex() + ", seed=<redacted>]";
        }
    }

    private static void requireLength(byte[] bytes, int length, String what) {
        if (bytes == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (bytes.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + bytes.length);
        }
    }
}
