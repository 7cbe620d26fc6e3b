package org.tao4j.node.production;

/** A block that cannot be imported; the message says why in one line, {@link #reason()} what kind of fault it is. */
public final class BlockImportException extends Exception {

    /** The kinds of refusal. */
    public enum Reason {
        /** Over the consensus size limit ({@link org.tao4j.runtime.BlockLimits#MAX_BLOCK_BYTES}); refused before it is run. */
        TOO_LARGE,
        /** Anything else: does not extend the head, not an authority's, bad seal, bad roots, an invalid transaction. */
        INVALID
    }

    private final Reason reason;

    public BlockImportException(String message) {
        this(Reason.INVALID, message);
    }

    public BlockImportException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
