package org.tao4j.node.pool;

import org.tao4j.runtime.Validity;

/** Why the pool refused a transaction; the message is one line, fit to show a user. */
public final class PoolRejection extends Exception {

    /** The refusal kinds; RPC maps each to an error code (docs/rpc.md). */
    public enum Reason {
        /** The bytes are not a transaction. */
        MALFORMED,
        /** Too large, bad signature, stale nonce, expired era, or the fees cannot be paid. */
        INVALID,
        /** The same transaction is already in the pool. */
        ALREADY_IMPORTED,
        /** Another transaction with the same signer and nonce is in the pool with an equal or higher tip. */
        PRIORITY_TOO_LOW,
        /** The pool holds its limit of transactions or bytes, none of them of lower priority. */
        POOL_FULL,
        /** The account already has {@link TransactionPool#MAX_FUTURE_PER_ACCOUNT} future transactions pooled. */
        FUTURE_LIMIT,
        /** The nonce is too far ahead of the account's next nonce to be queued. */
        TOO_FAR_IN_FUTURE
    }

    private final Reason reason;
    private final Validity.Kind invalidKind;

    public PoolRejection(Reason reason, String message) {
        this(reason, null, message);
    }

    public PoolRejection(Reason reason, Validity.Kind invalidKind, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.invalidKind = invalidKind;
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#INVALID}: the runtime's reason kind. */
    public Validity.Kind invalidKind() {
        return invalidKind;
    }
}
