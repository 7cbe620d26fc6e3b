package org.tao4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.tao4j.client.model.Header;
import org.tao4j.client.model.TxLocation;
import org.tao4j.core.crypto.H256;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * Follows one submitted transaction: author_extrinsicUpdate notifications become {@link TxStatus}es;
 * finalized fetches the outcome (block + events); a dropped connection starts a recovery once the
 * client is connected again:
 *
 * <ol>
 *   <li>if the account's nonce is past the transaction's, look for it in the blocks since it was
 *       submitted: found → finalized there; not found → dropped (its nonce was used by another);
 *   <li>otherwise submit-and-watch the same bytes again; if the pool still holds it (1013: no way to
 *       attach a watcher to it) follow new heads until the nonce is used or the era passes.
 * </ol>
 */
final class TxWatch implements WsTransport.SubHandler {

    private static final int MAX_RETRIES = 20;

    final TaoClient client;
    final WsTransport ws;
    final Extrinsic x;
    final H256 hash;
    final long submittedAfter;
    final CompletableFuture<TxOutcome> outcome = new CompletableFuture<>();
    volatile TxStatus last;
    private final Consumer<TxStatus> listener;
    private final SerialExecutor statusExec;
    private final AtomicInteger retries = new AtomicInteger();
    private volatile WsTransport.Sub sub;
    private volatile Subscription poller;
    private volatile boolean unwatched;

    TxWatch(
            TaoClient client,
            WsTransport ws,
            Extrinsic x,
            long submittedAfter,
            Consumer<TxStatus> listener,
            SerialExecutor statusExec) {
        this.client = client;
        this.ws = ws;
        this.x = x;
        this.hash = new H256(x.hash());
        this.submittedAfter = submittedAfter;
        this.listener = listener;
        this.statusExec = statusExec;
        this.last = new TxStatus.Submitted(hash);
    }

    /** Submits and subscribes; fails with the node's refusal (an {@link RpcException}). */
    CompletableFuture<WsTransport.Sub> start() {
        return ws.subscribe(
                        "author_submitAndWatchExtrinsic",
                        Codec.params(x),
                        "author_unwatchExtrinsic",
                        this,
                        client.options().callTimeout())
                .thenApply(s -> {
                    sub = s;
                    return s;
                });
    }

    boolean isDone() {
        return outcome.isDone();
    }

    @Override
    public void onSubscribed(String id) {
        emit(new TxStatus.Submitted(hash));
    }

    @Override
    public void onNotification(JsonNode result) {
        TxStatus s = parse(result);
        if (s == null || isDone()) {
            return;
        }
        emit(s);
        if (s instanceof TxStatus.Finalized f) {
            forgetSub();
            finish(f.block());
        } else if (s instanceof TxStatus.Dropped d) {
            forgetSub();
            done(new TxOutcome.Dropped(hash, d.reason()));
        }
    }

    @Override
    public boolean resubscribe() {
        return false;
    }

    @Override
    public void onDisconnected(Throwable cause) {
        sub = null;
        if (!isDone() && !unwatched && !ws.whenConnected(this::recover)) {
            fail(new ConnectionLostException(ws.uri(), "the connection dropped and the client stopped", cause));
        }
    }

    @Override
    public void onEnded(Throwable cause) {
        fail(TaoClient.asClientException(cause));
    }

    private void forgetSub() {
        WsTransport.Sub s = sub;
        if (s != null) {
            s.forget();
        }
    }

    /** Fetches the block and events and completes the outcome; retried after a reconnect. */
    void finish(H256 block) {
        if (isDone()) {
            return;
        }
        try {
            done(client.outcomeOf(hash, block));
        } catch (TaoClientException e) {
            retryOrFail(e, () -> finish(block));
        }
    }

