package org.tao4j.node.rpc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's error pages as JSON-RPC errors: whatever goes wrong on the RPC port (a malformed HTTP
 * request, headers too large, an exception in a handler) the client gets
 * {@code {"jsonrpc":"2.0","error":{"code":-32600 or -32603,"message":"http 431: Request Header Fields Too Large"},"id":null}},
 * never an HTML page, and never the exception's text (it is logged instead).
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

    static String body(int status) {
        String reason = HttpStatus.getMessage(status);
        return JsonRpcDispatcher.error(
                null,
                status >= 500 ? RpcErrors.INTERNAL_ERROR : RpcErrors.INVALID_REQUEST,
                "http " + status + ": " + (reason == null ? "error" : reason)
                        + (status >= 500 ? " (the node logged the cause)" : ""),
                null);
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        if (code >= 500) {
            LOG.error(
                    "RPC: HTTP {} for {} {}: {}",
                    code,
                    request.getMethod(),
                    request.getHttpURI().getPath(),
                    cause == null ? message : cause.toString(),
                    cause);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.write(true, ByteBuffer.wrap(body(code).getBytes(StandardCharsets.UTF_8)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
    }
}
