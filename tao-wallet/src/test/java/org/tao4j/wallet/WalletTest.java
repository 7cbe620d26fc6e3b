package org.tao4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tao4j.core.account.AccountId;

class WalletTest {
    private static final String LEGAL = "legal winner thank year wave sausage worth useful legal winner thank yellow";
    private static final KdfParams CHEAP = KdfParams.insecureForTests();

    @TempDir
    Path tmp;

    private final SecureRandom random = new SecureRandom();
    private WalletStore store;

    @BeforeEach
    void setUp() {
        store = WalletStore.at(tmp.resolve("wallets"));
    }

    private static Encryption enc(String password) {
        return new Encryption(password.toCharArray(), CHEAP);
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void createColdkeyWritesThePrivateLayout() throws IOException {
        Wallet w = store.wallet("alice");
        KeyMaterial key = w.createColdkey(12, enc("pw"), false, random);
        assertThat(key.mnemonic()).isPresent();

        Path dir = tmp.resolve("wallets/alice");
        assertThat(dir.resolve("coldkey")).isRegularFile();
        assertThat(dir.resolve("coldkeypub.txt")).isRegularFile();
        assertThat(mode(dir.resolve("coldkey"))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("coldkeypub.txt"))).isEqualTo("rw-------");
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(tmp.resolve("wallets"))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("coldkey", "coldkeypub.txt");
        }

        String pub = Files.readString(dir.resolve("coldkeypub.txt"));
        assertThat(pub).contains(key.ss58()).contains(key.publicKey().toHex());
        String cold = Files.readString(dir.resolve("coldkey"));
        assertThat(cold)
                .contains("\"encrypted\" : true")
                .doesNotContain(key.mnemonic().get().words().get(1) + " ");

