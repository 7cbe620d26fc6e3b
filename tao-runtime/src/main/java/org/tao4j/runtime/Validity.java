package org.tao4j.runtime;

/** Whether a transaction may enter the pool or a block now (docs/spec/chain.md §2). */
public sealed interface Validity {

    /** Valid now: its fee, and its priority in the pool (the tip). */
    record Valid(long fee, long priority) implements Validity {}

    /** Valid once the signer's nonce reaches {@code nonce}; the pool may queue it. */
    record Future(long expectedNonce, long nonce) implements Validity {}

    /** Never valid (or no longer): the reason, one line. */
    record Invalid(Kind kind, String reason) implements Validity {}

    enum Kind {
        BAD_SIGNATURE,
        STALE_NONCE,
        EXPIRED,
        CANNOT_PAY_FEE,
        MALFORMED,
        TOO_LARGE
    }
}
