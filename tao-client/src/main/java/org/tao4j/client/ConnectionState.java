package org.tao4j.client;

/** The WebSocket connection's state. */
public enum ConnectionState {
    /** Open: calls go out at once. */
    CONNECTED,
    /** Dropped; reconnecting with backoff. Calls made now wait (up to their timeout) for the connection. */
    RECONNECTING,
    /** Gave up reconnecting ({@link ClientOptions#maxReconnectAttempts()}) or closed: calls fail. */
    CLOSED
}