    /** After a reconnect: where is the transaction now? */
    void recover() {
        if (isDone() || unwatched) {
            return;
        }
        try {
            if (nonceUsed(null)) {
                locate();
                return;
            }
            try {
                WsTransport.Sub s = TaoClient.await(start());
                if (unwatched) {
                    s.close();
                }
            } catch (RpcException e) {
                if (e.code() == RpcException.ALREADY_IMPORTED) {
                    poll();
                } else if (e.code() == RpcException.INVALID_TRANSACTION && "STALE_NONCE".equals(e.data())) {
                    locate(); // included between our look and the resubmission
                } else {
                    emit(new TxStatus.Dropped(e.rpcMessage()));
                    done(new TxOutcome.Dropped(hash, e.rpcMessage()));
                }
            }
        } catch (TaoClientException e) {
            retryOrFail(e, this::recover);
        }
    }

    private boolean nonceUsed(H256 at) {
        long stateNonce = at == null
                ? client.balance(x.signer()).nonce()
                : client.balance(x.signer(), at).nonce();
        return Long.compareUnsigned(stateNonce, x.nonce()) > 0;
    }

    /** The nonce is used: by this transaction (find its block) or by another (dropped). */
    private void locate() {
        Optional<TxLocation> at = client.findExtrinsic(hash, submittedAfter + 1);
        if (at.isPresent()) {
            emit(new TxStatus.InBlock(at.get().block()));
            emit(new TxStatus.Finalized(at.get().block()));
            finish(at.get().block());
        } else {
            String reason = "not included, and nonce " + Long.toUnsignedString(x.nonce())
                    + " of its account has been used by another transaction";
            emit(new TxStatus.Dropped(reason));
            done(new TxOutcome.Dropped(hash, reason));
        }
    }

    /** The pool holds it but cannot watch it for us: check each new head. */
    private void poll() {
        poller = client.subscribeNewHeads(this::checkHead, e -> fail(TaoClient.asClientException(e)));
        if (isDone() || unwatched) {
            poller.close();
        }
    }

    private void checkHead(Header h) {
        if (isDone() || unwatched) {
            return;
        }
        try {
            if (nonceUsed(h.hash())) {
                closePoller();
                locate();
            } else if (Long.compareUnsigned(h.number(), x.era()) >= 0) {
                closePoller();
                String reason = "expired: valid until block " + Long.toUnsignedString(x.era()) + ", now " + h.number();
                emit(new TxStatus.Dropped(reason));
                done(new TxOutcome.Dropped(hash, reason));
            }
        } catch (TaoClientException e) {
            // the next head looks again
        }
    }

    private void retryOrFail(TaoClientException e, Runnable again) {
        if (e.isRetryable() && retries.incrementAndGet() <= MAX_RETRIES && ws.whenConnected(again)) {
            return;
        }
        fail(e);
    }

    private void emit(TxStatus s) {
        last = s;
        if (listener != null) {
            statusExec.execute(() -> listener.accept(s));
        }
    }

    private void done(TxOutcome o) {
        cleanup();
        outcome.complete(o);
    }

    private void fail(TaoClientException e) {
        cleanup();
        outcome.completeExceptionally(e);
    }

    private void closePoller() {
        Subscription p = poller;
        if (p != null) {
            p.close();
        }
    }

    private void cleanup() {
        closePoller();
        client.forgetWatch(this);
    }

    void unwatch() {
        unwatched = true;
        WsTransport.Sub s = sub;
        if (s != null) {
            s.close();
        }
        cleanup();
        outcome.cancel(false);
    }

    static TxStatus parse(JsonNode r) {
        if (r == null) {
            return null;
        }
        if (r.isTextual()) {
            return switch (r.asText()) {
                case "future" -> new TxStatus.Future();
                case "ready" -> new TxStatus.Ready();
                default -> null;
            };
        }
        if (r.hasNonNull("inBlock")) {
            return new TxStatus.InBlock(H256.fromHex(r.get("inBlock").asText()));
        }
        if (r.hasNonNull("finalized")) {
            return new TxStatus.Finalized(H256.fromHex(r.get("finalized").asText()));
        }
        if (r.has("dropped")) {
            return new TxStatus.Dropped(r.get("dropped").asText());
        }
        return null;
    }
}
