package org.tao4j.wallet;

import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha-03): HChaCha20 turns the key and the first 16
 * nonce bytes into a subkey, then BouncyCastle's RFC 8439 ChaCha20-Poly1305 runs under that
 * subkey with the nonce {@code 0x00000000 || nonce[16..24]}. The 24-byte nonce is what lets us
 * pick nonces at random without counting them. Output is ciphertext followed by the 16-byte tag.
 */
final class XChaCha20Poly1305 {
    static final int KEY_LENGTH = 32;
    static final int NONCE_LENGTH = 24;
    static final int TAG_LENGTH = 16;

    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574}; // "expand 32-byte k"

    private XChaCha20Poly1305() {}

    /** Encrypts and authenticates {@code plaintext}, also authenticating {@code aad}. */
    static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        ChaCha20Poly1305 aead = init(true, key, nonce, aad);
        byte[] out = new byte[aead.getOutputSize(plaintext.length)];
        int n = aead.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            aead.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption cannot fail a tag check", e);
        }
        return out;
    }

    /**
     * Checks the tag and decrypts.
     *
     * @throws InvalidCipherTextException if the tag does not match (wrong key, or changed
     *     ciphertext, nonce or aad); nothing is released in that case
     */
    static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) throws InvalidCipherTextException {
        if (sealed.length < TAG_LENGTH) {
            throw new InvalidCipherTextException("sealed data shorter than the tag");
        }
        ChaCha20Poly1305 aead = init(false, key, nonce, aad);
        byte[] out = new byte[aead.getOutputSize(sealed.length)];
        int n = aead.processBytes(sealed, 0, sealed.length, out, 0);
        try {
            aead.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, (byte) 0);
            throw e;
        }
        return out;
    }

    private static ChaCha20Poly1305 init(boolean encrypt, byte[] key, byte[] nonce, byte[] aad) {
        Objects.requireNonNull(aad, "aad");
        if (key.length != KEY_LENGTH || nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("XChaCha20-Poly1305 takes a 32-byte key and a 24-byte nonce");
        }
        byte[] subkey = hChaCha20(key, Arrays.copyOf(nonce, 16));
        byte[] ietfNonce = new byte[12];
        System.arraycopy(nonce, 16, ietfNonce, 4, 8);
        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        // BC copies the key into its own state, so ours can be wiped right away
        aead.init(encrypt, new AEADParameters(new KeyParameter(subkey), TAG_LENGTH * 8, ietfNonce, aad));
        Arrays.fill(subkey, (byte) 0);
        return aead;
    }

    /**
     * HChaCha20 (draft section 2.2): the ChaCha20 block function's 20 rounds over constants, key and
     * a 16-byte nonce, without the final addition of the input, keeping words 0-3 and 12-15.
     */
    static byte[] hChaCha20(byte[] key, byte[] nonce16) {
        if (key.length != KEY_LENGTH || nonce16.length != 16) {
            throw new IllegalArgumentException("HChaCha20 takes a 32-byte key and a 16-byte nonce");
        }
        int[] x = new int[16];
        System.arraycopy(SIGMA, 0, x, 0, 4);
        for (int i = 0; i < 8; i++) {
            x[4 + i] = le32(key, 4 * i);
        }
        for (int i = 0; i < 4; i++) {
            x[12 + i] = le32(nonce16, 4 * i);
        }
        for (int round = 0; round < 10; round++) {
            quarterRound(x, 0, 4, 8, 12);
            quarterRound(x, 1, 5, 9, 13);
            quarterRound(x, 2, 6, 10, 14);
            quarterRound(x, 3, 7, 11, 15);
            quarterRound(x, 0, 5, 10, 15);
            quarterRound(x, 1, 6, 11, 12);
            quarterRound(x, 2, 7, 8, 13);
            quarterRound(x, 3, 4, 9, 14);
        }
        byte[] out = new byte[32];
        for (int i = 0; i < 4; i++) {
            putLe32(out, 4 * i, x[i]);
            putLe32(out, 16 + 4 * i, x[12 + i]);
        }
        Arrays.fill(x, 0);
        return out;
    }

    private static void quarterRound(int[] x, int a, int b, int c, int d) {
        x[a] += x[b];
        x[d] = Integer.rotateLeft(x[d] ^ x[a], 16);
        x[c] += x[d];
        x[b] = Integer.rotateLeft(x[b] ^ x[c], 12);
        x[a] += x[b];
        x[d] = Integer.rotateLeft(x[d] ^ x[a], 8);
        x[c] += x[d];
        x[b] = Integer.rotateLeft(x[b] ^ x[c], 7);
    }

    private static int le32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
