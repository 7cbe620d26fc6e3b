package org.tao4j.client;

import java.net.URI;

/**
 * The node could not be reached: connection refused, unknown host, a connect timeout, a TLS failure,
 * or something that is not a tao node's RPC port. The message names the URL and what to do. The
 * CLI exits with code 3 on this exception (and on its subclass {@link ConnectionLostException}).
 */
public class NodeUnreachableException extends TaoClientException {

    private static final long serialVersionUID = 1L;

    private final transient URI uri;
    private final String reason;

    public NodeUnreachableException(URI uri, String reason, Throwable cause) {
        this(
                uri,
                reason,
                "cannot reach the tao node at " + uri + ": " + reason
                        + ". Check that a node is running there (e.g. `tao node --dev`) or pass --network with its URL.",
                cause);
    }

    protected NodeUnreachableException(URI uri, String reason, String message, Throwable cause) {
        super(message, cause);
        this.uri = uri;
        this.reason = reason;
    }

    /** The URL that could not be reached. */
    public URI uri() {
        return uri;
    }

    /** Why, in a few words: "connection refused", "unknown host 'x'", "timed out after 5 s", … */
    public String reason() {
        return reason;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
