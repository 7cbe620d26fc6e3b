package org.tao4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;

class KeyfileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KdfParams CHEAP = KdfParams.insecureForTests();
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
    private static final String LEGAL = "legal winner thank year wave sausage worth useful legal winner thank yellow";
    private static final String CHECKSUM_MISMATCH =
            "corrupted keyfile: checksum mismatch (the file was changed or damaged after it was written)";

    private final SecureRandom random = new SecureRandom();

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = KeyfileTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static KeyMaterial legal() {
        return KeyMaterial.fromMnemonic(Mnemonic.parse(LEGAL), "");
    }

    private byte[] encrypted() {
        return Keyfile.encrypt(legal(), PASSWORD, CHEAP, random).toJson();
    }

    private static byte[] edit(byte[] json, Consumer<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(json);
            change.accept(root);
            return JSON.writeValueAsBytes(root);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    // what a deliberate editor would do after changing the header: recompute the checksum
    private static void fixChecksum(ObjectNode r) {
        HexFormat hex = HexFormat.of();
        KdfParams kdf = new KdfParams(
                r.at("/kdf/memory_kib").intValue(),
                r.at("/kdf/iterations").intValue(),
                r.at("/kdf/parallelism").intValue());
        byte[] header = Keyfile.header(
                Ed25519.PublicKey.fromHex(r.get("public_key").textValue()),
                kdf,
                hex.parseHex(r.at("/kdf/salt").textValue()),
                hex.parseHex(r.at("/cipher/nonce").textValue()));
        byte[] ct = hex.parseHex(r.get("ciphertext").textValue());
        r.put("checksum", hex.formatHex(Keyfile.checksum(header, ct)));
    }

    private static String flipHex(String hex, int at) {
        char c = hex.charAt(at);
        return hex.substring(0, at) + (c == '0' ? '1' : '0') + hex.substring(at + 1);
    }

    @Test
    void encryptedRoundTrip() {
        KeyMaterial key = KeyMaterial.generate(24, random);
        byte[] json = Keyfile.encrypt(key, PASSWORD, CHEAP, random).toJson();
        Keyfile back = Keyfile.parse(json);
        assertThat(back.encrypted()).isTrue();
        assertThat(back.publicKey()).isEqualTo(key.publicKey());
        assertThat(back.kdf()).contains(CHEAP);
        KeyMaterial opened = back.decrypt(PASSWORD);
        assertThat(opened.keyPair().seed()).isEqualTo(key.keyPair().seed());
        assertThat(opened.mnemonic().orElseThrow().phrase())
                .isEqualTo(key.mnemonic().orElseThrow().phrase());
        String text = new String(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"ss58\" : \"" + key.ss58() + "\"");
        // the secret appears nowhere in the clear
        assertThat(text)
                .doesNotContain(key.mnemonic().get().words().get(0) + " ")
                .doesNotContain(HexFormat.of().formatHex(key.keyPair().seed()));
    }

    @Test
    void encryptedRoundTripWithoutMnemonic() {
        KeyMaterial key = KeyDerivation.fromSuri("//Alice");
        Keyfile back =
                Keyfile.parse(Keyfile.encrypt(key, PASSWORD, CHEAP, random).toJson());
        KeyMaterial opened = back.decrypt(PASSWORD);
        assertThat(opened.publicKey()).isEqualTo(key.publicKey());
        assertThat(opened.mnemonic()).isEmpty();
    }

    @Test
    void ciphertextSizeDoesNotRevealTheMnemonic() throws Exception {
        int none = ciphertextLength(KeyDerivation.fromSuri("//Bob"));
        int twelve = ciphertextLength(KeyMaterial.generate(12, random));
        Mnemonic longestPhrase = longestMnemonic();
        assertThat(longestPhrase.phrase()).hasSize(24 * 8 + 23);
        int longest = ciphertextLength(KeyMaterial.fromMnemonic(longestPhrase, ""));
        assertThat(none).isEqualTo(twelve).isEqualTo(longest).isEqualTo(Keyfile.CIPHERTEXT_LENGTH);
    }

    // 24 words of 8 letters (the longest in the list) with a valid checksum
    private static Mnemonic longestMnemonic() {
        java.util.List<String> eight =
                Bip39Wordlist.words().stream().filter(w -> w.length() == 8).toList();
        java.util.Random r = new java.util.Random(42);
        while (true) {
            StringBuilder first = new StringBuilder();
            for (int i = 0; i < 23; i++) {
                first.append(eight.get(r.nextInt(eight.size()))).append(' ');
            }
            for (String last : eight) {
                try {
                    return Mnemonic.parse(first + last);
                } catch (IllegalArgumentException badChecksum) {
                    // try the next last word
                }
            }
        }
    }

    private int ciphertextLength(KeyMaterial key) throws Exception {
        return HexFormat.of()
                .parseHex(JSON.readTree(
                                Keyfile.encrypt(key, PASSWORD, CHEAP, random).toJson())
                        .get("ciphertext")
                        .textValue())
                .length;
    }

    @Test
    void plainRoundTrip() {
        KeyMaterial key = legal();
        byte[] json = Keyfile.plain(key).toJson();
        Keyfile back = Keyfile.parse(json);
        assertThat(back.encrypted()).isFalse();
        assertThat(back.kdf()).isEmpty();
        assertThat(back.plainKey().keyPair().seed()).isEqualTo(key.keyPair().seed());
        assertThat(back.plainKey().mnemonic().orElseThrow().phrase()).isEqualTo(LEGAL);
        assertThatThrownBy(() -> back.decrypt(PASSWORD)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Keyfile.parse(encrypted()).plainKey()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void wrongPasswordSaysSo() {
        Keyfile file = Keyfile.parse(encrypted());
        assertThatThrownBy(() -> file.decrypt("correct horse battery stapler".toCharArray()))
                .isInstanceOfSatisfying(
                        WalletException.class,
                        e -> assertThat(e.reason()).isEqualTo(WalletException.Reason.WRONG_PASSWORD))
                .hasMessage("wrong password");
        assertThatThrownBy(() -> file.decrypt(new char[0])).hasMessage("wrong password");
    }

    @Test
    void defaultParametersAreTheDocumentedOnesAndWork() {
        assertThat(KdfParams.DEFAULT).isEqualTo(new KdfParams(65536, 3, 1));
        Keyfile file = Keyfile.parse(
                Keyfile.encrypt(legal(), PASSWORD, KdfParams.DEFAULT, random).toJson());
        assertThat(file.kdf()).contains(KdfParams.DEFAULT);
        assertThat(file.decrypt(PASSWORD).publicKey()).isEqualTo(legal().publicKey());
    }

    @Test
    void saltAndNonceAreFreshEachTime() throws Exception {
        var a = JSON.readTree(encrypted());
        var b = JSON.readTree(encrypted());
        assertThat(a.at("/kdf/salt").textValue()).isNotEqualTo(b.at("/kdf/salt").textValue());
        assertThat(a.at("/cipher/nonce").textValue())
                .isNotEqualTo(b.at("/cipher/nonce").textValue());
    }

    @Test
    void goldenVersion1FilesStillOpen() throws Exception {
        // written by the first version of this code; a later one must still read them
        Keyfile enc = Keyfile.parse(resource("golden-encrypted-v1.json"));
        KeyMaterial key = enc.decrypt(PASSWORD);
        assertThat(key.publicKey().toHex())
                .isEqualTo("0x7b4344ead732d6beeeded95d39e330ef0c16ae806046b296737dababb8a0b80d");
        assertThat(key.ss58()).isEqualTo("5ErKjJLUyc8TTU2vNKrj5UciogZho2MDawb6nN2KG44aU1aB");
        assertThat(Ed25519.PublicKey.fromHex(key.publicKey().toHex())).isEqualTo(legal().publicKey());
        assertThat(key.mnemonic().orElseThrow().phrase()).isEqualTo(LEGAL);
        assertThat(enc.kdf()).contains(new KdfParams(1024, 2, 1));
        Keyfile plain = Keyfile.parse(resource("golden-plain-v1.json"));
        assertThat(plain.plainKey().keyPair().seed()).isEqualTo(key.keyPair().seed());
    }

    @Test
    void writerOutputIsPinned() throws Exception {
        // the same inputs give the golden bytes: the format does not drift by accident
        assertThat(Keyfile.encrypt(legal(), PASSWORD, new KdfParams(1024, 2, 1), new FixedRandom())
                        .toJson())
                .isEqualTo(resource("golden-encrypted-v1.json"));
        assertThat(Keyfile.plain(legal()).toJson()).isEqualTo(resource("golden-plain-v1.json"));
    }

    static Stream<Arguments> tamperings() {
        return Stream.of(
                Arguments.of(
                        "ciphertext byte",
                        (Consumer<ObjectNode>) r ->
                                r.put("ciphertext", flipHex(r.get("ciphertext").textValue(), 40)),
                        CHECKSUM_MISMATCH),
                Arguments.of(
                        "tag byte",
                        (Consumer<ObjectNode>) r -> {
                            String c = r.get("ciphertext").textValue();
                            r.put("ciphertext", flipHex(c, c.length() - 1));
                        },
                        CHECKSUM_MISMATCH),
                Arguments.of(
                        "salt",
                        (Consumer<ObjectNode>) r -> ((ObjectNode) r.get("kdf"))
                                .put("salt", flipHex(r.get("kdf").get("salt").textValue(), 0)),
                        CHECKSUM_MISMATCH),
                Arguments.of(
                        "nonce",
                        (Consumer<ObjectNode>) r -> ((ObjectNode) r.get("cipher"))
                                .put(
                                        "nonce",
                                        flipHex(r.get("cipher").get("nonce").textValue(), 47)),
                        CHECKSUM_MISMATCH),
                Arguments.of(
                        "memory",
                        (Consumer<ObjectNode>) r -> ((ObjectNode) r.get("kdf")).put("memory_kib", 128),
                        CHECKSUM_MISMATCH),
                Arguments.of(
                        "checksum",
                        (Consumer<ObjectNode>)
                                r -> r.put("checksum", flipHex(r.get("checksum").textValue(), 10)),
                        CHECKSUM_MISMATCH),
                Arguments.of(
                        "public key and address swapped together",
                        (Consumer<ObjectNode>) r -> {
                            AccountId bob = KeyDerivation.fromSuri("//Bob").accountId();
                            r.put("public_key", bob.toHex());
                            r.put("ss58", bob.toSs58());
                        },
                        CHECKSUM_MISMATCH),
                Arguments.of(
                        "address alone",
                        (Consumer<ObjectNode>) r ->
                                r.put("ss58", KeyDerivation.fromSuri("//Bob").ss58()),
                        "corrupted keyfile: \"ss58\" does not match \"public_key\""),
                Arguments.of(
                        "missing salt",
                        (Consumer<ObjectNode>) r -> ((ObjectNode) r.get("kdf")).remove("salt"),
                        "corrupted keyfile: missing field \"kdf.salt\""),
                Arguments.of(
                        "short salt",
                        (Consumer<ObjectNode>) r -> ((ObjectNode) r.get("kdf"))
                                .put(
                                        "salt",
                                        r.get("kdf").get("salt").textValue().substring(2)),
                        "corrupted keyfile: field \"kdf.salt\" must be 16 bytes, got 15"),
                Arguments.of(
                        "salt not hex",
                        (Consumer<ObjectNode>) r -> ((ObjectNode) r.get("kdf"))
                                .put(
                                        "salt",
                                        "zz"
                                                + r.get("kdf")
                                                        .get("salt")
                                                        .textValue()
                                                        .substring(2)),
                        "corrupted keyfile: field \"kdf.salt\" is not hex: bad hex digit 'z' at index 0"),
                Arguments.of(
                        "truncated ciphertext",
                        (Consumer<ObjectNode>) r -> {
                            String c = r.get("ciphertext").textValue();
                            r.put("ciphertext", c.substring(0, c.length() - 2));
                        },
                        "corrupted keyfile: \"ciphertext\" is 271 bytes, expected 272"),
                Arguments.of(
                        "extra field",
                        (Consumer<ObjectNode>) r -> r.put("note", "hi"),
                        "corrupted keyfile: unexpected field \"note\""),
                Arguments.of(
                        "other kdf",
                        (Consumer<ObjectNode>) r -> ((ObjectNode) r.get("kdf")).put("name", "scrypt"),
                        "corrupted keyfile: \"kdf.name\" is \"scrypt\", version 1 uses \"argon2id\""),
                Arguments.of(
                        "absurd memory",
                        (Consumer<ObjectNode>) r -> ((ObjectNode) r.get("kdf")).put("memory_kib", 99_999_999),
                        "corrupted keyfile: Argon2id memory_kib 99999999 is outside 8..4194304"),
                Arguments.of(
                        "version as text",
                        (Consumer<ObjectNode>) r -> r.put("version", "1"),
                        "corrupted keyfile: field \"version\" must be a whole number"),
                Arguments.of(
                        "encrypted as text",
                        (Consumer<ObjectNode>) r -> r.put("encrypted", "yes"),
                        "corrupted keyfile: field \"encrypted\" must be true or false"),
                Arguments.of(
                        "format",
                        (Consumer<ObjectNode>) r -> r.put("format", "other"),
                        "corrupted keyfile: \"format\" is \"other\", expected \"tao4j-keyfile\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void tamperedFilesAreReportedAsCorrupted(String what, Consumer<ObjectNode> change, String message) {
        byte[] tampered = edit(encrypted(), change);
        assertThatThrownBy(() -> Keyfile.parse(tampered).decrypt(PASSWORD))
                .isInstanceOfSatisfying(
                        WalletException.class, e -> assertThat(e.reason()).isEqualTo(WalletException.Reason.CORRUPTED))
                .hasMessage(message);
    }

    @Test
    void truncatedFileIsCorruptedNotAStackTrace() {
        byte[] json = encrypted();
        for (int cut : new int[] {1, 10, json.length / 2, json.length - 3}) {
            byte[] part = Arrays.copyOf(json, cut);
            assertThatThrownBy(() -> Keyfile.parse(part))
                    .isInstanceOf(WalletException.class)
                    .hasMessageStartingWith("corrupted keyfile: not valid JSON at line")
                    .hasMessageEndingWith("(truncated or edited?)");
        }
        assertThatThrownBy(() -> Keyfile.parse(new byte[0])).hasMessage("corrupted keyfile: the file is empty");
        assertThatThrownBy(() -> Keyfile.parse("[1, 2]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("corrupted keyfile: expected a JSON object");
        assertThatThrownBy(() -> Keyfile.parse("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("corrupted keyfile: not valid JSON");
        assertThatThrownBy(() -> Keyfile.parse("{} {}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("corrupted keyfile: not valid JSON");
        byte[] badUtf8 = "{\"format\":\"x\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Keyfile.parse(badUtf8)).hasMessageStartingWith("corrupted keyfile: not valid JSON");
        byte[] binary = new byte[300];
        new SecureRandom().nextBytes(binary);
        binary[0] = (byte) 0xff;
        assertThatThrownBy(() -> Keyfile.parse(binary)).hasMessageStartingWith("corrupted keyfile: not valid JSON");
    }

    @Test
    void newerVersionIsUnsupportedNotCorrupted() {
        byte[] v2 = edit(encrypted(), r -> r.put("version", 2));
        assertThatThrownBy(() -> Keyfile.parse(v2))
                .isInstanceOfSatisfying(
                        WalletException.class,
                        e -> assertThat(e.reason()).isEqualTo(WalletException.Reason.UNSUPPORTED))
                .hasMessage("keyfile version 2 is not supported: this tao4j reads version 1; upgrade tao4j");
    }

    @Test
    void bittensorFilesAreRecognised() {
        assertThatThrownBy(() -> Keyfile.parse("$NACL\u0001\u0002binary".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOfSatisfying(
                        WalletException.class,
                        e -> assertThat(e.reason()).isEqualTo(WalletException.Reason.UNSUPPORTED))
                .hasMessageStartingWith("this is a Bittensor (btwallet) keyfile, not a tao4j one");
        assertThatThrownBy(() -> Keyfile.parse(("{\"accountId\":\"0x00\",\"publicKey\":\"0x00\",\"secretPhrase\":\"x\","
                                + "\"ss58Address\":\"5x\"}")
                        .getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("this is a Bittensor (btwallet) keyfile");
    }

    @Test
    void aForgerWhoFixesTheChecksumGetsWrongPassword() {
        // the documented limit of the rule: a deliberate edit with a recomputed checksum is
        // indistinguishable from a wrong password; either way nothing decrypts
        byte[] forged = edit(encrypted(), r -> {
            AccountId bob = KeyDerivation.fromSuri("//Bob").accountId();
            r.put("public_key", bob.toHex());
            r.put("ss58", bob.toSs58());
            fixChecksum(r);
        });
        Keyfile file = Keyfile.parse(forged);
        assertThatThrownBy(() -> file.decrypt(PASSWORD)).hasMessage("wrong password");
    }

    @Test
    void tamperedPlainFilesAreCorrupted() {
        byte[] plain = Keyfile.plain(legal()).toJson();
        byte[] otherSeed = edit(
                plain, r -> r.put("secret_seed", flipHex(r.get("secret_seed").textValue(), 5)));
        assertThatThrownBy(() -> Keyfile.parse(otherSeed))
                .hasMessage("corrupted keyfile: the secret does not belong to \"public_key\"");
        byte[] otherMnemonic =
                edit(plain, r -> r.put("mnemonic", Bip39Vectors.ALL.get(0).phrase()));
        assertThatThrownBy(() -> Keyfile.parse(otherMnemonic))
                .hasMessage("corrupted keyfile: the stored mnemonic does not produce the stored secret");
        byte[] badMnemonic = edit(plain, r -> r.put("mnemonic", "legal winner thank"));
        assertThatThrownBy(() -> Keyfile.parse(badMnemonic))
                .hasMessage("corrupted keyfile: \"mnemonic\" is not a valid BIP39 mnemonic");
        byte[] withKdf = edit(plain, r -> r.putObject("kdf"));
        assertThatThrownBy(() -> Keyfile.parse(withKdf)).hasMessage("corrupted keyfile: unexpected field \"kdf\"");
    }

    @Test
    void unlockAsksOnlyWhenEncryptedAndClearsThePassword() {
        AtomicInteger asked = new AtomicInteger();
        char[][] handedOut = new char[1][];
        PasswordSource source = prompt -> {
            asked.incrementAndGet();
            handedOut[0] = PASSWORD.clone();
            return handedOut[0];
        };
        Keyfile.parse(Keyfile.plain(legal()).toJson()).unlock(source, "pw: ");
        assertThat(asked).hasValue(0);
        KeyMaterial key = Keyfile.parse(encrypted()).unlock(source, "pw: ");
        assertThat(asked).hasValue(1);
        assertThat(key.publicKey()).isEqualTo(legal().publicKey());
        assertThat(handedOut[0]).containsOnly('\0');
    }

    @Test
    void keyfileAskingForMoreMemoryThanJavaHasIsAClearError() {
        // just above what this JVM may use (its heap less the 32 MiB margin), whatever -Xmx the test runs
        // with: 16 MiB below the heap. Within KdfParams' own bound for any heap up to 4 GiB (the module's
        // surefire argLine gives 1 GiB), so the file parses and decrypt must refuse it before allocating.
        long heapKib = Runtime.getRuntime().maxMemory() / 1024;
        long asked = heapKib - 16 * 1024;
        assertThat(asked)
                .as("a request above the heap that KdfParams still accepts")
                .isLessThanOrEqualTo(KdfParams.MAX_MEMORY_KIB);
        Keyfile file = Keyfile.parse(edit(encrypted(), r -> {
            ((ObjectNode) r.get("kdf")).put("memory_kib", asked);
            fixChecksum(r);
        }));
        assertThatThrownBy(() -> file.decrypt(PASSWORD))
                .isInstanceOfSatisfying(
                        WalletException.class,
                        e -> assertThat(e.reason()).isEqualTo(WalletException.Reason.UNSUPPORTED))
                .hasMessageStartingWith(
                        "not enough memory for this keyfile's Argon2id parameters: they need " + asked / 1024 + " MiB");
    }

    @Test
    void toStringRevealsNoSecret() {
        Keyfile file = Keyfile.plain(legal());
        assertThat(file.toString()).isEqualTo("Keyfile[5ErKjJLUyc8TTU2vNKrj5UciogZho2MDawb6nN2KG44aU1aB, plain]");
        assertThat(legal().toString()).doesNotContain("legal").contains("redacted");
    }
}
