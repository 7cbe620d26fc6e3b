package org.tao4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.tao4j.client.TaoClient;
import org.tao4j.client.TxOutcome;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.runtime.tx.Call;
import org.tao4j.wallet.PasswordSource;
import org.tao4j.wallet.Wallet;
import org.tao4j.wallet.WalletStore;

/**
 * What a command runs with: the options merged with the config, and three parts, each with its own
 * job: {@link #output} (what is printed where), {@link #connection} (the node and the transaction path)
 * and {@link #signer} (wallets, dev URIs, passwords). The methods below are short forms of theirs.
 */
public final class Ctx implements AutoCloseable {

    public static final ObjectMapper JSON = Output.JSON;

    public final Opts opts;
    public final Config config;
    public final Output output;
    public final Connection connection;
    public final Signer signer;
    public final PrintWriter out;
    public final PrintWriter err;

    public Ctx(Opts opts, PrintWriter out, PrintWriter err) {
        this.opts = opts;
        this.config = Config.load(Config.locate(opts.config));
        this.output = new Output(opts, out, err);
        this.connection = new Connection(opts, config, output);
        this.signer = new Signer(opts, config, output, connection);
        this.out = out;
        this.err = err;
    }

    // ---- output

    public boolean json() {
        return output.json();
    }

    public void say(String line) {
        output.say(line);
    }

    public void note(String line) {
        output.note(line);
    }

    public void warn(String line) {
        output.warn(line);
    }

    public void emit(Object node) {
        output.emit(node);
    }

    public ObjectNode obj() {
        return output.obj();
    }

    public ArrayNode arr() {
        return output.arr();
    }

    public String amount(long rao) {
        return output.amount(rao);
    }

    public static boolean tty() {
        return Output.tty();
    }

    // ---- connection

    public String networkName() {
        return connection.networkName();
    }

    public TaoClient client() {
        return connection.client();
    }

    public boolean devChain() {
        return connection.devChain();
    }

    public double blockSeconds() {
        return connection.blockSeconds();
    }

    /**
     * Signs {@code call} and prices it ({@link Connection#prepare}); under {@code --proxy-for ADDRESS} the
     * signed call is {@code proxy(ADDRESS, call)}, which the wallet's key signs and pays for.
     */
    public Connection.Prepared prepare(Ed25519.KeyPair signingKey, Call call) {
        if (opts.announce) {
            announce(signingKey, call);
        }
        if (opts.proxyFor != null) {
            AccountId real = address(opts.proxyFor, "--proxy-for");
            if (real.equals(AccountId.of(signingKey.publicKey()))) {
                throw new UserError("--proxy-for " + real + " is the signing key itself; drop --proxy-for");
            }
            note("As proxy of " + real + ": " + AccountId.of(signingKey.publicKey()) + " signs and pays the fee");
            call = new Call.Proxy(real, call);
        }
        return connection.prepare(signingKey, call);
    }

    /** Ends a command whose transaction was an announcement ({@code --announce}); exit 0. */
    public static final class Announced extends RuntimeException {
        Announced() {
            super("announced", null, false, false);
        }
    }

    /**
     * {@code --announce}: submits {@code announce_proxy(real, Blake2-256(SCALE(call)))} signed by the
     * delegate, prints what was announced and when the call may be made, and ends the command.
     */
    private void announce(Ed25519.KeyPair delegateKey, Call call) {
        if (opts.proxyFor == null) {
            throw new UserError("--announce announces a proxy call: give --proxy-for ADDRESS too");
        }
        AccountId real = address(opts.proxyFor, "--proxy-for");
        AccountId delegate = AccountId.of(delegateKey.publicKey());
        byte[] hash = org.tao4j.runtime.keys.Proxies.callHash(call);
        long delay = -1;
        for (var p : client().proxies(real).proxies()) {
            if (p.delegate().equals(delegate)
                    && org.tao4j.runtime.tx.ProxyType.byLabel(p.type()) != null
                    && org.tao4j.runtime.tx.ProxyType.byLabel(p.type()).allows(call)) {
                delay = p.delay();
                break;
            }
        }
        if (delay < 0) {
            throw new UserError(real + " has no proxy for " + delegate + " that allows "
                    + call.getClass().getSimpleName() + "; nothing was submitted (see `tao proxy list --address "
                    + real + "`)");
        }
        if (delay == 0) {
            throw new UserError("the proxy of " + delegate + " for " + real
                    + " has no delay: drop --announce and make the call directly. Nothing was submitted");
        }
        String hex = org.tao4j.core.crypto.Hex.toHex(hash);
        Connection.Prepared p = connection.prepare(delegateKey, new Call.AnnounceProxy(real, hash));
        TxOutcome.Finalized f = connection.submit(
                p,
                "Announce " + call.getClass().getSimpleName() + " for " + real + " (call hash " + hex + ")",
                List.of(
                        "the call may be made " + delay + " blocks after the announcement: run the same command"
                                + " without --announce then (same arguments, so the same call hash)",
                        "until then " + real + " can stop it by removing the proxy"));
        ObjectNode o = obj().put("real", real.toSs58())
                .put("delegate", delegate.toSs58())
                .put("call", call.getClass().getSimpleName())
                .put("call_hash", hex)
                .put("delay", delay)
                .put("block", f.blockNumber())
                .put("executable_at", f.blockNumber() + delay);
        o.set("tx", txJson(f));
        say("announced; make the call from block #" + (f.blockNumber() + delay) + " on");
        emit(o);
        throw new Announced();
    }

    public TxOutcome.Finalized submit(Connection.Prepared p, String action, List<String> effects) {
        return connection.submit(p, action, effects);
    }

    public TxOutcome.Finalized submit(
            Connection.Prepared p, String action, List<String> effects, boolean alreadyConfirmed) {
        return connection.submit(p, action, effects, alreadyConfirmed);
    }

    public ObjectNode txJson(TxOutcome.Finalized f) {
        return connection.txJson(f);
    }

    // ---- signer

    public WalletStore store() {
        return signer.store();
    }

    public String walletName() {
        return signer.walletName();
    }

    public String hotkeyName() {
        return signer.hotkeyName();
    }

    public static boolean isDevUri(String s) {
        return Signer.isDevUri(s);
    }

    public Wallet wallet() {
        return signer.wallet();
    }

    public PasswordSource passwords() {
        return signer.passwords();
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
        return signer.coldkeyPub();
    }

    public Ed25519.KeyPair coldkey() {
        return signer.coldkey();
    }

    public AccountId hotkeyPub() {
        return signer.hotkeyPub();
    }

    public Ed25519.KeyPair hotkey() {
        return signer.hotkey();
    }

    public AccountId address(String text, String what) {
        return signer.address(text, what);
    }

    @Override
    public void close() {
        connection.close();
    }
}
