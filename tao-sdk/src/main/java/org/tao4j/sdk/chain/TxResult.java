package org.tao4j.sdk.chain;

import java.util.Objects;

/** How a neuron's transaction ended: a value, never an exception. */
public sealed interface TxResult {

    /** Whether the transaction is in a block and its call succeeded. */
    boolean ok();

    /** One line for a log. */
    String describe();

    /** In block {@code block}, and its call succeeded. */
    record Included(long block) implements TxResult {
        @Override
        public boolean ok() {
            return true;
        }

        @Override
        public String describe() {
            return "included in block " + block;
        }
    }

    /**
     * In block {@code block}, but its call failed (the fee is paid, the state unchanged).
     *
     * @param error the runtime's error name, e.g. {@code SettingWeightsTooFast}
     * @param message the runtime's sentence, e.g. {@code 37 blocks left (rate limit 100)}
     */
    record Failed(long block, String error, String message) implements TxResult {
        public Failed {
            Objects.requireNonNull(error, "error");
            message = message == null ? "" : message;
        }

        @Override
        public boolean ok() {
            return false;
        }

        @Override
        public String describe() {
            return error + (message.isEmpty() ? "" : ": " + message) + " (block " + block + ")";
        }
    }

    /** Never in a block: refused by the pool, dropped, or the node was unreachable. */
    record Dropped(String reason) implements TxResult {
        public Dropped {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public boolean ok() {
            return false;
        }

        @Override
        public String describe() {
            return "dropped: " + reason;
        }
    }

    /** The runtime's error name, or null when the call succeeded or never reached a block. */
    default String error() {
        return this instanceof Failed f ? f.error() : null;
    }
}
