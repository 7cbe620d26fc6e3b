package org.tao4j.client;

import org.tao4j.core.crypto.H256;

/**
 * The stages of a watched transaction, in the order they can come: {@link Submitted} (the node took
 * it; again after a reconnect re-submitted it), then {@link Future} and/or {@link Ready}, then
 * {@link InBlock} and {@link Finalized}, or {@link Dropped}. {@link #stage()} is a short name for a
 * spinner.
 */
public sealed interface TxStatus {

    /** "submitted", "future", "ready", "inBlock", "finalized" or "dropped". */
    String stage();

    /** The node accepted the transaction into its pool. */
    record Submitted(H256 txHash) implements TxStatus {
        @Override
        public String stage() {
            return "submitted";
        }
    }

    /** Waiting for an earlier nonce of its account. */
    record Future() implements TxStatus {
        @Override
        public String stage() {
            return "future";
        }
    }

    /** Includable in the next block. */
    record Ready() implements TxStatus {
        @Override
        public String stage() {
            return "ready";
        }
    }

    record InBlock(H256 block) implements TxStatus {
        @Override
        public String stage() {
            return "inBlock";
        }
    }

    /** Its block is final (with one authority, right after inBlock). */
    record Finalized(H256 block) implements TxStatus {
        @Override
        public String stage() {
            return "finalized";
        }
    }

    /** Removed without being included. */
    record Dropped(String reason) implements TxStatus {
        @Override
        public String stage() {
            return "dropped";
        }
    }
}
