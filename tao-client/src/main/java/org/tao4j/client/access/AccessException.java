package org.tao4j.client.access;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A paid query that did not produce an answer: the gateway's status and error code (see
 * docs/access.md), or status 0 when the gateway could not be reached. The message is one line for
 * people.
 */
public final class AccessException extends RuntimeException {
    private final int status;
    private final String code;
    private final transient JsonNode body;

    public AccessException(int status, String code, String message, JsonNode body) {
        super(message);
        this.status = status;
        this.code = code;
        this.body = body;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** The gateway's error code ({@code voucher_stale}, {@code no_miner_answered}, ...) or a local one. */
    public String code() {
        return code;
    }

    /** The gateway's JSON error body, or null. */
    public JsonNode body() {
        return body;
    }
}
