package org.tao4j.sdk.chain;

/** A read that could not reach the chain (connection lost, node down, timeout). */
public class ChainUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChainUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ChainUnavailableException(String message) {
        super(message);
    }
}
