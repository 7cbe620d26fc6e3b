package org.tao4j.node.pool;

import org.tao4j.core.crypto.H256;

/** Where a watched transaction is (author_submitAndWatchExtrinsic notifications). */
public sealed interface TxStatus {

    /** In the pool, waiting for an earlier nonce of its account. */
    record Future() implements TxStatus {}

    /** In the pool, includable in the next block. */
    record Ready() implements TxStatus {}

    /** Included in block {@code block} at position {@code index}. */
    record InBlock(H256 block, long number, int index) implements TxStatus {}

    /** Its block is final (with a single authority, as soon as it is included). */
    record Finalized(H256 block, long number) implements TxStatus {}

    /** Removed from the pool without being included; {@code reason} says why. Final. */
    record Dropped(String reason) implements TxStatus {}

    default boolean isFinal() {
        return this instanceof Finalized || this instanceof Dropped;
    }
}
