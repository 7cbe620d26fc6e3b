package org.tao4j.node.production;

/** A block that cannot be imported; the message says why in one line. */
public final class BlockImportException extends Exception {
    public BlockImportException(String message) {
        super(message);
    }
}
