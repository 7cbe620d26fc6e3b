package org.tao4j.client;

/**
 * Hears connection state changes. Called one event at a time, in order, on a client thread (not the
 * socket reader), so it may call the client.
 */
@FunctionalInterface
public interface ConnectionListener {
    void onEvent(ConnectionEvent event);
}
