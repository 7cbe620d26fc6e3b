package org.tao4j.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/** Turns JDK networking failures into the client's typed exceptions. */
final class Errors {

    private Errors() {}

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A failure to open a connection (or to send an HTTP request) to {@code uri}. */
    static TaoClientException connectFailure(URI uri, Throwable t, Duration connectTimeout) {
        t = unwrap(t);
        if (t instanceof TaoClientException e) {
            return e;
        }
        return new NodeUnreachableException(uri, reason(uri, t, connectTimeout), t);
    }

    static String reason(URI uri, Throwable t, Duration connectTimeout) {
        t = unwrap(t);
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
                return "unknown host '" + uri.getHost() + "'";
            }
            if (c instanceof HttpConnectTimeoutException) {
                return "timed out connecting after " + Durations.text(connectTimeout);
            }
            if (c instanceof NoRouteToHostException) {
                return "no route to host " + uri.getHost();
            }
            if (c instanceof WebSocketHandshakeException h) {
                return "the server answered HTTP " + h.getResponse().statusCode()
                        + " instead of opening a WebSocket (is this a tao node's RPC port?)";
            }
            if (c instanceof SSLException) {
                return "TLS failed: " + c.getMessage();
            }
            if (c instanceof ConnectException) {
                String m = c.getMessage();
                return m == null || m.isBlank() ? "connection refused" : m.toLowerCase(java.util.Locale.ROOT);
            }
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** A failure of an HTTP call whose request may have reached the node. */
    static TaoClientException httpFailure(
            URI uri, String method, Duration timeout, Throwable t, Duration connectTimeout) {
        t = unwrap(t);
        if (t instanceof TaoClientException e) {
            return e;
        }
        if (t instanceof HttpTimeoutException && !(t instanceof HttpConnectTimeoutException)) {
            return new RpcTimeoutException(method, timeout, uri.toString());
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException
                    || c instanceof UnresolvedAddressException
                    || c instanceof UnknownHostException
                    || c instanceof SSLException
                    || c instanceof NoRouteToHostException) {
                return new NodeUnreachableException(uri, reason(uri, t, connectTimeout), t);
            }
        }
        return new ConnectionLostException(uri, reason(uri, t, connectTimeout), t);
    }
}
