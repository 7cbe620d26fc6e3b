package org.tao4j.wallet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.Hex;
import org.tao4j.core.scale.ScaleException;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.core.scale.ScaleWriter;

/**
 * One key on disk, version 1 (docs/wallet.md has the full format): a JSON object holding the
 * public key and SS58 address in the clear and the secret either encrypted (coldkeys; hotkeys on
 * request) or plain (hotkeys by default).
 *
 * <p>Encryption: Argon2id over the password with a random 16-byte salt and the recorded
 * {@link KdfParams} gives a 32-byte key for XChaCha20-Poly1305 with a random 24-byte nonce. The
 * plaintext is the seed and, if known, the mnemonic, padded to a fixed 256 bytes so the file's
 * size does not tell whether or how long a mnemonic is stored. The authenticated data is a
 * canonical SCALE encoding of the header (format, version, public key, kdf and its parameters,
 * cipher and nonce), so no header field can be changed without the tag failing.
 *
 * <p>How failures are told apart, in order:
 * <ol>
 *   <li>structure: JSON, fields, types, lengths, parameter bounds, the SS58 address matching the
 *       public key: any problem is "corrupted keyfile: &lt;what&gt;";
 *   <li>checksum: an unkeyed BLAKE2b-256 over the canonical header and the ciphertext catches
 *       accidental damage to any byte that matters, without the password: "corrupted keyfile:
 *       checksum mismatch";
 *   <li>the AEAD tag: with the file intact, a tag failure can only mean "wrong password";
 *   <li>after decryption, the secret must decode and must give the stored public key, else
 *       "corrupted keyfile: ...".
 * </ol>
 * A deliberate forger who also recomputes the checksum gets "wrong password" for a right
 * password; that is the one case the rule cannot tell apart, and nothing is decrypted either way.
 */
public final class Keyfile {
    public static final int VERSION = 1;
    static final String FORMAT = "tao4j-keyfile";
    static final String KDF_NAME = "argon2id";
    static final String CIPHER_NAME = "xchacha20-poly1305";
    static final int SALT_LENGTH = 16;
    static final int KEY_LENGTH = 32;
    static final int PLAINTEXT_LENGTH = 256;
    static final int CIPHERTEXT_LENGTH = PLAINTEXT_LENGTH + XChaCha20Poly1305.TAG_LENGTH;
    static final int CHECKSUM_LENGTH = 32;
    private static final int SECRET_FORMAT = 1;
    private static final String WHAT = "keyfile";

    private static final Set<String> ENCRYPTED_FIELDS =
            Set.of("format", "version", "encrypted", "public_key", "ss58", "kdf", "cipher", "ciphertext", "checksum");
    private static final Set<String> PLAIN_FIELDS =
            Set.of("format", "version", "encrypted", "public_key", "ss58", "secret_seed", "mnemonic");
    private static final Set<String> KDF_FIELDS = Set.of("name", "memory_kib", "iterations", "parallelism", "salt");
    private static final Set<String> CIPHER_FIELDS = Set.of("name", "nonce");

    private final Ed25519.PublicKey publicKey;
    // exactly one of sealed / plainKey is set
    private final Sealed sealed;
    private final KeyMaterial plainKey;

    /** The encrypted part of an encrypted keyfile. */
    private record Sealed(KdfParams kdf, byte[] salt, byte[] nonce, byte[] ciphertext) {}

    private Keyfile(Ed25519.PublicKey publicKey, Sealed sealed, KeyMaterial plainKey) {
        this.publicKey = publicKey;
        this.sealed = sealed;
        this.plainKey = plainKey;
    }

