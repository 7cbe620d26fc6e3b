package org.tao4j.sdk.axon;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;

/**
 * Answers the errors Jetty raises before our handler runs (unparseable HTTP, headers too large)
 * in the protocol's JSON error shape, with a fixed message per status: Jetty's own text names
 * parser states, and no internals leak.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final Logger log;
    private final Supplier<String> errorIds;

    JsonErrorHandler(Logger log, Supplier<String> errorIds) {
        this.log = log;
        this.errorIds = errorIds;
        setShowStacks(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object s = request.getAttribute(ERROR_STATUS);
        int status = s instanceof Integer i ? i : 500;
        byte[] body = body(status);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status));
    }

    private byte[] body(int status) {
        String errorId = errorIds.get();
        String error = switch (status) {
            case 408 -> "deadline_exceeded";
            case 413 -> "body_too_large";
            case 431 -> "headers_too_large";
            default -> status >= 500 ? "internal_error" : "malformed";
        };
        String message = switch (status) {
            case 408 -> "the request did not arrive in time";
            case 413 -> "request body is too large";
            case 431 -> "request headers are too large";
            default -> status >= 500 ? "the axon failed to process the request" : "the request is not valid HTTP";
        };
        log.info("axon.reject status={} error={} errorId={} source=http", status, error, errorId);
        return ("{\"status\":" + status + ",\"error\":\"" + error + "\",\"message\":\"" + message + "\",\"errorId\":\""
                        + errorId + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
