package org.tao4j.wallet;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.tao4j.core.account.AccountId;

/**
 * One wallet directory:
 * <pre>
 * &lt;name&gt;/coldkey             encrypted keyfile (always)
 * &lt;name&gt;/coldkeypub.txt      public key file
 * &lt;name&gt;/hotkeys/&lt;h&gt;          keyfile, plain unless encryption is asked for
 * &lt;name&gt;/hotkeys/&lt;h&gt;pub.txt   public key file
 * </pre>
 * Directories are created 0700 and files 0600, each written atomically. Existing keys are never
 * replaced unless {@code overwrite} is passed: a replaced key without a mnemonic backup is lost.
 *
 * <p>A handle, not a cache: every method reads the files afresh.
 */
public final class Wallet {
    static final String COLDKEY = "coldkey";
    static final String COLDKEYPUB = "coldkeypub.txt";
    static final String HOTKEYS = "hotkeys";
    static final String PUB_SUFFIX = "pub.txt";

    private final String name;
    private final Path dir;

    Wallet(String name, Path dir) {
        this.name = name;
        this.dir = dir;
    }

    public String name() {
        return name;
    }

    public Path directory() {
        return dir;
    }

    public Path coldkeyPath() {
        return dir.resolve(COLDKEY);
    }

    public Path coldkeyPubPath() {
        return dir.resolve(COLDKEYPUB);
    }

    public Path hotkeyPath(String hotkey) {
        return dir.resolve(HOTKEYS).resolve(Names.check("hotkey", hotkey));
    }

    public Path hotkeyPubPath(String hotkey) {
        return dir.resolve(HOTKEYS).resolve(Names.check("hotkey", hotkey) + PUB_SUFFIX);
    }

    /** Whether the wallet's directory exists. */
    public boolean exists() {
        return Files.isDirectory(dir);
    }

    public boolean hasColdkey() {
        return Files.exists(coldkeyPath());
    }

    public boolean hasHotkey(String hotkey) {
        return Files.exists(hotkeyPath(hotkey)) || Files.exists(hotkeyPubPath(hotkey));
    }

    // ---- coldkey ----

    /**
     * Creates a coldkey from a new {@code wordCount}-word mnemonic. Returns the key so the caller
     * can show the mnemonic, once; it is stored only inside the encrypted keyfile.
     */
    public KeyMaterial createColdkey(int wordCount, Encryption encryption, boolean overwrite, SecureRandom random) {
        KeyMaterial key = KeyMaterial.generate(wordCount, random);
        regenColdkey(key, encryption, overwrite, random);
        return key;
    }

