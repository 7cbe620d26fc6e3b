package org.tao4j.node;

/** The node cannot start; the message is one line for the user (bad spec, database of another chain, port in use). */
public final class NodeStartException extends Exception {
    public NodeStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
