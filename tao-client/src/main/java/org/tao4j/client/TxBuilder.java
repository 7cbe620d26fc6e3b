package org.tao4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.H256;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * Signs a call for an account with what the chain needs, from the node: the next nonce
 * ({@code system_accountNextIndex}, which counts the account's pool transactions), the era (the head's
 * number plus {@link #validity(long)} blocks, default {@value #DEFAULT_VALIDITY}) and the genesis hash
 * ({@code chain_getBlockHash(0)}). {@link #submit()} and {@link #submitAndWatch()} hold a per-account
 * lock of the client from the nonce query to the node's answer, so concurrent submissions for one
 * account through one client get consecutive nonces.
 *
 * <pre>{@code
 * TxOutcome o = client.tx(alice, new Call.Transfer(bob, 5 * TAO)).submitAndWatch(s -> spinner.stage(s.stage())).await();
 * }</pre>
 */
public final class TxBuilder {

    /** Blocks a transaction stays valid for after the current head. */
    public static final long DEFAULT_VALIDITY = 64;

    private final TaoClient client;
    private final Ed25519.KeyPair key;
    private final Call call;
    private long tip;
    private long validity = DEFAULT_VALIDITY;
    private Long nonce;

    TxBuilder(TaoClient client, Ed25519.KeyPair key, Call call) {
        this.client = client;
        this.key = Objects.requireNonNull(key, "key");
        this.call = Objects.requireNonNull(call, "call");
    }

    /** A tip in rao (paid on top of the fee; higher tips go first and replace same-nonce transactions). */
    public TxBuilder tip(long rao) {
        if (rao < 0) {
            throw new IllegalArgumentException("the tip must not be negative");
        }
        this.tip = rao;
        return this;
    }

    /** How many blocks after the current head the transaction stays valid (at least 1). */
    public TxBuilder validity(long blocks) {
        if (blocks < 1) {
            throw new IllegalArgumentException("validity must be at least 1 block");
        }
        this.validity = blocks;
        return this;
    }

    /** Uses this nonce instead of asking the node. */
    public TxBuilder nonce(long n) {
        this.nonce = n;
        return this;
    }

    public AccountId signer() {
        return AccountId.of(key.publicKey());
    }

    /** Signs without submitting (three queries, in parallel). */
    public Extrinsic sign() {
        return prepare().x();
    }

    /** The fee the signed transaction would pay ({@code tao_getFee}). */
    public long fee() {
        return client.feeOf(sign());
    }

    /** Signs and submits; returns the transaction hash. */
    public H256 submit() {
        ReentrantLock lock = client.submitLock(signer());
        lock.lock();
        try {
            return client.submit(prepare().x());
        } finally {
            lock.unlock();
        }
    }

    /** Signs, submits and watches. */
    public TxHandle submitAndWatch() {
        return submitAndWatch(null);
    }

    /** Signs, submits and watches; {@code onStatus} hears each stage in order (e.g. for a spinner). */
    public TxHandle submitAndWatch(Consumer<TxStatus> onStatus) {
        ReentrantLock lock = client.submitLock(signer());
        lock.lock();
        try {
            Prepared p = prepare();
            return client.watch(p.x(), p.head(), onStatus);
        } finally {
            lock.unlock();
        }
    }

    private record Prepared(Extrinsic x, long head) {}

    private Prepared prepare() {
        CompletableFuture<JsonNode> n = nonce != null
                ? CompletableFuture.completedFuture(null)
                : client.callAsync("system_accountNextIndex", signer());
        CompletableFuture<JsonNode> h = client.callAsync("chain_getHeader");
        CompletableFuture<JsonNode> g = client.callAsync("chain_getBlockHash", 0L);
        long next = nonce != null ? nonce : number(TaoClient.await(n), "system_accountNextIndex");
        long head = number(TaoClient.await(h).path("number"), "chain_getHeader");
        JsonNode genesis = TaoClient.await(g);
        H256 gh = Codec.read(genesis, H256.class, "chain_getBlockHash");
        if (gh == null) {
            throw new UnexpectedResponseException("the node has no block 0");
        }
        Extrinsic x = Extrinsic.sign(key, next, tip, head + validity, call, gh.bytes());
        return new Prepared(x, head);
    }

    private static long number(JsonNode n, String method) {
        if (n == null || !n.canConvertToLong()) {
            throw new UnexpectedResponseException("'" + method + "' returned " + n + ", not a number");
        }
        return n.asLong();
    }
}
