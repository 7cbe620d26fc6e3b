package org.tao4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * The node a command talks to (--network, else config, else local), and the transaction path on it:
 * sign and price ({@link #prepare}), confirm, submit, watch and report ({@link #submit}).
 */
public final class Connection implements AutoCloseable {

    private final Opts opts;
    private final Config config;
    private final Output output;
    private TaoClient client;
    private Boolean live;

    Connection(Opts opts, Config config, Output output) {
        this.opts = opts;
        this.config = config;
        this.output = output;
    }

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
    public record Prepared(Extrinsic x, long fee) {}

    /** Signs {@code call} and asks the node for its exact fee; an invalid transaction is refused here (exit 1). */
    public Prepared prepare(Ed25519.KeyPair signer, Call call) {
        Extrinsic x = client().tx(signer, call).sign();
        FeeInfo f = client().feeInfo(x);
        if ("invalid".equals(f.validity())) {
            String hint = f.reason() != null && f.reason().contains("fee")
                    ? "; the signer " + AccountId.of(signer.publicKey()) + " pays the fee: send it some TAO with "
                            + "`tao wallet transfer`"
                    : "";
            throw new UserError(
                    "the node would refuse this transaction: " + f.reason() + hint, ExitCodes.CHAIN_REFUSED);
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
        output.note(action);
        output.note("  fee:    " + output.amount(p.fee()));
        for (String e : effects) {
            output.note("  effect: " + e);
        }
        if (!opts.yes && !alreadyConfirmed) {
            if (!Output.tty()) {
                throw new UserError("confirmation needed but there is no terminal: pass -y to submit without asking");
            }
            output.err.print("Submit? [y/N] ");
            output.err.flush();
            String answer;
            try {
                answer = new BufferedReader(new InputStreamReader(System.in)).readLine();
            } catch (IOException e) {
                answer = null;
            }
            if (answer == null
                    || !answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
                throw new UserError("cancelled; nothing was submitted", ExitCodes.USAGE);
            }
        }
        boolean spin = Output.tty() && !opts.json && !opts.quiet;
        var handle = client().submitAndWatch(p.x(), s -> {
            if (spin) {
                String stage = switch (s) {
                    case TxStatus.InBlock b -> "in block " + b.block();
                    case TxStatus.Finalized f -> "finalized";
                    default -> s.stage();
                };
                output.err.print("\r\u001b[K⏳ " + stage);
                output.err.flush();
            }
        });
        TxOutcome o = handle.await(Duration.ofMinutes(5));
        if (spin) {
            output.err.print("\r\u001b[K");
            output.err.flush();
        }
        if (o instanceof TxOutcome.Dropped d) {
            throw new UserError("the transaction was dropped: " + d.reason(), ExitCodes.CHAIN_REFUSED);
        }
        TxOutcome.Finalized f = (TxOutcome.Finalized) o;
        if (!f.success()) {
            throw new ChainRefused(f, ChainErrors.translate(f.error(), f.errorMessage(), blockSeconds()));
        }
        // the outcome is a result: stdout. With -q the command's own result line stands alone.
        if (!opts.quiet) {
            output.say("✓ finalized in block #" + f.blockNumber() + " (" + f.blockHash() + "), fee "
                    + output.amount(f.fee()));
            for (ChainEvent e : f.events()) {
                output.say("  event " + e.type() + " " + e.fields());
            }
        }
        return f;
    }

    /** The outcome as JSON: hash, block, fee and events. */
    public ObjectNode txJson(TxOutcome.Finalized f) {
        ObjectNode o = output.obj();
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
