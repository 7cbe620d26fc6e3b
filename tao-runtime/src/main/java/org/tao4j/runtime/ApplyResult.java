package org.tao4j.runtime;

/** The result of applying one transaction to a block being built. */
public sealed interface ApplyResult {

    /** Not included: the transaction is invalid against this state. */
    record Rejected(Validity.Invalid why) implements ApplyResult {}

    /** Queued for later: its nonce is in the future. */
    record NotYet(Validity.Future why) implements ApplyResult {}

    /** Included: it paid its fee; {@code error} is null on success, else the call's failure. */
    record Included(int index, long fee, String error, String message) implements ApplyResult {
        public boolean success() {
            return error == null;
        }
    }
}
