package org.tao4j.client;

/**
 * The node answered with a JSON-RPC error object: {@code code}, {@code message} and optional
 * {@code data} (docs/rpc.md "Errors"). E.g. 1010 with data {@code STALE_NONCE} for an invalid
 * transaction, -32602 for bad params, 4001 for an unknown block.
 */
public class RpcException extends TaoClientException {

    private static final long serialVersionUID = 1L;

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    public static final int WEBSOCKET_ONLY = -32090;
    public static final int BAD_EXTRINSIC = 1002;
    public static final int INVALID_TRANSACTION = 1010;
    public static final int ALREADY_IMPORTED = 1013;
    public static final int PRIORITY_TOO_LOW = 1014;
    public static final int POOL_FULL = 1016;
    public static final int UNKNOWN_BLOCK = 4001;
    public static final int STATE_PRUNED = 4003;

    private final int code;
    private final String rpcMessage;
    private final String data;

    /**
     * @param code the JSON-RPC error code
     * @param message the node's message
     * @param data the error's {@code data} (text as is; other JSON as its JSON text), or null
     */
    public RpcException(int code, String message, String data) {
        super(message + " (code " + code + (data == null ? "" : ", " + data) + ")");
        this.code = code;
        this.rpcMessage = message;
        this.data = data;
    }

    public int code() {
        return code;
    }

    /** The message exactly as the node sent it. */
    public String rpcMessage() {
        return rpcMessage;
    }

    /** The error's data (e.g. {@code STALE_NONCE}, {@code BAD_SIGNATURE}, {@code MALFORMED}), or null. */
    public String data() {
        return data;
    }

    /** A full pool (1016) clears as blocks are made. */
    @Override
    public boolean isRetryable() {
        return code == POOL_FULL;
    }
}
