package org.tao4j.wallet;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;

/**
 * A secret key as a wallet stores it: the ed25519 key pair (its 32-byte seed is the secret) and,
 * when known, the mnemonic that alone (no passphrase, no derivation path) reproduces that seed.
 * The constructor enforces that invariant, so a stored mnemonic is always a valid backup.
 *
 * <p>{@code toString} is safe: both components redact their secrets.
 *
 * @param keyPair the signing key
 * @param mnemonic the backup phrase, when it reproduces {@code keyPair} on its own
 */
public record KeyMaterial(Ed25519.KeyPair keyPair, Optional<Mnemonic> mnemonic) {
    public KeyMaterial {
        Objects.requireNonNull(keyPair, "keyPair");
        Objects.requireNonNull(mnemonic, "mnemonic");
        if (mnemonic.isPresent()) {
            byte[] expected = KeyDerivation.miniSecret(mnemonic.get(), "");
            byte[] actual = keyPair.seed();
            boolean same = MessageDigest.isEqual(expected, actual);
            Arrays.fill(expected, (byte) 0);
            Arrays.fill(actual, (byte) 0);
            if (!same) {
                throw new IllegalArgumentException("the mnemonic does not produce this key");
            }
        }
    }

    static KeyMaterial of(Ed25519.KeyPair keyPair, Mnemonic mnemonicOrNull) {
        return new KeyMaterial(keyPair, Optional.ofNullable(mnemonicOrNull));
    }

    /** A new key from a new {@code wordCount}-word mnemonic. */
    public static KeyMaterial generate(int wordCount, SecureRandom random) {
        return fromMnemonic(Mnemonic.generate(wordCount, random), "");
    }

    /**
     * The key of {@code mnemonic} under {@code passphrase} ("" for none). The mnemonic is kept
     * only without a passphrase, since otherwise it is not a backup on its own.
     */
    public static KeyMaterial fromMnemonic(Mnemonic mnemonic, String passphrase) {
        byte[] seed = KeyDerivation.miniSecret(mnemonic, passphrase);
        try {
            return of(Ed25519.KeyPair.fromSeed(seed), passphrase.isEmpty() ? mnemonic : null);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** The key of a raw 32-byte seed, with no mnemonic. */
    public static KeyMaterial fromSeed(byte[] seed) {
        return of(Ed25519.KeyPair.fromSeed(seed), null);
    }

    public Ed25519.PublicKey publicKey() {
        return keyPair.publicKey();
    }

    public AccountId accountId() {
        return AccountId.of(keyPair.publicKey());
    }

    /** The SS58 address (prefix 42). */
    public String ss58() {
        return accountId().toSs58();
    }
}
