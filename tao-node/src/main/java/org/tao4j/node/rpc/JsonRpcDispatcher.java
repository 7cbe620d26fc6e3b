package org.tao4j.node.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.kv.StorageException;

/**
 * JSON-RPC 2.0 over any transport: text in, text out. Single requests and batches; notifications
 * (no id) get no response. Every failure becomes a JSON-RPC error object — malformed JSON (-32700),
 * not a request (-32600), unknown method (-32601), bad params (-32602), internal (-32603) — and
 * nothing a caller sends can make the node stop serving.
 */
public final class JsonRpcDispatcher {

    /** The largest request the node reads: 10 MiB. */
    public static final int MAX_REQUEST_BYTES = 10 * 1024 * 1024;

    /** The most requests in one batch. */
    public static final int MAX_BATCH = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(JsonRpcDispatcher.class);

    private final RpcMethods methods;
    private final NodeServices services;

    /** The node's services (for {@code GET /health}). */
    public NodeServices services() {
        return services;
    }

    public JsonRpcDispatcher(RpcMethods methods, NodeServices services) {
        this.methods = methods;
        this.services = services;
    }

    public RpcMethods methods() {
        return methods;
    }

    /** The outcome of one message: the response text (null when nothing is to be sent) and post-send actions. */
    public record Reply(String text, List<Runnable> afterSend) {}

    /** Handles one message; the caller sends {@code text} (if not null), then runs {@code afterSend}. */
    public Reply handle(String text, RpcSession session) {
        if (text.length() > MAX_REQUEST_BYTES) {
            return new Reply(tooLarge(text.length()), List.of());
        }
        JsonNode req;
        try {
            req = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String msg = String.valueOf(e.getOriginalMessage());
            String why = msg.startsWith("Trailing token")
                    ? "trailing data after the JSON value (send exactly one request or one batch per message)"
                    : oneLine(msg).replaceAll(" ?\\(?(start marker )?at \\[Source:.*$", "");
            return new Reply(error(null, RpcErrors.PARSE_ERROR, "parse error: " + why, null), List.of());
        }
        if (req == null || req.isMissingNode()) {
            return new Reply(error(null, RpcErrors.PARSE_ERROR, "parse error: empty request", null), List.of());
        }
        List<Runnable> after = new ArrayList<>();
        if (req.isArray()) {
            if (req.isEmpty()) {
                return new Reply(
                        error(null, RpcErrors.INVALID_REQUEST, "invalid request: empty batch", null), List.of());
            }
            if (req.size() > MAX_BATCH) {
                return new Reply(
                        error(
                                null,
                                RpcErrors.INVALID_REQUEST,
                                "invalid request: a batch holds at most " + MAX_BATCH + " requests, got " + req.size(),
                                null),
                        List.of());
            }
            ArrayNode out = Json.array();
            for (JsonNode r : req) {
                ObjectNode resp = call(r, session, after);
                if (resp != null) {
                    out.add(resp);
                }
            }
            return new Reply(out.isEmpty() ? null : write(out), after);
        }
        ObjectNode resp = call(req, session, after);
        return new Reply(resp == null ? null : write(resp), after);
    }

    /** Handles one request object; null for a notification. */
    ObjectNode call(JsonNode req, RpcSession session, List<Runnable> after) {
        if (!req.isObject()) {
            return errorNode(
                    null,
                    RpcErrors.INVALID_REQUEST,
                    "invalid request: expected a JSON-RPC request object, got " + Params.kind(req),
                    null);
        }
        JsonNode id = req.get("id");
        if (id != null && !(id.isTextual() || id.isNumber() || id.isNull())) {
            return errorNode(
                    null, RpcErrors.INVALID_REQUEST, "invalid request: 'id' must be a string, a number or null", null);
        }
        if (id != null && id.isNumber() && !(id.isIntegralNumber() && id.canConvertToLong())) {
            // echoed ids must come back exactly: 1e999999999 would parse to Infinity, 0.1 to a rounded double
            return errorNode(
                    null,
                    RpcErrors.INVALID_REQUEST,
                    "invalid request: a numeric 'id' must be an integer from"
                            + " -2^63 to 2^63-1 (no fraction, no exponent); use a string id for anything else",
                    null);
        }
        JsonNode version = req.get("jsonrpc");
        if (version == null || !"2.0".equals(version.asText()) || !version.isTextual()) {
            return errorNode(id, RpcErrors.INVALID_REQUEST, "invalid request: 'jsonrpc' must be \"2.0\"", null);
        }
        JsonNode m = req.get("method");
        if (m == null || !m.isTextual()) {
            return errorNode(id, RpcErrors.INVALID_REQUEST, "invalid request: 'method' must be a string", null);
        }
        String name = m.asText();
        JsonNode params = req.get("params");
        if (params != null && !params.isNull() && !params.isArray() && !params.isObject()) {
            return errorNode(
                    id,
                    RpcErrors.INVALID_PARAMS,
                    "invalid params: 'params' must be an array or an object, got " + Params.kind(params),
                    null);
        }
        RpcMethod method = methods.get(name);
        if (method == null) {
            services.metrics().rpc("unknown", 0, true);
            return id == null
                    ? null
                    : errorNode(
                            id,
                            RpcErrors.METHOD_NOT_FOUND,
                            "method not found: '" + Params.clip(name) + "' (rpc_methods lists the methods)",
                            null);
        }
        long t0 = System.nanoTime();
        boolean failed = true;
        ObjectNode resp;
        try (RpcContext ctx = new RpcContext(services, session)) {
            JsonNode result = method.execute(ctx, new Params(params));
            resp = Json.object();
            resp.put("jsonrpc", "2.0");
            resp.set("result", result == null ? Json.F.nullNode() : result);
            resp.set("id", id == null ? Json.F.nullNode() : id);
            after.addAll(ctx.takeAfterResponse());
            failed = false;
        } catch (RpcException e) {
            resp = errorNode(id, e.code(), e.getMessage(), e.data());
        } catch (StorageException e) {
            String ref = reference();
            LOG.error("{} failed reading the database (error reference {})", name, ref, e);
            resp = errorNode(
                    id,
                    RpcErrors.INTERNAL_ERROR,
                    "internal error: the node could not read its database;"
                            + " its log has the details under reference " + ref,
                    null);
        } catch (RuntimeException e) {
            String ref = reference();
            LOG.error("{} failed (error reference {})", name, ref, e);
            resp = errorNode(
                    id,
                    RpcErrors.INTERNAL_ERROR,
                    "internal error: the node's log has the details under" + " reference " + ref,
                    null);
        }
        services.metrics().rpc(name, (System.nanoTime() - t0) / 1e9, failed);
        return id == null ? null : resp;
    }

