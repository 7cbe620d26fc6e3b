package org.tao4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.tao4j.client.Networks;
import org.tao4j.client.TaoClient;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.TxStatus;
import org.tao4j.client.model.ChainEvent;
import org.tao4j.client.model.FeeInfo;
import org.tao4j.client.model.Header;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.wallet.KeyDerivation;
import org.tao4j.wallet.PasswordSource;
import org.tao4j.wallet.Wallet;
import org.tao4j.wallet.WalletStore;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/** What a command runs with: options merged with the config, the output streams, the node, the wallet. */
public final class Ctx implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    public final Opts opts;
    public final Config config;
    public final PrintWriter out;
    public final PrintWriter err;
    private TaoClient client;
    private Boolean live;

    public Ctx(Opts opts, PrintWriter out, PrintWriter err) {
        this.opts = opts;
        this.config = Config.load(Config.locate(opts.config));
        this.out = out;
        this.err = err;
    }

    // ---- output

    public boolean json() {
        return opts.json;
    }

    /** A human line on stdout (not in --json mode). */
    public void say(String line) {
        if (!opts.json) {
            out.println(line);
            out.flush();
        }
    }

    /** A progress / context line on stderr (not with --json or --quiet). */
    public void note(String line) {
        if (!opts.json && !opts.quiet) {
            err.println(line);
            err.flush();
        }
    }

    /** The JSON document (only in --json mode). */
    public void emit(Object node) {
        if (opts.json) {
            try {
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            out.flush();
        }
    }

    public ObjectNode obj() {
        return JSON.createObjectNode();
    }

    public ArrayNode arr() {
        return JSON.createArrayNode();
    }

    public String amount(long rao) {
        return Amounts.show(rao, opts.rao);
    }

    public static boolean tty() {
        return System.console() != null;
    }

    // ---- node

    public String networkName() {
        if (opts.network != null) {
            return opts.network;
        }
        String c = config.get("network");
        return c != null ? c : Networks.LOCAL.toString();
    }

    public TaoClient client() {
        if (client == null) {
            String n = networkName();
            try {
                Networks.resolve(n);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            client = TaoClient.connect(n);
        }
        return client;
    }

    /** True when the node's chain is a dev / test chain (not live): dev URIs are allowed there. */
    public boolean devChain() {
        if (live == null) {
            live = client().systemProperties().live();
        }
        return !live;
    }

    // ---- wallets

    public WalletStore store() {
        Path p = opts.walletPath;
        if (p == null && (System.getenv(WalletStore.PATH_ENV) == null || System.getenv(WalletStore.PATH_ENV).isBlank())
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

    public String hotkeyName() {
        if (opts.hotkey != null) {
            return opts.hotkey;
        }
        String c = config.get("hotkey");
        return c != null ? c : "default";
    }

    public static boolean isDevUri(String s) {
        return s != null && s.startsWith("//");
    }

    private Ed25519.KeyPair devKey(String uri, String what) {
        if (!devChain()) {
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

    public PasswordSource passwords() {
        if (opts.passwordFile != null) {
            return PasswordSource.file(opts.passwordFile, w -> note("warning: " + w));
        }
        return PasswordSource.console();
    }

    /** The coldkey the command acts as: the --proxy-for address when given, else the wallet's coldkey. */
    public AccountId coldkeyPub() {
        if (opts.proxyFor != null) {
            return address(opts.proxyFor, "--proxy-for");
        }
        return walletColdkeyPub();
    }

    /** The wallet's own coldkey, also under --proxy-for (where it is the delegate that signs). */
    public AccountId walletColdkeyPub() {
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
        note("Unlocking coldkey of wallet '" + w.name() + "'…");
        return w.unlockColdkey(passwords()).keyPair();
    }

    public AccountId hotkeyPub() {
        if (isDevUri(hotkeyName())) {
            return AccountId.of(devKey(hotkeyName(), "--hotkey").publicKey());
        }
        Wallet w = wallet();
        if (!w.hasHotkey(hotkeyName())) {
            throw new UserError("wallet '" + w.name() + "' has no hotkey '" + hotkeyName()
                    + "'; create it with `tao wallet new-hotkey --wallet " + w.name() + " --hotkey " + hotkeyName() + "`");
        }
        return w.hotkeyPub(hotkeyName());
    }

    public Ed25519.KeyPair hotkey() {
        if (isDevUri(hotkeyName())) {
            return devKey(hotkeyName(), "--hotkey");
        }
        hotkeyPub();
        return wallet().unlockHotkey(hotkeyName(), passwords()).keyPair();
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

    // ---- transactions

    /** Seconds per block, from the last few headers (12 if unknown). */
    public double blockSeconds() {
        try {
            Header h = client().head();
            long back = Math.min(10, h.number());
            if (back < 1) {
                return 12;
            }
            Optional<Header> old = client().header(h.number() - back);
            if (old.isEmpty() || h.timestamp() <= old.get().timestamp()) {
                return 12;
            }
            return (h.timestamp() - old.get().timestamp()) / 1000.0 / back;
        } catch (RuntimeException e) {
            return 12;
        }
    }

    /** A signed, priced transaction that has not been submitted. */
    public record Prepared(Extrinsic x, long fee) {
    }

    /** Signs {@code call} and asks the node for its exact fee; an invalid transaction is refused here (exit 1). */
    public Prepared prepare(Ed25519.KeyPair signer, Call call) {
        if (opts.proxyFor != null) {
            AccountId real = address(opts.proxyFor, "--proxy-for");
            if (real.equals(AccountId.of(signer.publicKey()))) {
                throw new UserError("--proxy-for " + real + " is the signing key itself; drop --proxy-for");
            }
            note("As proxy of " + real + ": " + AccountId.of(signer.publicKey()) + " signs and pays the fee");
            call = new Call.Proxy(real, call);
        }
        Extrinsic x = client().tx(signer, call).sign();
        FeeInfo f = client().feeInfo(x);
        if ("invalid".equals(f.validity())) {
            String hint = f.reason() != null && f.reason().contains("fee")
                    ? "; the signer " + AccountId.of(signer.publicKey()) + " pays the fee: send it some TAO with "
                    + "`tao wallet transfer`" : "";
            throw new UserError("the node would refuse this transaction: " + f.reason() + hint, ExitCodes.CHAIN_REFUSED);
        }
        return new Prepared(x, f.fee());
    }

    /**
     * Shows the action, the exact fee and the effects, asks for confirmation (unless -y), submits,
     * shows the stage while waiting, and returns the finalized outcome; a failed call is a UserError (exit 1).
     */
    public TxOutcome.Finalized submit(Prepared p, String action, List<String> effects) {
        return submit(p, action, effects, false);
    }

    /**
     * As {@link #submit(Prepared, String, List)}; {@code alreadyConfirmed} skips the question, for a
     * follow-up transaction that finishes what the user has just confirmed (e.g. unstaking all).
     */
    public TxOutcome.Finalized submit(Prepared p, String action, List<String> effects, boolean alreadyConfirmed) {
        note(action);
        note("  fee:    " + amount(p.fee()));
        for (String e : effects) {
            note("  effect: " + e);
        }
        if (!opts.yes && !alreadyConfirmed) {
            if (!tty()) {
                throw new UserError("confirmation needed but there is no terminal: pass -y to submit without asking");
            }
            err.print("Submit? [y/N] ");
            err.flush();
            String answer;
            try {
                answer = new BufferedReader(new InputStreamReader(System.in)).readLine();
            } catch (IOException e) {
                answer = null;
            }
            if (answer == null || !answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
                throw new UserError("cancelled; nothing was submitted", ExitCodes.USAGE);
            }
        }
        boolean spin = tty() && !opts.json && !opts.quiet;
        var handle = client().submitAndWatch(p.x(), s -> {
            if (spin) {
                String stage = switch (s) {
                    case TxStatus.InBlock b -> "in block " + b.block();
                    case TxStatus.Finalized f -> "finalized";
                    default -> s.stage();
                };
                err.print("\r\u001b[K⏳ " + stage);
                err.flush();
            }
        });
        TxOutcome o = handle.await(Duration.ofMinutes(5));
        if (spin) {
            err.print("\r\u001b[K");
            err.flush();
        }
        if (o instanceof TxOutcome.Dropped d) {
            throw new UserError("the transaction was dropped: " + d.reason(), ExitCodes.CHAIN_REFUSED);
        }
        TxOutcome.Finalized f = (TxOutcome.Finalized) o;
        if (!f.success()) {
            throw new ChainRefused(f, ChainErrors.translate(f.error(), f.errorMessage(), blockSeconds()));
        }
        note("✓ finalized in block #" + f.blockNumber() + " (" + f.blockHash() + "), fee " + amount(f.fee()));
        if (!opts.quiet) {
            for (ChainEvent e : f.events()) {
                say("  event " + e.type() + " " + e.fields());
            }
        }
        return f;
    }

    /** The outcome as JSON: hash, block, fee and events. */
    public ObjectNode txJson(TxOutcome.Finalized f) {
        ObjectNode o = obj();
        o.put("hash", f.txHash().toString());
        o.put("block", f.blockNumber());
        o.put("block_hash", f.blockHash().toString());
        o.put("fee", f.fee());
        ArrayNode ev = o.putArray("events");
        for (ChainEvent e : f.events()) {
            ObjectNode j = e.fields().deepCopy();
            j.put("type", e.type());
            ev.add(j);
        }
        return o;
    }

    /** A failed call in a final block: exit 1 with the translated sentence. */
    public static final class ChainRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public final transient TxOutcome.Finalized outcome;

        ChainRefused(TxOutcome.Finalized outcome, String message) {
            super(message, null, false, false);
            this.outcome = outcome;
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
