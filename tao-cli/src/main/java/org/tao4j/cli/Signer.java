package org.tao4j.cli;

import java.nio.file.Path;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.wallet.KeyDerivation;
import org.tao4j.wallet.PasswordSource;
import org.tao4j.wallet.Wallet;
import org.tao4j.wallet.WalletStore;

/**
 * Who signs: the wallet directory, the wallet and hotkey names (options, else config, else defaults),
 * dev URIs on dev chains, password sources and the warnings for readable secrets.
 */
public final class Signer {

    private final Opts opts;
    private final Config config;
    private final Output output;
    private final Connection connection;
    private PasswordSource passwords;

    Signer(Opts opts, Config config, Output output, Connection connection) {
        this.opts = opts;
        this.config = config;
        this.output = output;
        this.connection = connection;
    }

    public WalletStore store() {
        Path p = opts.walletPath;
        if (p == null
                && (System.getenv(WalletStore.PATH_ENV) == null
                        || System.getenv(WalletStore.PATH_ENV).isBlank())
                && config.get("wallet-path") != null) {
            p = Path.of(config.get("wallet-path"));
        }
        return WalletStore.locate(p);
    }

    public String walletName() {
        if (opts.wallet != null) {
            return opts.wallet;
        }
        String c = config.get("wallet");
        return c != null ? c : "default";
    }

    /**
     * The hotkey: --hotkey, else config 'hotkey', else the dev URI given as --wallet (a dev account is its
     * own hotkey, so `--wallet //Alice` alone works for commands that need both), else 'default'.
     */
    public String hotkeyName() {
        if (opts.hotkey != null) {
            return opts.hotkey;
        }
        if (isDevUri(walletName())) {
            return walletName();
        }
        String c = config.get("hotkey");
        return c != null ? c : "default";
    }

    public static boolean isDevUri(String s) {
        return s != null && s.startsWith("//");
    }

    private Ed25519.KeyPair devKey(String uri, String what) {
        if (!connection.devChain()) {
            throw new UserError(what + " " + uri + " is a dev account; dev URIs are accepted on dev chains only");
        }
        try {
            return KeyDerivation.fromSuri(uri).keyPair();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** An existing wallet, or a clear error naming the directory. */
    public Wallet wallet() {
        Wallet w = store().wallet(walletName());
        if (!w.exists()) {
            throw new UserError("no wallet '" + walletName() + "' in " + store().root()
                    + "; create one with `tao wallet create --wallet " + walletName() + "` or see `tao wallet list`");
        }
        return w;
    }

    /** One source per command, so a file's warning is printed once however many keys are unlocked. */
    public PasswordSource passwords() {
        if (passwords == null) {
            passwords = opts.passwordFile != null
                    ? PasswordSource.file(opts.passwordFile, w -> output.warn(w))
                    : PasswordSource.console();
        }
        return passwords;
    }

    private void warnIfReadableByOthers(Wallet w, Path keyFile) {
        w.readableByOthersWarning(keyFile).ifPresent(output::warn);
    }

    public AccountId coldkeyPub() {
        if (isDevUri(walletName())) {
            return AccountId.of(devKey(walletName(), "--wallet").publicKey());
        }
        return wallet().coldkeyPub();
    }

    public Ed25519.KeyPair coldkey() {
        if (isDevUri(walletName())) {
            return devKey(walletName(), "--wallet");
        }
        Wallet w = wallet();
        warnIfReadableByOthers(w, w.coldkeyPath());
        output.note("Unlocking coldkey of wallet '" + w.name() + "'…");
        return w.unlockColdkey(passwords()).keyPair();
    }

    public AccountId hotkeyPub() {
        if (isDevUri(hotkeyName())) {
            return AccountId.of(devKey(hotkeyName(), "--hotkey").publicKey());
        }
        if (isDevUri(walletName())) {
            throw new UserError("--wallet " + walletName() + " is a dev account, which has no hotkey named '"
                    + hotkeyName() + "'; give a dev URI as --hotkey too (e.g. --hotkey " + walletName() + ")");
        }
        Wallet w = wallet();
        if (!w.hasHotkey(hotkeyName())) {
            throw new UserError("wallet '" + w.name() + "' has no hotkey '" + hotkeyName()
                    + "'; create it with `tao wallet new-hotkey --wallet " + w.name() + " --hotkey " + hotkeyName()
                    + "`");
        }
        return w.hotkeyPub(hotkeyName());
    }

    public Ed25519.KeyPair hotkey() {
        if (isDevUri(hotkeyName())) {
            return devKey(hotkeyName(), "--hotkey");
        }
        hotkeyPub();
        Wallet w = wallet();
        warnIfReadableByOthers(w, w.hotkeyPath(hotkeyName()));
        return w.unlockHotkey(hotkeyName(), passwords()).keyPair();
    }

    /** An address argument: SS58, or a dev URI on dev chains. */
    public AccountId address(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new UserError(what + " is missing");
        }
        if (isDevUri(text)) {
            return AccountId.of(devKey(text, what).publicKey());
        }
        try {
            return AccountId.fromSs58(text.strip());
        } catch (IllegalArgumentException e) {
            throw new UserError(what + " '" + text + "' is not a valid address: " + e.getMessage());
        }
    }
}