    /**
     * Encrypts {@code key} under {@code password}. The password array is not changed; the caller
     * clears it.
     */
    public static Keyfile encrypt(KeyMaterial key, char[] password, KdfParams kdf, SecureRandom random) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kdf, "kdf");
        Objects.requireNonNull(random, "random");
        byte[] salt = new byte[SALT_LENGTH];
        byte[] nonce = new byte[XChaCha20Poly1305.NONCE_LENGTH];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] header = header(key.publicKey(), kdf, salt, nonce);
        byte[] aeadKey = argon2id(password, salt, kdf);
        byte[] plaintext = encodeSecret(key);
        try {
            byte[] ciphertext = XChaCha20Poly1305.seal(aeadKey, nonce, header, plaintext);
            return new Keyfile(key.publicKey(), new Sealed(kdf, salt, nonce, ciphertext), null);
        } finally {
            Arrays.fill(aeadKey, (byte) 0);
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** An unencrypted keyfile: anyone who can read the file can use the key. */
    public static Keyfile plain(KeyMaterial key) {
        Objects.requireNonNull(key, "key");
        return new Keyfile(key.publicKey(), null, key);
    }

    /**
     * Reads and checks a keyfile without needing its password: structure, the address against
     * the public key, and the checksum (encrypted) or the secret against the public key (plain).
     *
     * @throws WalletException {@code CORRUPTED} ("corrupted keyfile: ...") or {@code UNSUPPORTED}
     */
    public static Keyfile parse(byte[] content) {
        JsonDoc doc = JsonDoc.parse(content, WHAT);
        ObjectNode root = doc.root();
        String format = doc.text(root, "", "format");
        if (!format.equals(FORMAT)) {
            throw doc.corrupted("\"format\" is \"" + clip(format) + "\", expected \"" + FORMAT + "\"");
        }
        long version = doc.integer(root, "", "version");
        if (version != VERSION) {
            throw new WalletException(
                    WalletException.Reason.UNSUPPORTED,
                    "keyfile version " + version
                            + " is not supported: this tao4j reads version " + VERSION
                            + (version > VERSION ? "; upgrade tao4j" : ""));
        }
        boolean encrypted = doc.bool(root, "", "encrypted");
        doc.onlyFields(root, "", encrypted ? ENCRYPTED_FIELDS : PLAIN_FIELDS);
        Ed25519.PublicKey publicKey = new Ed25519.PublicKey(doc.hex(root, "", "public_key", Ed25519.PUBLIC_KEY_LENGTH));
        String ss58 = doc.text(root, "", "ss58");
        if (!AccountId.of(publicKey).toSs58().equals(ss58)) {
            throw doc.corrupted("\"ss58\" does not match \"public_key\"");
        }
        return encrypted ? parseEncrypted(doc, publicKey) : parsePlain(doc, publicKey);
    }

    private static Keyfile parseEncrypted(JsonDoc doc, Ed25519.PublicKey publicKey) {
        ObjectNode root = doc.root();
        ObjectNode kdfNode = doc.object(root, "", "kdf");
        doc.onlyFields(kdfNode, "kdf.", KDF_FIELDS);
        String kdfName = doc.text(kdfNode, "kdf.", "name");
        if (!kdfName.equals(KDF_NAME)) {
            throw doc.corrupted("\"kdf.name\" is \"" + clip(kdfName) + "\", version 1 uses \"" + KDF_NAME + "\"");
        }
        long memory = doc.integer(kdfNode, "kdf.", "memory_kib");
        long iterations = doc.integer(kdfNode, "kdf.", "iterations");
        long parallelism = doc.integer(kdfNode, "kdf.", "parallelism");
        String problem = KdfParams.problem(memory, iterations, parallelism);
        if (problem != null) {
            throw doc.corrupted("Argon2id " + problem);
        }
        KdfParams kdf = new KdfParams((int) memory, (int) iterations, (int) parallelism);
        byte[] salt = doc.hex(kdfNode, "kdf.", "salt", SALT_LENGTH);
        ObjectNode cipherNode = doc.object(root, "", "cipher");
        doc.onlyFields(cipherNode, "cipher.", CIPHER_FIELDS);
        String cipherName = doc.text(cipherNode, "cipher.", "name");
        if (!cipherName.equals(CIPHER_NAME)) {
            throw doc.corrupted(
                    "\"cipher.name\" is \"" + clip(cipherName) + "\", version 1 uses \"" + CIPHER_NAME + "\"");
        }
        byte[] nonce = doc.hex(cipherNode, "cipher.", "nonce", XChaCha20Poly1305.NONCE_LENGTH);
        byte[] ciphertext = doc.hex(root, "", "ciphertext", -1);
        if (ciphertext.length != CIPHERTEXT_LENGTH) {
            throw doc.corrupted("\"ciphertext\" is " + ciphertext.length + " bytes, expected " + CIPHERTEXT_LENGTH);
        }
        byte[] checksum = doc.hex(root, "", "checksum", CHECKSUM_LENGTH);
        if (!MessageDigest.isEqual(checksum, checksum(header(publicKey, kdf, salt, nonce), ciphertext))) {
            throw doc.corrupted("checksum mismatch (the file was changed or damaged after it was written)");
        }
        return new Keyfile(publicKey, new Sealed(kdf, salt, nonce, ciphertext), null);
    }

    private static Keyfile parsePlain(JsonDoc doc, Ed25519.PublicKey publicKey) {
        ObjectNode root = doc.root();
        byte[] seed = doc.hex(root, "", "secret_seed", Ed25519.SEED_LENGTH);
        Mnemonic mnemonic = null;
        if (root.has("mnemonic")) {
            try {
                mnemonic = Mnemonic.parse(doc.text(root, "", "mnemonic"));
            } catch (IllegalArgumentException e) {
                // no detail: the message would quote words of a secret phrase
                throw doc.corrupted("\"mnemonic\" is not a valid BIP39 mnemonic");
            }
        }
        try {
            return new Keyfile(publicKey, null, checkedKey(publicKey, seed, mnemonic));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** The file's JSON text, UTF-8, with a trailing newline. */
    public byte[] toJson() {
        ObjectNode root = JsonDoc.newObject();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("encrypted", sealed != null);
        root.put("public_key", publicKey.toHex());
        root.put("ss58", AccountId.of(publicKey).toSs58());
        if (sealed != null) {
            ObjectNode kdf = root.putObject("kdf");
            kdf.put("name", KDF_NAME);
            kdf.put("memory_kib", sealed.kdf().memoryKib());
            kdf.put("iterations", sealed.kdf().iterations());
            kdf.put("parallelism", sealed.kdf().parallelism());
            kdf.put("salt", HexFormat.of().formatHex(sealed.salt()));
            ObjectNode cipher = root.putObject("cipher");
            cipher.put("name", CIPHER_NAME);
            cipher.put("nonce", HexFormat.of().formatHex(sealed.nonce()));
            root.put("ciphertext", HexFormat.of().formatHex(sealed.ciphertext()));
            byte[] header = header(publicKey, sealed.kdf(), sealed.salt(), sealed.nonce());
            root.put("checksum", HexFormat.of().formatHex(checksum(header, sealed.ciphertext())));
        } else {
            byte[] seed = plainKey.keyPair().seed();
            root.put("secret_seed", Hex.toHex(seed));
            Arrays.fill(seed, (byte) 0);
            plainKey.mnemonic().ifPresent(m -> root.put("mnemonic", m.phrase()));
        }
        return JsonDoc.write(root);
    }

    public boolean encrypted() {
        return sealed != null;
    }

    public Ed25519.PublicKey publicKey() {
        return publicKey;
    }

    public AccountId accountId() {
        return AccountId.of(publicKey);
    }

    /** The recorded Argon2id parameters of an encrypted keyfile. */
    public Optional<KdfParams> kdf() {
        return sealed == null ? Optional.empty() : Optional.of(sealed.kdf());
    }

    /**
     * Decrypts an encrypted keyfile. The password array is not changed; the caller clears it.
     *
     * @throws WalletException {@code WRONG_PASSWORD} ("wrong password") or {@code CORRUPTED}
     * @throws IllegalStateException if this keyfile is not encrypted
     */
    public KeyMaterial decrypt(char[] password) {
        if (sealed == null) {
            throw new IllegalStateException("this keyfile is not encrypted");
        }
        byte[] header = header(publicKey, sealed.kdf(), sealed.salt(), sealed.nonce());
        byte[] aeadKey = argon2id(password, sealed.salt(), sealed.kdf());
        byte[] plaintext;
        try {
            plaintext = XChaCha20Poly1305.open(aeadKey, sealed.nonce(), header, sealed.ciphertext());
        } catch (InvalidCipherTextException e) {
            // parse() verified the checksum, so the bytes are as written: the key is what differs
            throw new WalletException(WalletException.Reason.WRONG_PASSWORD, "wrong password");
        } finally {
            Arrays.fill(aeadKey, (byte) 0);
        }
        try {
            return decodeSecret(plaintext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * The key of a plain keyfile.
     *
     * @throws IllegalStateException if this keyfile is encrypted
     */
    public KeyMaterial plainKey() {
        if (plainKey == null) {
            throw new IllegalStateException("this keyfile is encrypted; decrypt it with its password");
        }
        return plainKey;
    }

    /**
     * The key, asking {@code passwords} only if the file is encrypted, and clearing the password
     * it got. A wrong password is asked again up to {@link PasswordSource#attempts()} times in all
     * (three at the terminal), then "wrong password" is thrown.
     */
    public KeyMaterial unlock(PasswordSource passwords, String prompt) {
        if (sealed == null) {
            return plainKey;
        }
        int attempts = Math.max(1, passwords.attempts());
        for (int attempt = 1; ; attempt++) {
            char[] password = passwords.password(prompt);
            try {
                return decrypt(password);
            } catch (WalletException e) {
                if (e.reason() != WalletException.Reason.WRONG_PASSWORD || attempt >= attempts) {
                    throw e;
                }
                passwords.wrongPassword(attempts - attempt);
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Override
    public String toString() {
        return "Keyfile[" + AccountId.of(publicKey).toSs58() + (sealed != null ? ", encrypted" : ", plain") + "]";
    }

    // canonical header: the authenticated data of the AEAD and the first part of the checksum input
    static byte[] header(Ed25519.PublicKey publicKey, KdfParams kdf, byte[] salt, byte[] nonce) {
        return ScaleWriter.encode(w -> w.string(FORMAT)
                .u32(VERSION)
                .fixedBytes(publicKey.bytes())
                .string(KDF_NAME)
                .u32(kdf.memoryKib())
                .u32(kdf.iterations())
                .u32(kdf.parallelism())
                .bytes(salt)
                .string(CIPHER_NAME)
                .bytes(nonce));
    }

    static byte[] checksum(byte[] header, byte[] ciphertext) {
        return Blake2b.hash256(header, ciphertext);
    }

    static byte[] argon2id(char[] password, byte[] salt, KdfParams kdf) {
        Objects.requireNonNull(password, "password");
        // a file may ask for more memory than this JVM has; say so instead of dying of an
        // OutOfMemoryError half-way (the bound in KdfParams keeps the request itself sane)
        long needed = kdf.memoryKib() * 1024L;
        if (needed > Runtime.getRuntime().maxMemory() - (32L << 20)) {
            throw notEnoughMemory(kdf);
        }
        byte[] passwordBytes = utf8(password);
        try {
            Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withSalt(salt)
                    .withMemoryAsKB(kdf.memoryKib())
                    .withIterations(kdf.iterations())
                    .withParallelism(kdf.parallelism())
                    .build();
            Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
            argon2.init(params);
            byte[] key = new byte[KEY_LENGTH];
            argon2.generateBytes(passwordBytes, key);
            return key;
        } catch (OutOfMemoryError e) {
            // the memory was free when checked but taken meanwhile; Argon2's blocks are garbage now
            throw notEnoughMemory(kdf);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    private static WalletException notEnoughMemory(KdfParams kdf) {
        return new WalletException(
                WalletException.Reason.UNSUPPORTED,
                "not enough memory for this keyfile's Argon2id"
                        + " parameters: they need " + kdf.memoryKib() / 1024 + " MiB and Java may use "
                        + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                        + " MiB; allow more with -Xmx (e.g. JAVA_TOOL_OPTIONS=-Xmx"
                        + Math.max(1, (kdf.memoryKib() / 1024 + 256) / 1024 + 1) + "g)");
    }

    // the password's UTF-8 bytes, without passing through an unclearable String
    private static byte[] utf8(char[] password) {
        try {
            ByteBuffer buf = StandardCharsets.UTF_8
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(password));
            byte[] out = Arrays.copyOfRange(
                    buf.array(), buf.arrayOffset() + buf.position(), buf.arrayOffset() + buf.limit());
            Arrays.fill(buf.array(), (byte) 0);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the password is not valid Unicode text");
        }
    }

    // SCALE (u8 format = 1, [u8; 32] seed, Option<String> mnemonic), zero-padded to a fixed size
    private static byte[] encodeSecret(KeyMaterial key) {
        byte[] seed = key.keyPair().seed();
        byte[] encoded = ScaleWriter.encode(w ->
                w.u8(SECRET_FORMAT).fixedBytes(seed).option(key.mnemonic().map(Mnemonic::phrase), ScaleWriter::string));
        Arrays.fill(seed, (byte) 0);
        if (encoded.length > PLAINTEXT_LENGTH) {
            throw new IllegalStateException("secret encoding of " + encoded.length + " bytes exceeds the padding");
        }
        byte[] padded = Arrays.copyOf(encoded, PLAINTEXT_LENGTH);
        Arrays.fill(encoded, (byte) 0);
        return padded;
    }

    private KeyMaterial decodeSecret(byte[] plaintext) {
        byte[] seed = null;
        try {
            Optional<String> phrase;
            try {
                ScaleReader r = new ScaleReader(plaintext);
                int format = r.readU8();
                if (format != SECRET_FORMAT) {
                    throw JsonDoc.corrupted(WHAT, "unknown secret format " + format + " inside the encryption");
                }
                seed = r.readFixedBytes(Ed25519.SEED_LENGTH);
                phrase = r.readOption(ScaleReader::readString);
                while (r.remaining() > 0) {
                    if (r.readU8() != 0) {
                        throw JsonDoc.corrupted(WHAT, "the decrypted secret has non-zero padding");
                    }
                }
            } catch (ScaleException e) {
                throw JsonDoc.corrupted(WHAT, "the decrypted secret does not decode");
            }
            Mnemonic mnemonic = null;
            if (phrase.isPresent()) {
                try {
                    mnemonic = Mnemonic.parse(phrase.get());
                } catch (IllegalArgumentException e) {
                    throw JsonDoc.corrupted(WHAT, "the stored mnemonic is not a valid BIP39 mnemonic");
                }
            }
            return checkedKey(publicKey, seed, mnemonic);
        } finally {
            if (seed != null) {
                Arrays.fill(seed, (byte) 0);
            }
        }
    }

    // the secret must be the key the header names, and a stored mnemonic must reproduce it
    private static KeyMaterial checkedKey(Ed25519.PublicKey publicKey, byte[] seed, Mnemonic mnemonic) {
        Ed25519.KeyPair pair = Ed25519.KeyPair.fromSeed(seed);
        if (!pair.publicKey().equals(publicKey)) {
            throw JsonDoc.corrupted(WHAT, "the secret does not belong to \"public_key\"");
        }
        try {
            return KeyMaterial.of(pair, mnemonic);
        } catch (IllegalArgumentException e) {
            throw JsonDoc.corrupted(WHAT, "the stored mnemonic does not produce the stored secret");
        }
    }

    private static String clip(String s) {
        String one = s.replaceAll("\\p{Cntrl}", "?");
        return one.length() > 32 ? one.substring(0, 32) + "..." : one;
    }
}
