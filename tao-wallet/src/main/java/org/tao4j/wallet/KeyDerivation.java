package org.tao4j.wallet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.Hex;
import org.tao4j.core.scale.ScaleWriter;

/**
 * Substrate's ed25519 key derivation, so that a phrase gives the same account here as in subkey,
 * polkadot.js and sp-core:
 * <ul>
 *   <li>mnemonic to seed: {@code PBKDF2-HMAC-SHA512(password = the mnemonic's entropy,
 *       salt = "mnemonic" + passphrase, 2048 rounds)}, first 32 bytes (substrate-bip39's mini
 *       secret; note: the entropy, not the phrase as in plain BIP-0039);
 *   <li>hard junction: {@code seed' = BLAKE2b-256(SCALE(("Ed25519HDKD", seed, chain code)))};
 *   <li>soft junctions do not exist for ed25519 and are refused.
 * </ul>
 */
public final class KeyDerivation {
    /** The well-known development phrase behind {@code //Alice}, {@code //Bob}, ... Never for real funds. */
    public static final String DEV_PHRASE = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
    /** The dev account names sp-keyring knows, usable as {@code //Name}. */
    public static final List<String> DEV_ACCOUNTS = List.of("Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie");

    static final int PBKDF2_ROUNDS = 2048;
    private static final byte[] HDKD_CONTEXT = ScaleWriter.encode(w -> w.string("Ed25519HDKD"));

    private KeyDerivation() {}

    /** The 32-byte ed25519 seed ("mini secret") of {@code mnemonic} under {@code passphrase} ("" for none). */
    public static byte[] miniSecret(Mnemonic mnemonic, String passphrase) {
        Objects.requireNonNull(mnemonic, "mnemonic");
        byte[] entropy = mnemonic.entropy();
        byte[] seed = seedFromEntropy(entropy, passphrase);
        try {
            return Arrays.copyOf(seed, Ed25519.SEED_LENGTH);
        } finally {
            Arrays.fill(entropy, (byte) 0);
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** substrate-bip39's 64-byte {@code seed_from_entropy}; the mini secret is its first half. */
    static byte[] seedFromEntropy(byte[] entropy, String passphrase) {
        Objects.requireNonNull(passphrase, "passphrase");
        PKCS5S2ParametersGenerator pbkdf2 = new PKCS5S2ParametersGenerator(new SHA512Digest());
        // substrate-bip39 uses the passphrase's UTF-8 bytes as they are, without BIP-0039's NFKD step
        pbkdf2.init(entropy, ("mnemonic" + passphrase).getBytes(StandardCharsets.UTF_8), PBKDF2_ROUNDS);
        return ((KeyParameter) pbkdf2.generateDerivedParameters(512)).getKey();
    }

    /** One hard derivation step: {@code BLAKE2b-256(SCALE("Ed25519HDKD") || seed || chainCode)}. */
    public static byte[] deriveHard(byte[] seed, byte[] chainCode) {
        requireLength(seed, Ed25519.SEED_LENGTH, "seed");
        requireLength(chainCode, SecretUri.Junction.CHAIN_CODE_LENGTH, "chain code");
        // ([u8; 32], [u8; 32]) encode as the bare bytes, so only the string needs SCALE framing
        return Blake2b.hash256(HDKD_CONTEXT, seed, chainCode);
    }

    /**
     * Applies {@code path} to {@code seed}.
     *
     * @throws IllegalArgumentException on a soft junction, which ed25519 cannot derive
     */
    public static byte[] derive(byte[] seed, List<SecretUri.Junction> path) {
        requireLength(seed, Ed25519.SEED_LENGTH, "seed");
        for (SecretUri.Junction j : path) {
            if (!j.hard()) {
                throw softJunction(j);
            }
        }
        byte[] acc = seed.clone();
        for (SecretUri.Junction j : path) {
            byte[] next = deriveHard(acc, j.chainCode());
            Arrays.fill(acc, (byte) 0);
            acc = next;
        }
        return acc;
    }

    /** The key {@code suri} names; see {@link #fromSuri(SecretUri)}. */
    public static KeyMaterial fromSuri(String suri) {
        return fromSuri(SecretUri.parse(suri));
    }

    /**
     * The key a secret URI names. Keeps the mnemonic only when it alone reproduces the key (no
     * path, no passphrase), so a stored mnemonic can always be trusted to restore the key.
     *
     * @throws IllegalArgumentException for a bad phrase or hex seed, a soft junction, or a
     *     password given with a hex seed (subkey ignores it there; silently dropping a secret
     *     the user typed would be worse than refusing)
     */
    public static KeyMaterial fromSuri(SecretUri suri) {
        for (SecretUri.Junction j : suri.path()) {
            if (!j.hard()) {
                throw softJunction(j);
            }
        }
        byte[] seed;
        Mnemonic mnemonic = null;
        if (suri.isHexSeed()) {
            if (suri.password().isPresent()) {
                throw new IllegalArgumentException("a ///password applies to a mnemonic, not to a raw hex seed");
            }
            try {
                seed = Hex.fromHex(suri.phrase(), Ed25519.SEED_LENGTH);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad hex seed in the secret URI: " + e.getMessage());
            }
        } else {
            mnemonic = Mnemonic.parse(suri.phrase());
            seed = miniSecret(mnemonic, suri.password().orElse(""));
        }
        byte[] derived = derive(seed, suri.path());
        Arrays.fill(seed, (byte) 0);
        try {
            boolean mnemonicAlone =
                    mnemonic != null && suri.path().isEmpty() && suri.password().isEmpty();
            return KeyMaterial.of(Ed25519.KeyPair.fromSeed(derived), mnemonicAlone ? mnemonic : null);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    private static IllegalArgumentException softJunction(SecretUri.Junction j) {
        return new IllegalArgumentException("ed25519 supports only hard derivation (//), but the path has the soft"
                + " junction \"/" + j.name() + "\"; write \"//" + j.name() + "\"");
    }

    private static void requireLength(byte[] bytes, int length, String what) {
        Objects.requireNonNull(bytes, what);
        if (bytes.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + bytes.length);
        }
    }
}
