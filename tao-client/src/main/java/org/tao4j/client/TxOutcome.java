package org.tao4j.client;

import java.util.List;
import org.tao4j.client.model.ChainEvent;
import org.tao4j.core.crypto.H256;

/** How a watched transaction ended: {@link Finalized} (its call succeeded or failed) or {@link Dropped}. */
public sealed interface TxOutcome {

    H256 txHash();

    /** True when it was included and its call succeeded. */
    boolean isSuccess();

    /**
     * Included in a final block. The fee is charged and the nonce used either way; {@code success}
     * says whether the call itself went through.
     *
     * @param index the transaction's position in the block
     * @param error the runtime's error name when the call failed (e.g. "InsufficientBalance"), else null
     * @param errorMessage the sentence for that error, with details, else null
     * @param events this transaction's events, ending with ExtrinsicSuccess or ExtrinsicFailed
     */
    record Finalized(
            H256 txHash,
            H256 blockHash,
            long blockNumber,
            int index,
            boolean success,
            long fee,
            String error,
            String errorMessage,
            List<ChainEvent> events)
            implements TxOutcome {

        public Finalized {
            events = List.copyOf(events);
        }

        @Override
        public boolean isSuccess() {
            return success;
        }

        /** The events of type {@code type} among this transaction's events. */
        public List<ChainEvent> eventsOfType(String type) {
            return events.stream().filter(e -> e.type().equals(type)).toList();
        }
    }

    /** Removed from the pool without being included (replaced, nonce used, expired, fee unpayable, node shutdown). */
    record Dropped(H256 txHash, String reason) implements TxOutcome {
        @Override
        public boolean isSuccess() {
            return false;
        }
    }
}
