package org.tao4j.explorer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the explorer's static files (packed in this jar) to a browser: {@code GET /} (and
 * {@code /index.html}) is the page, {@code GET /explorer/<file>} its scripts and styles. Every other
 * request (JSON-RPC POSTs, WebSocket upgrades, {@code /health}) is not this handler's: it answers
 * {@code false} and the next handler takes it.
 *
 * <p>The set of files is fixed ({@link #ASSETS}) and read into memory once, here; a request can only
 * pick one of them by exact name, so there is no path to walk out of and nothing a caller can grow.
 * An unknown {@code /explorer/...} name answers 404. Responses carry a Content-Security-Policy that
 * allows only this origin (scripts, styles, and the RPC over HTTP and WebSocket).
 */
public final class ExplorerHandler extends Handler.Abstract.NonBlocking {

    /** Every file the explorer serves, in {@code src/main/resources/org/tao4j/explorer/assets}. */
    public static final List<String> ASSETS = List.of("index.html", "app.js", "app.css", "favicon.svg");

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'";

    private record Asset(byte[] body, String type) {}

    private final Map<String, Asset> assets;

    public ExplorerHandler() {
        Map<String, Asset> m = new LinkedHashMap<>();
        for (String name : ASSETS) {
            m.put(name, new Asset(read(name), type(name)));
        }
        assets = Map.copyOf(m);
    }

    private static byte[] read(String name) {
        try (InputStream in = ExplorerHandler.class.getResourceAsStream("assets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the explorer asset " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String type(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        } else if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        } else if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        } else if (name.endsWith(".svg")) {
            return "image/svg+xml";
        }
        return "application/octet-stream";
    }

    /** The bytes of one asset (for tests and tools); null for a name not in {@link #ASSETS}. */
    public byte[] asset(String name) {
        Asset a = assets.get(name);
        return a == null ? null : a.body().clone();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        boolean head = HttpMethod.HEAD.is(method);
        if (!HttpMethod.GET.is(method) && !head) {
            return false;
        }
        String path = Request.getPathInContext(request);
        Asset a;
        if ("/".equals(path) || "/index.html".equals(path)) {
            a = assets.get("index.html");
        } else if (path.startsWith("/explorer/")) {
            a = assets.get(path.substring("/explorer/".length()));
            if (a == null) {
                send(
                        response,
                        callback,
                        HttpStatus.NOT_FOUND_404,
                        "text/plain; charset=utf-8",
                        "not found: the explorer has no file " + path + "\n",
                        head);
                return true;
            }
        } else {
            return false;
        }
        send(response, callback, HttpStatus.OK_200, a.type(), a.body(), head);
        return true;
    }

    private static void send(Response response, Callback callback, int status, String type, String text, boolean head) {
        send(response, callback, status, type, text.getBytes(StandardCharsets.UTF_8), head);
    }

    private static void send(Response response, Callback callback, int status, String type, byte[] body, boolean head) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Content-Security-Policy", CSP);
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, head ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
    }
}
