package org.tao4j.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The {@code --network} option: {@code dev} and {@code local} are a node on this machine
 * ({@code ws://127.0.0.1:9944}); anything else must be a {@code ws://}, {@code wss://},
 * {@code http://} or {@code https://} URL with a host.
 */
public final class Networks {

    /** Where {@code tao node --dev} listens. */
    public static final URI LOCAL = URI.create("ws://127.0.0.1:9944");

    private Networks() {}

    /**
     * Resolves a network name or URL.
     *
     * @throws IllegalArgumentException with a sentence saying what is accepted
     */
    public static URI resolve(String network) {
        if (network == null || network.isBlank()) {
            throw new IllegalArgumentException(
                    "--network is empty: give dev, local, or a node URL such as " + "ws://127.0.0.1:9944");
        }
        String n = network.trim();
        String lower = n.toLowerCase(Locale.ROOT);
        if (lower.equals("dev") || lower.equals("local")) {
            return LOCAL;
        }
        URI uri;
        try {
            uri = new URI(n);
        } catch (URISyntaxException e) {
            String hint = n.contains("://") ? "" : "; try ws://" + n;
            throw new IllegalArgumentException(
                    "--network '" + n + "' is not dev, local or a valid URL: " + e.getReason() + hint);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || uri.isOpaque()) {
            // "node.example" is a relative URI, "localhost:9944" an opaque one with scheme "localhost"
            throw new IllegalArgumentException(
                    "--network '" + n + "' needs a scheme: try ws://" + n + " (or give dev or local)");
        }
        if (!(scheme.equals("ws") || scheme.equals("wss") || scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("--network '" + n + "': unsupported scheme '" + uri.getScheme()
                    + "'; use ws://, wss://, http:// or https:// (or dev, local)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("--network '" + n + "' has no host, e.g. ws://127.0.0.1:9944");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("--network '" + n + "' must not have a query or fragment");
        }
        return normalise(uri, scheme);
    }

    private static URI normalise(URI uri, String scheme) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /** True for ws:// and wss://. */
    public static boolean isWebSocket(URI uri) {
        String s = scheme(uri);
        return s.equals("ws") || s.equals("wss");
    }

    /** The WebSocket URL of a node given by any of its URLs: http → ws, https → wss. */
    public static URI toWebSocket(URI uri) {
        String s = scheme(uri);
        return switch (s) {
            case "ws", "wss" -> uri;
            case "http" -> withScheme(uri, "ws");
            case "https" -> withScheme(uri, "wss");
            default -> throw new IllegalArgumentException("not a node URL: " + uri);
        };
    }

    /** The HTTP URL of a node given by any of its URLs: ws → http, wss → https. */
    public static URI toHttp(URI uri) {
        String s = scheme(uri);
        return switch (s) {
            case "http", "https" -> uri;
            case "ws" -> withScheme(uri, "http");
            case "wss" -> withScheme(uri, "https");
            default -> throw new IllegalArgumentException("not a node URL: " + uri);
        };
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    private static URI withScheme(URI uri, String scheme) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }
}
