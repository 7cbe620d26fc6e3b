package org.tao4j.client;

/**
 * The base of every failure the client reports. Unchecked: callers catch the subclasses they can act
 * on ({@link NodeUnreachableException} to tell the user to start a node, {@link RpcException} for what
 * the node refused). The client never lets a raw {@code IOException} through.
 */
public class TaoClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TaoClientException(String message) {
        super(message);
    }

    public TaoClientException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the same call may succeed if tried again (the connection dropped, the node was away). */
    public boolean isRetryable() {
        return false;
    }
}