    /**
     * Writes {@code key} (from a mnemonic, a seed or a secret URI) as this wallet's coldkey,
     * encrypted, and its {@code coldkeypub.txt}.
     *
     * @throws WalletException {@code ALREADY_EXISTS} if a coldkey is there, or a
     *     {@code coldkeypub.txt} of a different key, and {@code overwrite} is false
     */
    public void regenColdkey(KeyMaterial key, Encryption encryption, boolean overwrite, SecureRandom random) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(encryption, "encryption");
        if (!overwrite) {
            refuseToReplace("a coldkey", coldkeyPath(), coldkeyPubPath(), key.accountId());
        }
        Keyfile file = Keyfile.encrypt(key, encryption.password(), encryption.kdf(), random);
        write(coldkeyPath(), file.toJson(), overwrite);
        // the keyfile is in place; the public file only mirrors it, so replacing it is always right
        write(coldkeyPubPath(), PublicKeyFile.toJson(key.accountId()), true);
    }

    /**
     * Writes only {@code coldkeypub.txt}: a watch-only wallet that can show balances and receive
     * funds but not sign.
     */
    public void regenColdkeyPub(AccountId account, boolean overwrite) {
        Objects.requireNonNull(account, "account");
        if (!overwrite) {
            refuseToReplace("a coldkey", coldkeyPath(), coldkeyPubPath(), account);
        }
        write(coldkeyPubPath(), PublicKeyFile.toJson(account), overwrite);
    }

    /**
     * The coldkey's account, without a password: from {@code coldkeypub.txt}, else from the
     * coldkey's clear header. When both exist they must agree, so a swapped public file can never
     * make the wallet show (and receive funds on) an address its coldkey cannot sign for.
     *
     * @throws WalletException {@code NOT_FOUND}, {@code CORRUPTED} or {@code IO}
     */
    public AccountId coldkeyPub() {
        Optional<AccountId> fromPub = readPublicKeyFile(coldkeyPubPath());
        if (fromPub.isEmpty()) {
            if (!hasColdkey()) {
                throw new WalletException(
                        WalletException.Reason.NOT_FOUND,
                        "wallet \"" + name + "\" has no coldkey" + (exists() ? "" : " (no directory " + dir + ")"));
            }
            return coldkeyFile().accountId();
        }
        if (hasColdkey()) {
            AccountId fromKey;
            try {
                fromKey = coldkeyFile().accountId();
            } catch (WalletException e) {
                return fromPub.get(); // a damaged coldkey is reported when it is unlocked
            }
            if (!fromKey.equals(fromPub.get())) {
                throw new WalletException(
                        WalletException.Reason.CORRUPTED,
                        "wallet \"" + name + "\": "
                                + COLDKEYPUB + " (" + fromPub.get().toSs58() + ") does not match the coldkey ("
                                + fromKey.toSs58() + ")");
            }
        }
        return fromPub.get();
    }

    /** The coldkey file, parsed and checked, not decrypted. */
    public Keyfile coldkeyFile() {
        return readKeyfile(coldkeyPath(), "wallet \"" + name + "\" has no coldkey");
    }

    /** Decrypts the coldkey. */
    public KeyMaterial unlockColdkey(char[] password) {
        Keyfile file = coldkeyFile();
        return file.encrypted() ? file.decrypt(password) : file.plainKey();
    }

    /** Decrypts the coldkey, asking {@code passwords} for the password. */
    public KeyMaterial unlockColdkey(PasswordSource passwords) {
        return coldkeyFile().unlock(passwords, "Password for the coldkey of wallet \"" + name + "\": ");
    }

    /**
     * A warning when users other than the owner can read the key file at {@code keyFile} (a coldkey
     * or hotkey of this wallet), as {@code tao} warns for a password file; empty when only the owner
     * can, or the file system has no POSIX permissions. A plain hotkey is its secret in the clear; an
     * encrypted key is open to offline password guessing. The key is still usable: refusing would only
     * lock the owner out.
     */
    public Optional<String> readableByOthersWarning(Path keyFile) {
        return SecureFiles.readableByOthers(keyFile)
                .map(perms -> "key file " + keyFile + " can be read by other users (" + perms + "); run: chmod 600 "
                        + keyFile);
    }

    // ---- hotkeys ----

    /**
     * Creates a hotkey from a new mnemonic; plain unless {@code encryption} is given. Returns the
     * key so the caller can show the mnemonic once.
     */
    public KeyMaterial createHotkey(
            String hotkey, int wordCount, Optional<Encryption> encryption, boolean overwrite, SecureRandom random) {
        Names.check("hotkey", hotkey);
        KeyMaterial key = KeyMaterial.generate(wordCount, random);
        regenHotkey(hotkey, key, encryption, overwrite, random);
        return key;
    }

    /** Writes {@code key} as hotkey {@code hotkey}, with its public file. */
    public void regenHotkey(
            String hotkey, KeyMaterial key, Optional<Encryption> encryption, boolean overwrite, SecureRandom random) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(encryption, "encryption");
        Path path = hotkeyPath(hotkey);
        if (!overwrite) {
            refuseToReplace("a hotkey \"" + hotkey + "\"", path, hotkeyPubPath(hotkey), key.accountId());
        }
        Keyfile file = encryption.isPresent()
                ? Keyfile.encrypt(
                        key, encryption.get().password(), encryption.get().kdf(), random)
                : Keyfile.plain(key);
        write(path, file.toJson(), overwrite);
        write(hotkeyPubPath(hotkey), PublicKeyFile.toJson(key.accountId()), true);
    }

    /**
     * The hotkey names, sorted: every key file in {@code hotkeys/} and every public file without
     * one (a hotkey known only by its address). Temporary and hidden files are skipped.
     */
    public List<String> hotkeys() {
        TreeSet<String> names = new TreeSet<>(WalletStore.NAME_ORDER);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.resolve(HOTKEYS))) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                String hotkey = n.endsWith(PUB_SUFFIX) ? n.substring(0, n.length() - PUB_SUFFIX.length()) : n;
                if (Names.valid("hotkey", hotkey)) {
                    names.add(hotkey);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new WalletException(
                    WalletException.Reason.IO,
                    "cannot list hotkeys of wallet \"" + name + "\": " + SecureFiles.describe(e),
                    e);
        }
        return List.copyOf(names);
    }

    /** A hotkey's account, without a password: from its public file, else its key file; they must agree. */
    public AccountId hotkeyPub(String hotkey) {
        Optional<AccountId> fromPub = readPublicKeyFile(hotkeyPubPath(hotkey));
        if (fromPub.isEmpty()) {
            return hotkeyFile(hotkey).accountId();
        }
        if (Files.exists(hotkeyPath(hotkey))) {
            AccountId fromKey;
            try {
                fromKey = hotkeyFile(hotkey).accountId();
            } catch (WalletException e) {
                return fromPub.get();
            }
            if (!fromKey.equals(fromPub.get())) {
                throw new WalletException(
                        WalletException.Reason.CORRUPTED,
                        "wallet \"" + name + "\": hotkey \""
                                + hotkey + "\" public file (" + fromPub.get().toSs58() + ") does not match its key ("
                                + fromKey.toSs58() + ")");
            }
        }
        return fromPub.get();
    }

    /** The hotkey's key file, parsed and checked. */
    public Keyfile hotkeyFile(String hotkey) {
        return readKeyfile(hotkeyPath(hotkey), "wallet \"" + name + "\" has no hotkey \"" + hotkey + "\"");
    }

    /** The hotkey's secret; {@code passwords} is asked only if the hotkey is encrypted. */
    public KeyMaterial unlockHotkey(String hotkey, PasswordSource passwords) {
        return hotkeyFile(hotkey)
                .unlock(passwords, "Password for hotkey \"" + hotkey + "\" of wallet \"" + name + "\": ");
    }

    @Override
    public String toString() {
        return "Wallet[" + name + " at " + dir + "]";
    }

    // ---- files ----

    private void refuseToReplace(String what, Path keyPath, Path pubPath, AccountId incoming) {
        if (Files.exists(keyPath)) {
            String address = "";
            try {
                address = " (" + readKeyfile(keyPath, "").accountId().toSs58() + ")";
            } catch (WalletException e) {
                // unreadable: say so without the address
            }
            throw new WalletException(
                    WalletException.Reason.ALREADY_EXISTS,
                    "wallet \"" + name + "\" already has "
                            + what + address + "; refusing to overwrite it, since a key replaced without its mnemonic"
                            + " is lost for good (ask for overwrite explicitly to replace it)");
        }
        Optional<AccountId> pub;
        try {
            pub = readPublicKeyFile(pubPath);
        } catch (WalletException e) {
            pub = Optional.empty(); // a damaged public file is rewritten below
        }
        if (pub.isPresent() && !pub.get().equals(incoming)) {
            throw new WalletException(
                    WalletException.Reason.ALREADY_EXISTS,
                    "wallet \"" + name + "\" already has "
                            + pubPath.getFileName() + " for " + pub.get().toSs58() + ", a different key than "
                            + incoming.toSs58() + "; refusing to overwrite it (ask for overwrite explicitly)");
        }
    }

    private static void write(Path path, byte[] content, boolean replace) {
        try {
            SecureFiles.writeAtomically(path, content, replace);
        } catch (FileAlreadyExistsException e) {
            // another process created it between our check and our write
            throw new WalletException(
                    WalletException.Reason.ALREADY_EXISTS,
                    path + " was created by someone else meanwhile; refusing to overwrite it",
                    e);
        } catch (IOException e) {
            throw new WalletException(
                    WalletException.Reason.IO, "cannot write " + path + ": " + SecureFiles.describe(e), e);
        }
    }

    private static byte[] read(Path path, String missing) {
        try {
            if (Files.size(path) > JsonDoc.MAX_BYTES) {
                throw new WalletException(
                        WalletException.Reason.CORRUPTED, "corrupted file " + path + ": larger than any key file");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new WalletException(
                    WalletException.Reason.NOT_FOUND, missing.isEmpty() ? "no file " + path : missing);
        } catch (IOException e) {
            throw new WalletException(
                    WalletException.Reason.IO, "cannot read " + path + ": " + SecureFiles.describe(e), e);
        }
    }

    private static Keyfile readKeyfile(Path path, String missing) {
        byte[] content = read(path, missing);
        try {
            return Keyfile.parse(content);
        } catch (WalletException e) {
            throw withPath(e, path);
        } finally {
            java.util.Arrays.fill(content, (byte) 0); // a plain hotkey's bytes hold its seed
        }
    }

    private static Optional<AccountId> readPublicKeyFile(Path path) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        byte[] content = read(path, "");
        try {
            return Optional.of(PublicKeyFile.parse(content));
        } catch (WalletException e) {
            throw withPath(e, path);
        }
    }

    private static WalletException withPath(WalletException e, Path path) {
        return new WalletException(e.reason(), e.getMessage() + "; file: " + path, e);
    }
}
