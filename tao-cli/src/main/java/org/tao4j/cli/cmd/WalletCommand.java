package org.tao4j.cli.cmd;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.tao4j.cli.Amounts;
import org.tao4j.cli.Ctx;
import org.tao4j.cli.SharedOptionsCommand;
import org.tao4j.cli.UserError;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.model.Balance;
import org.tao4j.client.model.MetagraphField;
import org.tao4j.client.model.MetagraphView;
import org.tao4j.client.model.Subnet;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.runtime.tx.Call;
import org.tao4j.wallet.Encryption;
import org.tao4j.wallet.KdfParams;
import org.tao4j.wallet.KeyMaterial;
import org.tao4j.wallet.Mnemonic;
import org.tao4j.wallet.Wallet;
import org.tao4j.wallet.WalletException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tao wallet …}: keys, balances and transfers. */
@Command(
        name = "wallet",
        mixinStandardHelpOptions = true,
        description = "Create and restore keys, show balances, transfer TAO, sign and verify messages.",
        subcommands = {
            WalletCommand.Create.class,
            WalletCommand.NewColdkey.class,
            WalletCommand.NewHotkey.class,
            WalletCommand.RegenColdkey.class,
            WalletCommand.RegenHotkey.class,
            WalletCommand.ListCmd.class,
            WalletCommand.BalanceCmd.class,
            WalletCommand.Overview.class,
            WalletHistoryCommand.class,
            WalletCommand.Transfer.class,
            WalletCommand.Sign.class,
            WalletCommand.Verify.class,
            KeysCommand.SwapHotkey.class,
            KeysCommand.SwapColdkey.class,
            IdentityCommand.SetWallet.class
        },
        footer = {"", "Example:", "  tao wallet create --wallet alice", "  tao wallet balance --wallet alice"})
