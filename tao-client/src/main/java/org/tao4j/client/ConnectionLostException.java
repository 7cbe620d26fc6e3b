package org.tao4j.client;

import java.net.URI;

/**
 * The connection dropped while a call was in flight: its outcome is unknown, the call may be retried
 * (the WebSocket client reconnects by itself; {@link TaoClient#addConnectionListener} reports when).
 * For a submitted transaction "unknown" means it may still be included: its {@link TxHandle} follows it.
 */
public class ConnectionLostException extends NodeUnreachableException {

    private static final long serialVersionUID = 1L;

    public ConnectionLostException(URI uri, String reason, Throwable cause) {
        super(
                uri,
                reason,
                "lost the connection to the tao node at " + uri + ": " + reason
                        + " (the call may be retried; the client reconnects)",
                cause);
    }
}
