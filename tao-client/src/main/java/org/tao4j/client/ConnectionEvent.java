package org.tao4j.client;

import java.net.URI;
import java.time.Duration;

/** What a {@link ConnectionListener} hears, in order, for one WebSocket connection. */
public sealed interface ConnectionEvent {

    URI uri();

    /** Open. {@code reconnected} is false the first time; after a reconnect every subscription has been re-sent. */
    record Connected(URI uri, boolean reconnected) implements ConnectionEvent {}

    /** The socket dropped; in-flight calls failed with {@link ConnectionLostException}. */
    record Disconnected(URI uri, Throwable cause) implements ConnectionEvent {}

    /** Reconnect attempt {@code attempt} (1-based) starts after {@code delay}; {@code lastError} is why the previous failed. */
    record Reconnecting(URI uri, int attempt, Duration delay, Throwable lastError) implements ConnectionEvent {}

    /** Gave up after too many attempts ({@code cause} is the last error), or the client was closed (null cause). */
    record Closed(URI uri, Throwable cause) implements ConnectionEvent {}
}