public final class WalletCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options of the commands that write keys. */
    public static final class KeyOpts {
        @Option(
                names = "--words",
                defaultValue = "12",
                paramLabel = "N",
                description = "Mnemonic length: 12, 15, 18, 21 or 24 words.")
        int words;

        @Option(
                names = "--overwrite",
                description = "Replace an existing key (its address is lost unless you have its mnemonic).")
        boolean overwrite;

        @Option(names = "--encrypt-hotkey", description = "Encrypt the hotkey file too (asks for a password).")
        boolean encryptHotkey;

        @Option(
                names = "--kdf-memory",
                paramLabel = "KIB",
                defaultValue = "65536",
                description = "Argon2id memory in KiB for the coldkey (default 65536 = 64 MiB). Lower only for tests.")
        int kdfMemory;

        @Option(
                names = "--kdf-iterations",
                paramLabel = "N",
                defaultValue = "3",
                description = "Argon2id passes (default 3).")
        int kdfIterations;

        Encryption encryption(Ctx ctx, String what) {
            KdfParams kdf;
            try {
                kdf = new KdfParams(kdfMemory, kdfIterations, 1);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            if (kdfMemory < KdfParams.DEFAULT.memoryKib() || kdfIterations < KdfParams.DEFAULT.iterations()) {
                ctx.note("warning: weak Argon2id parameters (" + kdfMemory + " KiB, " + kdfIterations
                        + " passes): fine for tests, not for real keys");
            }
            char[] pw = ctx.passwords().newPassword("Password for the " + what + ": ");
            try {
                return new Encryption(pw, kdf);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }

        void checkWords() {
            if (!Mnemonic.WORD_COUNTS.contains(words)) {
                throw new UserError("--words must be 12, 15, 18, 21 or 24, not " + words);
            }
        }
    }

    static Wallet newWallet(Ctx ctx) {
        if (Ctx.isDevUri(ctx.walletName())) {
            throw new UserError("--wallet " + ctx.walletName() + " is a dev URI; give a wallet name to create");
        }
        return ctx.store().wallet(ctx.walletName());
    }

    /** Prints the mnemonic once in a panel (never in --json output, never logged). */
    static void panel(Ctx ctx, String what, KeyMaterial k) {
        if (ctx.json() || k.mnemonic().isEmpty()) {
            return;
        }
        String phrase = k.mnemonic().get().phrase();
        String title = " " + what + " mnemonic: write it down, it is shown only once ";
        List<String> lines = new ArrayList<>();
        List<String> words = k.mnemonic().get().words();
        for (int i = 0; i < words.size(); i += 6) {
            StringBuilder sb = new StringBuilder();
            for (int j = i; j < Math.min(words.size(), i + 6); j++) {
                sb.append(String.format("%2d. %-9s", j + 1, words.get(j)));
            }
            lines.add(sb.toString().stripTrailing());
        }
        // one width for every panel (the longest title, 24 words of the longest word list entry), so the
        // coldkey's and the hotkey's boxes line up
        int width = panelWidth(lines);
        ctx.out.println("┌" + title + "─".repeat(width - title.length()) + "┐");
        for (String l : lines) {
            ctx.out.println("│ " + l + " ".repeat(width - l.length() - 1) + "│");
        }
        ctx.out.println("└" + "─".repeat(width) + "┘");
        ctx.out.println("Anyone with these words controls " + k.ss58() + ". Keep them offline.");
        ctx.out.flush();
        assert phrase != null;
    }

    static final int PANEL_WIDTH = Math.max(
            " hotkey mnemonic: write it down, it is shown only once ".length(),
            6 * String.format("%2d. %-9s", 24, "abcdefgh").length() + 2);

    static int panelWidth(List<String> lines) {
        return Math.max(
                PANEL_WIDTH, lines.stream().mapToInt(String::length).max().orElse(0) + 2);
    }

    static KeyMaterial readMnemonic(Ctx ctx, Path file) {
        String phrase;
        if (file != null) {
            try {
                phrase = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UserError("cannot read mnemonic file " + file + ": " + e.getMessage());
            }
        } else {
            if (System.console() == null) {
                throw new UserError("no terminal to type the mnemonic on; use --mnemonic-file FILE");
            }
            char[] c = System.console().readPassword("Mnemonic (not echoed): ");
            phrase = c == null ? "" : new String(c);
            if (c != null) {
                Arrays.fill(c, '\0');
            }
        }
        try {
            return KeyMaterial.fromMnemonic(Mnemonic.parse(phrase), "");
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    static ObjectNode keyJson(Ctx ctx, String wallet, String hotkey, AccountId cold, AccountId hot) {
        ObjectNode o = ctx.obj();
        o.put("wallet", wallet);
        if (cold != null) {
            o.put("coldkey", cold.toSs58());
        }
        if (hotkey != null) {
            o.put("hotkey", hotkey);
            o.put("hotkey_address", hot.toSs58());
        }
        return o;
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a wallet: a coldkey and a hotkey.",
            footer = {"", "Example:", "  tao wallet create --wallet alice --hotkey miner1"})
    public static final class Create extends SharedOptionsCommand implements org.tao4j.cli.Offline {
        @ArgGroup(exclusive = false)
        KeyOpts k = new KeyOpts();

        @Override
        protected Integer run(Ctx ctx) {
            k.checkWords();
            Wallet w = newWallet(ctx);
            KeyMaterial cold = w.createColdkey(k.words, k.encryption(ctx, "coldkey"), k.overwrite, new SecureRandom());
            panel(ctx, "coldkey", cold);
            KeyMaterial hot = w.createHotkey(
                    ctx.hotkeyName(),
                    k.words,
                    k.encryptHotkey ? Optional.of(k.encryption(ctx, "hotkey")) : Optional.empty(),
                    k.overwrite,
                    new SecureRandom());
            panel(ctx, "hotkey", hot);
            ctx.say("Created wallet '" + w.name() + "' in " + w.directory());
            ctx.say("  coldkey " + cold.ss58());
            ctx.say("  hotkey  " + ctx.hotkeyName() + " " + hot.ss58());
            ctx.emit(keyJson(ctx, w.name(), ctx.hotkeyName(), cold.accountId(), hot.accountId()));
            return 0;
        }
    }

    @Command(
            name = "new-coldkey",
            mixinStandardHelpOptions = true,
            description = "Create a wallet's coldkey.",
            footer = {"", "Example:", "  tao wallet new-coldkey --wallet alice --words 24"})
    public static final class NewColdkey extends SharedOptionsCommand implements org.tao4j.cli.Offline {
        @ArgGroup(exclusive = false)
        KeyOpts k = new KeyOpts();

        @Override
        protected Integer run(Ctx ctx) {
            k.checkWords();
            Wallet w = newWallet(ctx);
            KeyMaterial cold = w.createColdkey(k.words, k.encryption(ctx, "coldkey"), k.overwrite, new SecureRandom());
            panel(ctx, "coldkey", cold);
            ctx.say("coldkey " + cold.ss58());
            ctx.emit(keyJson(ctx, w.name(), null, cold.accountId(), null));
            return 0;
        }
    }

    @Command(
            name = "new-hotkey",
            mixinStandardHelpOptions = true,
            description = "Create a hotkey in a wallet.",
            footer = {"", "Example:", "  tao wallet new-hotkey --wallet alice --hotkey miner2"})
    public static final class NewHotkey extends SharedOptionsCommand implements org.tao4j.cli.Offline {
        @ArgGroup(exclusive = false)
        KeyOpts k = new KeyOpts();

        @Override
        protected Integer run(Ctx ctx) {
            k.checkWords();
            Wallet w = ctx.wallet();
            KeyMaterial hot = w.createHotkey(
                    ctx.hotkeyName(),
                    k.words,
                    k.encryptHotkey ? Optional.of(k.encryption(ctx, "hotkey")) : Optional.empty(),
                    k.overwrite,
                    new SecureRandom());
            panel(ctx, "hotkey", hot);
            ctx.say("hotkey " + ctx.hotkeyName() + " " + hot.ss58());
            ctx.emit(keyJson(ctx, w.name(), ctx.hotkeyName(), null, hot.accountId()));
            return 0;
        }
    }

    @Command(
            name = "regen-coldkey",
            mixinStandardHelpOptions = true,
            description = "Restore a coldkey from its mnemonic (typed at a prompt, or --mnemonic-file).",
            footer = {"", "Example:", "  tao wallet regen-coldkey --wallet alice --mnemonic-file words.txt"})
    public static final class RegenColdkey extends Regen {
        @Override
        protected void restore(Ctx ctx, Wallet w, KeyMaterial key) {
            w.regenColdkey(key, k.encryption(ctx, "coldkey"), k.overwrite, new SecureRandom());
            ctx.say("restored coldkey " + key.ss58());
            ctx.emit(keyJson(ctx, w.name(), null, key.accountId(), null));
        }
    }

    @Command(
            name = "regen-hotkey",
            mixinStandardHelpOptions = true,
            description = "Restore a hotkey from its mnemonic (typed at a prompt, or --mnemonic-file).",
            footer = {
                "",
                "Example:",
                "  tao wallet regen-hotkey --wallet alice --hotkey miner1 --mnemonic-file words.txt"
            })
    public static final class RegenHotkey extends Regen {
        @Override
        protected void restore(Ctx ctx, Wallet w, KeyMaterial key) {
            w.regenHotkey(
                    ctx.hotkeyName(),
                    key,
                    k.encryptHotkey ? Optional.of(k.encryption(ctx, "hotkey")) : Optional.empty(),
                    k.overwrite,
                    new SecureRandom());
            ctx.say("restored hotkey " + ctx.hotkeyName() + " " + key.ss58());
            ctx.emit(keyJson(ctx, w.name(), ctx.hotkeyName(), null, key.accountId()));
        }
    }

    /** What both regen commands share: the key options, the mnemonic source, and the order of steps. */
    abstract static class Regen extends SharedOptionsCommand implements org.tao4j.cli.Offline {
        @ArgGroup(exclusive = false)
        KeyOpts k = new KeyOpts();

        @Option(names = "--mnemonic-file", paramLabel = "FILE", description = "Read the mnemonic from FILE.")
        Path mnemonicFile;

        /** Writes the restored key into {@code w} and reports it. */
        protected abstract void restore(Ctx ctx, Wallet w, KeyMaterial key);

        @Override
        protected Integer run(Ctx ctx) {
            Wallet w = newWallet(ctx);
            KeyMaterial key = readMnemonic(ctx, mnemonicFile);
            restore(ctx, w, key);
            return 0;
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List wallets: coldkeys and their hotkeys.",
            footer = {"", "Example:", "  tao wallet list"})
    public static final class ListCmd extends SharedOptionsCommand implements org.tao4j.cli.Offline {
        @Override
        protected Integer run(Ctx ctx) {
            ArrayNode arr = ctx.arr();
            ctx.say("Wallets in " + ctx.store().root());
            List<Wallet> wallets = ctx.store().wallets();
            for (int k = 0; k < wallets.size(); k++) {
                Wallet w = wallets.get(k);
                boolean lastWallet = k == wallets.size() - 1;
                ObjectNode o = arr.addObject();
                o.put("wallet", w.name());
                String cold;
                try {
                    cold = w.coldkeyPub().toSs58();
                } catch (WalletException e) {
                    cold = null;
                }
                o.put("coldkey", cold);
                ctx.say((lastWallet ? "└── " : "├── ") + w.name() + "  " + (cold == null ? "(no coldkey)" : cold));
                ArrayNode hs = o.putArray("hotkeys");
                List<String> hot = w.hotkeys();
                for (int i = 0; i < hot.size(); i++) {
                    String h = hot.get(i);
                    String addr;
                    try {
                        addr = w.hotkeyPub(h).toSs58();
                    } catch (WalletException e) {
                        addr = null;
                    }
                    hs.addObject().put("name", h).put("address", addr);
                    ctx.say((lastWallet ? "    " : "│   ") + (i == hot.size() - 1 ? "└── " : "├── ") + h + "  " + addr);
                }
            }
            ObjectNode r = ctx.obj();
            r.put("path", ctx.store().root().toString());
            r.set("wallets", arr);
            ctx.emit(r);
            return 0;
        }
    }

    @Command(
            name = "balance",
            mixinStandardHelpOptions = true,
            description = "Show free, staked and total TAO.",
            footer = {"", "Example:", "  tao wallet balance --wallet alice", "  tao wallet balance --all"})
    public static final class BalanceCmd extends SharedOptionsCommand {
        @Option(names = "--all", description = "Every wallet in the wallet directory.")
        boolean all;

        @Override
        protected Integer run(Ctx ctx) {
            List<String[]> rows = new ArrayList<>();
            if (all) {
                for (Wallet w : ctx.store().wallets()) {
                    try {
                        rows.add(new String[] {w.name(), w.coldkeyPub().toSs58()});
                    } catch (WalletException e) {
                        // a wallet without a coldkey has no balance
                    }
                }
            } else {
                rows.add(new String[] {ctx.walletName(), ctx.coldkeyPub().toSs58()});
            }
            ArrayNode arr = ctx.arr();
            Table t = new Table("wallet", "coldkey", "free", "staked", "total");
            long tf = 0, ts = 0;
            for (String[] r : rows) {
                Balance b = ctx.client().balance(AccountId.fromSs58(r[1]));
                arr.addObject()
                        .put("wallet", r[0])
                        .put("coldkey", r[1])
                        .put("free", b.free())
                        .put("staked", b.staked())
                        .put("total", b.free() + b.staked());
                t.row(r[0], r[1], ctx.amount(b.free()), ctx.amount(b.staked()), ctx.amount(b.free() + b.staked()));
                tf += b.free();
                ts += b.staked();
            }
            if (rows.size() > 1) {
                t.row("total", "", ctx.amount(tf), ctx.amount(ts), ctx.amount(tf + ts));
            }
            if (!ctx.json()) {
                t.print(ctx.out);
            }
            if (all) {
                ObjectNode o = ctx.obj();
                o.set("wallets", arr);
                o.put("free", tf).put("staked", ts).put("total", tf + ts);
                ctx.emit(o);
            } else {
                ctx.emit(arr.get(0));
            }
            return 0;
        }
    }

    @Command(
            name = "overview",
            mixinStandardHelpOptions = true,
            description =
                    "Every subnet where the wallet's hotkeys are registered: uid, stake, incentive, dividends, emission.",
            footer = {"", "Example:", "  tao wallet overview --wallet alice"})
    public static final class Overview extends SharedOptionsCommand {
        @Override
        protected Integer run(Ctx ctx) {
            Wallet w = ctx.wallet();
            java.util.Map<AccountId, String> mine = new java.util.LinkedHashMap<>();
            for (String h : w.hotkeys()) {
                mine.put(w.hotkeyPub(h), h);
            }
            ArrayNode arr = ctx.arr();
            Table t = new Table("netuid", "hotkey", "uid", "stake", "incentive", "dividends", "emission");
            for (Subnet s : ctx.client().subnets()) {
                MetagraphView m = ctx.client()
                        .metagraph(
                                s.netuid(),
                                EnumSet.of(
                                        MetagraphField.HOTKEYS,
                                        MetagraphField.STAKE,
                                        MetagraphField.INCENTIVE,
                                        MetagraphField.DIVIDENDS,
                                        MetagraphField.EMISSION));
                for (int uid = 0; uid < m.n(); uid++) {
                    String name = mine.get(m.hotkeys().get(uid));
                    if (name == null) {
                        continue;
                    }
                    arr.addObject()
                            .put("netuid", s.netuid())
                            .put("hotkey", name)
                            .put("hotkey_address", m.hotkeys().get(uid).toSs58())
                            .put("uid", uid)
                            .put("stake", m.stake()[uid])
                            .put("incentive", u16(m.incentive()[uid]))
                            .put("dividends", u16(m.dividends()[uid]))
                            .put("emission", m.emission()[uid]);
                    t.row(
                            String.valueOf(s.netuid()),
                            name,
                            String.valueOf(uid),
                            ctx.amount(m.stake()[uid]),
                            String.format("%.4f", u16(m.incentive()[uid])),
                            String.format("%.4f", u16(m.dividends()[uid])),
                            ctx.amount(m.emission()[uid]));
                }
            }
            ctx.say("Wallet '" + w.name() + "' coldkey " + w.coldkeyPub());
            if (!ctx.json()) {
                if (arr.isEmpty()) {
                    ctx.say("No hotkey of this wallet is registered on a subnet; see `tao subnet register`.");
                } else {
                    t.print(ctx.out);
                }
            }
            ObjectNode o = ctx.obj();
            o.put("wallet", w.name()).put("coldkey", w.coldkeyPub().toSs58());
            o.set("registrations", arr);
            ctx.emit(o);
            return 0;
        }
    }

    static double u16(int v) {
        return v / 65535.0;
    }

    @Command(
            name = "transfer",
            mixinStandardHelpOptions = true,
            description = "Send TAO from the wallet's coldkey.",
            footer = {"", "Example:", "  tao wallet transfer --wallet alice --dest 5F… --amount 1.5"})
    public static final class Transfer extends SharedOptionsCommand {
        @Option(
                names = "--dest",
                required = true,
                paramLabel = "ADDRESS",
                description = "The receiving address (SS58).")
        String dest;

        @Option(names = "--amount", paramLabel = "TAO", description = "How much to send (TAO; rao with --rao).")
        String amount;

        @Option(names = "--all", description = "Send everything (the account is emptied).")
        boolean all;

        @Override
        protected Integer run(Ctx ctx) {
            if (all == (amount != null)) {
                throw new UserError("give either --amount TAO or --all");
            }
            AccountId to = ctx.address(dest, "--dest");
            long rao = all ? 0 : Amounts.parse(amount, ctx.opts.rao, "--amount");
            AccountId from = ctx.coldkeyPub();
            Balance b = ctx.client().balance(from);
            if (!all && rao > b.free()) {
                throw new UserError("--amount " + ctx.amount(rao) + " is more than the free balance "
                        + ctx.amount(b.free()) + " of " + from + "; nothing was submitted");
            }
            Ed25519.KeyPair key = ctx.coldkey();
            Call call = all ? new Call.TransferAll(to) : new Call.Transfer(to, rao);
            org.tao4j.cli.Connection.Prepared p = ctx.prepare(key, call);
            long sent = all ? b.free() - p.fee() : rao;
            if (!all && rao + p.fee() > b.free()) {
                throw new UserError(ctx.amount(rao) + " plus the fee " + ctx.amount(p.fee())
                        + " is more than the free balance " + ctx.amount(b.free()) + "; nothing was submitted");
            }
            TxOutcome.Finalized f = ctx.submit(
                    p,
                    "Transfer " + ctx.amount(sent) + " from " + from + " to " + to,
                    List.of("balance " + ctx.amount(b.free()) + " → " + ctx.amount(b.free() - sent - p.fee())));
            long after = ctx.client().balance(from).free();
            ctx.say("Sent " + ctx.amount(sent) + " to " + to + "; balance " + ctx.amount(after) + " (block #"
                    + f.blockNumber() + ")");
            ObjectNode o = ctx.obj();
            o.put("from", from.toSs58()).put("to", to.toSs58()).put("amount", sent);
            o.put("balance", after);
            o.set("tx", ctx.txJson(f));
            ctx.emit(o);
            return 0;
        }
    }

    @Command(
            name = "sign",
            mixinStandardHelpOptions = true,
            description = "Sign a message with the coldkey (or --use-hotkey); prints the signature as hex.",
            footer = {"", "Example:", "  tao wallet sign --wallet alice --message 'hello'"})
    public static final class Sign extends SharedOptionsCommand {
        @Option(names = "--message", required = true, description = "The text to sign (UTF-8), or 0x-hex bytes.")
        String message;

        @Option(names = "--use-hotkey", description = "Sign with the hotkey instead of the coldkey.")
        boolean useHotkey;

        @Override
        protected Integer run(Ctx ctx) {
            Ed25519.KeyPair k = useHotkey ? ctx.hotkey() : ctx.coldkey();
            byte[] sig = k.sign(bytes(message)).bytes();
            String hex = "0x" + HexFormat.of().formatHex(sig);
            ctx.say(hex);
            ObjectNode o = ctx.obj();
            o.put("address", AccountId.of(k.publicKey()).toSs58()).put("signature", hex);
            ctx.emit(o);
            return 0;
        }
    }

    static byte[] bytes(String message) {
        if (message.startsWith("0x")) {
            try {
                return HexFormat.of().parseHex(message.substring(2));
            } catch (IllegalArgumentException e) {
                throw new UserError("--message starts with 0x but is not hex: " + e.getMessage());
            }
        }
        return message.getBytes(StandardCharsets.UTF_8);
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = "Verify a signature (exit 1 if it is not valid).",
            footer = {"", "Example:", "  tao wallet verify --address 5F… --message 'hello' --signature 0x…"})
    public static final class Verify extends SharedOptionsCommand implements org.tao4j.cli.Offline {
        @Option(names = "--message", required = true)
        String message;

        @Option(names = "--signature", required = true)
        String signature;

        @Option(names = "--address", required = true)
        String address;

        @Override
        protected Integer run(Ctx ctx) {
            AccountId who;
            try {
                who = AccountId.fromSs58(address);
            } catch (IllegalArgumentException e) {
                throw new UserError("--address '" + address + "' is not a valid address: " + e.getMessage());
            }
            byte[] sig;
            try {
                sig = HexFormat.of().parseHex(signature.startsWith("0x") ? signature.substring(2) : signature);
            } catch (IllegalArgumentException e) {
                throw new UserError("--signature is not hex");
            }
            boolean ok = sig.length == 64 && Ed25519.verify(who.bytes(), bytes(message), sig);
            ctx.say(ok ? "valid signature by " + who : "NOT a valid signature by " + who);
            ctx.emit(ctx.obj().put("valid", ok).put("address", who.toSs58()));
            return ok ? 0 : 1;
        }
    }
}
