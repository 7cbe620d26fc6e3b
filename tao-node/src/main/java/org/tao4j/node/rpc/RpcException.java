package org.tao4j.node.rpc;

/** A JSON-RPC error to return to the caller: a code (see {@link RpcErrors}), a one-line message, optional data. */
public final class RpcException extends Exception {
    private final int code;
    private final transient Object data;

    public RpcException(int code, String message) {
        this(code, message, null);
    }

    public RpcException(int code, String message, Object data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    public int code() {
        return code;
    }

    public Object data() {
        return data;
    }

    public static RpcException invalidParams(String message) {
        return new RpcException(RpcErrors.INVALID_PARAMS, message);
    }
}
