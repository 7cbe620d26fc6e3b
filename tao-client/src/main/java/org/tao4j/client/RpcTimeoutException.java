package org.tao4j.client;

import java.time.Duration;

/** A call was sent but no response came within its timeout. The node may still have run it. */
public class RpcTimeoutException extends TaoClientException {

    private static final long serialVersionUID = 1L;

    private final String method;
    private final transient Duration timeout;

    public RpcTimeoutException(String method, Duration timeout, String where) {
        super("no response to '" + method + "' from " + where + " within " + Durations.text(timeout));
        this.method = method;
        this.timeout = timeout;
    }

    public String method() {
        return method;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
