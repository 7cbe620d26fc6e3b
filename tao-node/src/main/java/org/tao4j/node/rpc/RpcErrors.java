package org.tao4j.node.rpc;

/**
 * JSON-RPC error codes. The -327xx ones are JSON-RPC 2.0's; the others follow Substrate's
 * author/state RPC codes where one exists, so that existing tooling reads them the same way.
 */
public final class RpcErrors {
    /** The request is not valid JSON. */
    public static final int PARSE_ERROR = -32700;
    /** Valid JSON but not a JSON-RPC request (or too large). */
    public static final int INVALID_REQUEST = -32600;

    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** The block (hash or number) is not in this node's chain. */
    public static final int UNKNOWN_BLOCK = 4001;
    /** The block is known but its state has been pruned. */
    public static final int STATE_PRUNED = 4003;
    /** sync_hello: the caller is on another chain (another genesis hash). */
    public static final int WRONG_CHAIN = 4010;
    /** sync_getStateChunk: this node does not offer that block's state (any more). */
    public static final int STATE_NOT_OFFERED = 4011;
    /** The extrinsic bytes do not decode. */
    public static final int BAD_EXTRINSIC = 1002;
    /** The transaction is invalid (signature, nonce, era, fee). */
    public static final int INVALID_TRANSACTION = 1010;
    /** The same transaction is already in the pool. */
    public static final int ALREADY_IMPORTED = 1013;
    /** A transaction with the same signer and nonce pays an equal or higher tip. */
    public static final int PRIORITY_TOO_LOW = 1014;
    /** The pool is full (PoolFull). */
    public static final int POOL_FULL = 1016;
    /**
     * A limit of the connection was reached (subscriptions per connection); the request was not
     * carried out. The code is the one EIP-1474 uses for "limit exceeded".
     */
    public static final int LIMIT_EXCEEDED = -32005;
    /** The method needs a WebSocket connection (subscriptions). */
    public static final int WEBSOCKET_ONLY = -32090;

    private RpcErrors() {}
}
