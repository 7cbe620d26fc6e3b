package org.tao4j.client;

/**
 * The node's answer is not what docs/rpc.md describes (a field missing, the wrong type, not JSON):
 * a version mismatch between client and node, or not a tao node at all.
 */
public class UnexpectedResponseException extends TaoClientException {

    private static final long serialVersionUID = 1L;

    public UnexpectedResponseException(String message) {
        super(message);
    }

    public UnexpectedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