    /**
     * A short random reference that ties an internal-error reply to its log line: the reply says
     * nothing about the node's internals (paths, classes, messages), the log says everything.
     */
    static String reference() {
        return String.format(
                "%08x", java.util.concurrent.ThreadLocalRandom.current().nextInt());
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }

    static ObjectNode errorNode(JsonNode id, int code, String message, Object data) {
        ObjectNode o = Json.object();
        o.put("jsonrpc", "2.0");
        ObjectNode e = o.putObject("error");
        e.put("code", code);
        e.put("message", message);
        if (data != null) {
            e.set("data", data instanceof JsonNode j ? j : Json.F.textNode(String.valueOf(data)));
        }
        o.set("id", id == null ? Json.F.nullNode() : id);
        return o;
    }

    static String error(JsonNode id, int code, String message, Object data) {
        return write(errorNode(id, code, message, data));
    }

    public static String tooLarge(long size) {
        return error(
                null,
                RpcErrors.INVALID_REQUEST,
                "request too large: " + size + " bytes; the limit is " + MAX_REQUEST_BYTES + " bytes (10 MiB)",
                null);
    }

    /** A subscription notification: {@code {"jsonrpc":"2.0","method":M,"params":{"subscription":ID,"result":R}}}. */
    public static String notification(String method, String subscription, JsonNode result) {
        ObjectNode o = Json.object();
        o.put("jsonrpc", "2.0");
        o.put("method", method);
        ObjectNode p = o.putObject("params");
        p.put("subscription", subscription);
        p.set("result", result);
        return write(o);
    }

    static String write(JsonNode n) {
        String fast = writeSimpleResult(n);
        if (fast != null) {
            return fast;
        }
        try {
            return Json.MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The common reply {@code {"jsonrpc":"2.0","result":"<text>","id":<number or text>}} (a submission's
     * hash, a block hash), written directly when the strings need no escaping: the same text Jackson
     * writes, without building a serializer context per reply. Null for any other shape.
     */
    static String writeSimpleResult(JsonNode n) {
        if (!(n instanceof ObjectNode o) || o.size() != 3) {
            return null;
        }
        var fields = o.fieldNames();
        if (!"jsonrpc".equals(fields.next()) || !"result".equals(fields.next()) || !"id".equals(fields.next())) {
            return null;
        }
        JsonNode version = o.get("jsonrpc");
        JsonNode result = o.get("result");
        JsonNode id = o.get("id");
        if (!version.isTextual()
                || !"2.0".equals(version.textValue())
                || !result.isTextual()
                || !plain(result.textValue())) {
            return null;
        }
        String idText;
        if (id.isIntegralNumber()) {
            idText = id.asText();
        } else if (id.isTextual() && plain(id.textValue())) {
            idText = '"' + id.textValue() + '"';
        } else {
            return null;
        }
        String r = result.textValue();
        return new StringBuilder(r.length() + idText.length() + 36)
                .append("{\"jsonrpc\":\"2.0\",\"result\":\"")
                .append(r)
                .append("\",\"id\":")
                .append(idText)
                .append('}')
                .toString();
    }

    /** Printable ASCII other than a quote or a backslash: JSON text that needs no escaping. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