        assertThat(w.coldkeyPub()).isEqualTo(key.accountId());
        KeyMaterial unlocked = w.unlockColdkey("pw".toCharArray());
        assertThat(unlocked.keyPair().seed()).isEqualTo(key.keyPair().seed());
        assertThat(unlocked.mnemonic().orElseThrow().phrase())
                .isEqualTo(key.mnemonic().get().phrase());
    }

    @Test
    void wrongPasswordOnTheColdkey() {
        Wallet w = store.wallet("alice");
        w.createColdkey(12, enc("right"), false, random);
        assertThatThrownBy(() -> w.unlockColdkey("wrong".toCharArray()))
                .isInstanceOfSatisfying(
                        WalletException.class,
                        e -> assertThat(e.reason()).isEqualTo(WalletException.Reason.WRONG_PASSWORD))
                .hasMessage("wrong password");
        assertThatThrownBy(() -> w.unlockColdkey(PasswordSource.fixed("wrong".toCharArray())))
                .hasMessage("wrong password");
    }

    @Test
    void regenFromTheMnemonicGivesTheSameKeys() {
        Wallet a = store.wallet("a");
        KeyMaterial created = a.createColdkey(12, enc("pw"), false, random);
        Wallet b = store.wallet("b");
        Mnemonic typedBack =
                Mnemonic.parse(created.mnemonic().orElseThrow().phrase().toUpperCase());
        b.regenColdkey(KeyMaterial.fromMnemonic(typedBack, ""), enc("other"), false, random);
        assertThat(b.coldkeyPub()).isEqualTo(a.coldkeyPub());
        assertThat(b.unlockColdkey("other".toCharArray()).keyPair().seed())
                .isEqualTo(a.unlockColdkey("pw".toCharArray()).keyPair().seed());

        KeyMaterial hot = a.createHotkey("miner", 12, Optional.empty(), false, random);
        b.regenHotkey(
                "miner",
                KeyMaterial.fromMnemonic(
                        Mnemonic.parse(hot.mnemonic().orElseThrow().phrase()), ""),
                Optional.empty(),
                false,
                random);
        assertThat(b.hotkeyPub("miner")).isEqualTo(a.hotkeyPub("miner"));
    }

    @Test
    void regenWithAPublishedVector() {
        Wallet w = store.wallet("v");
        w.regenColdkey(KeyMaterial.fromMnemonic(Mnemonic.parse(LEGAL), ""), enc("pw"), false, random);
        assertThat(w.coldkeyPub().toSs58()).isEqualTo("5ErKjJLUyc8TTU2vNKrj5UciogZho2MDawb6nN2KG44aU1aB");
    }

    @Test
    void existingKeysAreNotOverwrittenUnlessAsked() {
        Wallet w = store.wallet("alice");
        KeyMaterial first = w.createColdkey(12, enc("pw"), false, random);
        assertThatThrownBy(() -> w.createColdkey(12, enc("pw"), false, random))
                .isInstanceOfSatisfying(
                        WalletException.class,
                        e -> assertThat(e.reason()).isEqualTo(WalletException.Reason.ALREADY_EXISTS))
                .hasMessageStartingWith(
                        "wallet \"alice\" already has a coldkey (" + first.ss58() + "); refusing to overwrite it");
        assertThat(w.coldkeyPub()).isEqualTo(first.accountId());

        KeyMaterial second = w.createColdkey(12, enc("pw2"), true, random);
        assertThat(w.coldkeyPub()).isEqualTo(second.accountId());
        assertThat(w.unlockColdkey("pw2".toCharArray()).publicKey()).isEqualTo(second.publicKey());

        w.createHotkey("h", 12, Optional.empty(), false, random);
        assertThatThrownBy(() -> w.createHotkey("h", 12, Optional.empty(), false, random))
                .hasMessageStartingWith("wallet \"alice\" already has a hotkey \"h\" (");
        w.createHotkey("h", 12, Optional.empty(), true, random);
    }

    @Test
    void watchOnlyWalletCanBeCompletedWithTheSameKeyButNotAnother() {
        Wallet w = store.wallet("watch");
        KeyMaterial key = KeyMaterial.fromMnemonic(Mnemonic.parse(LEGAL), "");
        w.regenColdkeyPub(key.accountId(), false);
        assertThat(w.hasColdkey()).isFalse();
        assertThat(w.coldkeyPub()).isEqualTo(key.accountId());
        assertThatThrownBy(() -> w.unlockColdkey("pw".toCharArray()))
                .isInstanceOfSatisfying(
                        WalletException.class, e -> assertThat(e.reason()).isEqualTo(WalletException.Reason.NOT_FOUND))
                .hasMessage("wallet \"watch\" has no coldkey");

        KeyMaterial other = KeyDerivation.fromSuri("//Bob");
        assertThatThrownBy(() -> w.regenColdkey(other, enc("pw"), false, random))
                .hasMessageContaining("already has coldkeypub.txt for " + key.ss58() + ", a different key");
        w.regenColdkey(key, enc("pw"), false, random);
        assertThat(w.unlockColdkey("pw".toCharArray()).publicKey()).isEqualTo(key.publicKey());
    }

    @Test
    void publicKeysLoadWithoutAPasswordAndMustAgree() throws IOException {
        Wallet w = store.wallet("alice");
        KeyMaterial key = w.createColdkey(12, enc("pw"), false, random);
        Files.delete(w.coldkeyPubPath());
        assertThat(w.coldkeyPub())
                .as("falls back to the keyfile's clear header")
                .isEqualTo(key.accountId());

        Files.write(
                w.coldkeyPubPath(),
                PublicKeyFile.toJson(KeyDerivation.fromSuri("//Bob").accountId()));
        assertThatThrownBy(w::coldkeyPub)
                .isInstanceOfSatisfying(
                        WalletException.class, e -> assertThat(e.reason()).isEqualTo(WalletException.Reason.CORRUPTED))
                .hasMessageContaining(
                        "coldkeypub.txt (5GoNkf6WdbxCFnPdAnYYQyCjAKPJgLNxXwPjwTh6DGg6gN3E) does not match the coldkey");

        Files.writeString(w.coldkeyPubPath(), "{\"format\":\"tao4j-public-key\",\"version\":1,");
        assertThatThrownBy(w::coldkeyPub)
                .hasMessageStartingWith("corrupted public key file: not valid JSON")
                .hasMessageEndingWith("; file: " + w.coldkeyPubPath());
    }

    @Test
    void corruptedColdkeyIsReportedWithItsPath() throws IOException {
        Wallet w = store.wallet("alice");
        w.createColdkey(12, enc("pw"), false, random);
        String text = Files.readString(w.coldkeyPath());
        Files.writeString(w.coldkeyPath(), text.substring(0, text.length() / 2));
        assertThatThrownBy(() -> w.unlockColdkey("pw".toCharArray()))
                .isInstanceOfSatisfying(
                        WalletException.class, e -> assertThat(e.reason()).isEqualTo(WalletException.Reason.CORRUPTED))
                .hasMessageStartingWith("corrupted keyfile: not valid JSON")
                .hasMessageEndingWith("; file: " + w.coldkeyPath());

        int at = text.indexOf("\"ciphertext\" : \"") + 20;
        Files.writeString(
                w.coldkeyPath(), text.substring(0, at) + (text.charAt(at) == 'a' ? 'b' : 'a') + text.substring(at + 1));
        assertThatThrownBy(() -> w.unlockColdkey("pw".toCharArray()))
                .hasMessageStartingWith("corrupted keyfile: checksum mismatch");
        // the public key is still readable, from coldkeypub.txt
        assertThat(w.coldkeyPub()).isNotNull();
    }

    @Test
    void hotkeysArePlainByDefaultAndEncryptedOnRequest() throws IOException {
        Wallet w = store.wallet("alice");
        KeyMaterial plain = w.createHotkey("miner1", 12, Optional.empty(), false, random);
        KeyMaterial sealed = w.createHotkey("validator", 12, Optional.of(enc("hot")), false, random);
        Path hotkeys = tmp.resolve("wallets/alice/hotkeys");
        assertThat(mode(hotkeys)).isEqualTo("rwx------");
        for (String f : List.of("miner1", "miner1pub.txt", "validator", "validatorpub.txt")) {
            assertThat(mode(hotkeys.resolve(f))).as(f).isEqualTo("rw-------");
        }
        assertThat(Files.readString(hotkeys.resolve("miner1")))
                .contains("\"encrypted\" : false")
                .contains("secret_seed");
        assertThat(Files.readString(hotkeys.resolve("validator")))
                .contains("\"encrypted\" : true")
                .doesNotContain("secret_seed");

        PasswordSource never = prompt -> {
            throw new AssertionError("a plain hotkey must not ask for a password");
        };
        assertThat(w.unlockHotkey("miner1", never).publicKey()).isEqualTo(plain.publicKey());
        assertThat(w.unlockHotkey("validator", PasswordSource.fixed("hot".toCharArray()))
                        .publicKey())
                .isEqualTo(sealed.publicKey());
        assertThatThrownBy(() -> w.unlockHotkey("validator", PasswordSource.fixed("cold".toCharArray())))
                .hasMessage("wrong password");
        assertThat(w.hotkeyPub("validator")).isEqualTo(sealed.accountId());
        assertThatThrownBy(() -> w.unlockHotkey("nope", never))
                .isInstanceOfSatisfying(
                        WalletException.class, e -> assertThat(e.reason()).isEqualTo(WalletException.Reason.NOT_FOUND))
                .hasMessage("wallet \"alice\" has no hotkey \"nope\"");
    }

    @Test
    void listingIsSortedAndIgnoresStrayFiles() throws IOException {
        for (String name : List.of("zeta", "Alpha", "beta", "alpha")) {
            store.wallet(name).createHotkey("default", 12, Optional.empty(), false, random);
        }
        Wallet beta = store.wallet("beta");
        beta.createHotkey("m2", 12, Optional.empty(), false, random);
        beta.createHotkey("M1", 12, Optional.empty(), false, random);
        // a hotkey known only by its public file, a leftover temp file, a hidden file, a subdirectory
        Files.write(
                beta.directory().resolve("hotkeys/watchedpub.txt"),
                PublicKeyFile.toJson(KeyDerivation.fromSuri("//Eve").accountId()));
        Files.writeString(beta.directory().resolve("hotkeys/.m3.123.tmp"), "partial");
        Files.writeString(beta.directory().resolve("hotkeys/.DS_Store"), "");
        Files.createDirectory(beta.directory().resolve("hotkeys/sub"));
        Files.createDirectory(tmp.resolve("wallets/.hidden"));
        Files.writeString(tmp.resolve("wallets/notes.txt"), "not a wallet");

        assertThat(store.wallets()).extracting(Wallet::name).containsExactly("Alpha", "alpha", "beta", "zeta");
        assertThat(beta.hotkeys()).containsExactly("default", "M1", "m2", "watched");
        assertThat(beta.hotkeyPub("watched"))
                .isEqualTo(KeyDerivation.fromSuri("//Eve").accountId());
        assertThat(store.wallet("zeta").hotkeys()).containsExactly("default");
        assertThat(store.wallet("nobody").hotkeys()).isEmpty();
        assertThat(WalletStore.at(tmp.resolve("missing")).wallets()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "..",
                ".",
                ".hidden",
                "a/b",
                "a\\b",
                "../x",
                "a..b",
                "with space",
                "ünï",
                "tab\t",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            })
    void badWalletNamesAreRefused(String name) {
        assertThatThrownBy(() -> store.wallet(name))
                .isInstanceOfSatisfying(
                        WalletException.class,
                        e -> assertThat(e.reason()).isEqualTo(WalletException.Reason.INVALID_NAME))
                .satisfies(e ->
                        assertThat(e.getMessage()).startsWith("wallet name").doesNotContain("\n"));
    }

    @Test
    void nameMessagesSayWhatIsWrong() {
        assertThatThrownBy(() -> store.wallet("a/b"))
                .hasMessage("wallet name \"a/b\" contains '/'; use only letters, digits, '_', '.' and '-'");
        assertThatThrownBy(() -> store.wallet("..")).hasMessageContaining("starts with '.'");
        assertThatThrownBy(() -> store.wallet("x".repeat(65)))
                .hasMessage("wallet name is 65 characters long; the limit is 64");
        assertThatThrownBy(() -> store.wallet("ok").hotkeyPath("minerpub.txt"))
                .hasMessageContaining("ends in \"pub.txt\"");
        assertThatThrownBy(() -> store.wallet("ok").createHotkey("../../etc", 12, Optional.empty(), false, random))
                .hasMessageStartingWith("hotkey name \"../../etc\" contains '/'");
        assertThat(store.wallet("x".repeat(64)).name()).hasSize(64);
        assertThat(store.wallet("My_wallet-1.0").name()).isEqualTo("My_wallet-1.0");
    }

    @Test
    void walletPathPrecedence() {
        String home = "/home/u";
        assertThat(WalletStore.resolveRoot(null, Map.of(), home)).isEqualTo(Path.of("/home/u/.tao/wallets"));
        assertThat(WalletStore.resolveRoot(null, Map.of("TAO_WALLET_PATH", "/srv/w"), home))
                .isEqualTo(Path.of("/srv/w"));
        assertThat(WalletStore.resolveRoot(null, Map.of("TAO_WALLET_PATH", "~/w"), home))
                .isEqualTo(Path.of("/home/u/w"));
        assertThat(WalletStore.resolveRoot(null, Map.of("TAO_WALLET_PATH", "  "), home))
                .isEqualTo(Path.of("/home/u/.tao/wallets"));
        assertThat(WalletStore.resolveRoot(Path.of("/explicit"), Map.of("TAO_WALLET_PATH", "/srv/w"), home))
                .isEqualTo(Path.of("/explicit"));
    }

    @Test
    void emptyPasswordIsRefusedForEncryption() {
        assertThatThrownBy(() -> new Encryption(new char[0], CHEAP))
                .hasMessage("the password is empty; an empty password would not protect the key");
        assertThat(new Encryption("pw".toCharArray(), CHEAP).toString())
                .doesNotContain("pw,")
                .contains("redacted");
    }

    @Test
    void atomicWriteRefusesToClobberAndLeavesNoTempFiles() throws IOException {
        Path target = tmp.resolve("d/file");
        SecureFiles.writeAtomically(target, "one".getBytes(StandardCharsets.UTF_8), false);
        assertThatThrownBy(() -> SecureFiles.writeAtomically(target, "two".getBytes(StandardCharsets.UTF_8), false))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(Files.readString(target)).isEqualTo("one");
        SecureFiles.writeAtomically(target, "three".getBytes(StandardCharsets.UTF_8), true);
        assertThat(Files.readString(target)).isEqualTo("three");
        assertThat(mode(target)).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(tmp.resolve("d"))) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void unwritableDirectoryIsAClearError() throws IOException {
        Path ro = tmp.resolve("ro");
        Files.createDirectory(ro);
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-x------"));
        try {
            // root ignores permission bits, so as root use a place no one can write to: /proc
            Path where = Files.isWritable(ro) ? Path.of("/proc/tao4j-wallets") : ro;
            Wallet w = WalletStore.at(where).wallet("w");
            assertThatThrownBy(() -> w.createColdkey(12, enc("pw"), false, random))
                    .isInstanceOfSatisfying(
                            WalletException.class, e -> assertThat(e.reason()).isEqualTo(WalletException.Reason.IO))
                    .hasMessageContaining(where.toString());
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void fileInTheWayIsAClearError() throws IOException {
        Path root = tmp.resolve("wallets");
        Files.writeString(root, "a file, not a directory");
        Wallet w = WalletStore.at(root).wallet("w");
        assertThatThrownBy(() -> w.createColdkey(12, enc("pw"), false, random))
                .isInstanceOfSatisfying(
                        WalletException.class, e -> assertThat(e.reason()).isEqualTo(WalletException.Reason.IO))
                .hasMessageStartingWith("cannot write " + w.coldkeyPath() + ": ")
                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("directory"));
        assertThatThrownBy(() -> WalletStore.at(root).wallets())
                .isInstanceOfSatisfying(
                        WalletException.class, e -> assertThat(e.reason()).isEqualTo(WalletException.Reason.IO))
                .hasMessageStartingWith("cannot list wallets in " + root + ": ");
    }

    @Test
    void accountsOfTheLayoutAreSs58WithPrefix42() {
        Wallet w = store.wallet("alice");
        w.regenColdkey(KeyDerivation.fromSuri("//Alice"), enc("pw"), false, random);
        AccountId pub = w.coldkeyPub();
        assertThat(pub.toSs58())
                .isEqualTo("5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu")
                .startsWith("5");
        assertThat(AccountId.fromSs58(pub.toSs58())).isEqualTo(pub);
    }

    @Test
    void homeIsTheEnvironmentsHomeThenThePasswdEntry() {
        assertThat(WalletStore.userHome("/tmp/h", "/home/u")).isEqualTo("/tmp/h");
        assertThat(WalletStore.userHome(null, "/home/u")).isEqualTo("/home/u");
        assertThat(WalletStore.userHome(" ", "/home/u")).isEqualTo("/home/u");
    }

    @Test
    void keyFilesReadableByOthersAreReported() throws IOException {
        Wallet w = store.wallet("alice");
        w.createColdkey(12, enc("pw"), false, random);
        w.createHotkey("default", 12, Optional.empty(), false, random);
        assertThat(w.readableByOthersWarning(w.coldkeyPath())).isEmpty();
        assertThat(w.readableByOthersWarning(w.hotkeyPath("default"))).isEmpty();
        Files.setPosixFilePermissions(w.hotkeyPath("default"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(w.readableByOthersWarning(w.hotkeyPath("default")))
                .contains("key file " + w.hotkeyPath("default")
                        + " can be read by other users (rw-r--r--); run: chmod 600 " + w.hotkeyPath("default"));
        Files.setPosixFilePermissions(w.coldkeyPath(), PosixFilePermissions.fromString("rw-r-----"));
        assertThat(w.readableByOthersWarning(w.coldkeyPath()))
                .hasValueSatisfying(m -> assertThat(m).contains("(rw-r-----)"));
    }

    /** A terminal-like source: three attempts, the answers given in order. */
    private static final class Answers implements PasswordSource {
        final java.util.ArrayDeque<String> answers;
        final List<Integer> told = new java.util.ArrayList<>();
        int asked;

        Answers(String... answers) {
            this.answers = new java.util.ArrayDeque<>(List.of(answers));
        }

        @Override
        public char[] password(String prompt) {
            asked++;
            return answers.removeFirst().toCharArray();
        }

        @Override
        public int attempts() {
            return 3;
        }

        @Override
        public void wrongPassword(int attemptsLeft) {
            told.add(attemptsLeft);
        }
    }

    @Test
    void anInteractivePasswordMayBeWrongTwice() {
        Wallet w = store.wallet("alice");
        KeyMaterial key = w.createColdkey(12, enc("pw"), false, random);
        Answers twoTypos = new Answers("pq", "wp", "pw");
        assertThat(w.unlockColdkey(twoTypos).accountId()).isEqualTo(key.accountId());
        assertThat(twoTypos.told).containsExactly(2, 1);

        Answers threeWrong = new Answers("a", "b", "c", "pw");
        assertThatThrownBy(() -> w.unlockColdkey(threeWrong))
                .isInstanceOfSatisfying(
                        WalletException.class,
                        e -> assertThat(e.reason()).isEqualTo(WalletException.Reason.WRONG_PASSWORD));
        assertThat(threeWrong.asked).isEqualTo(3);

        // a file's answer would not change: one attempt
        int[] asked = {0};
        PasswordSource file = prompt -> {
            asked[0]++;
            return "nope".toCharArray();
        };
        assertThatThrownBy(() -> w.unlockColdkey(file)).hasMessageContaining("wrong password");
        assertThat(asked[0]).isEqualTo(1);
    }
}
