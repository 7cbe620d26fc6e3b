package org.tao4j.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A request the gateway answers with an error status and a JSON body ({@code error}, {@code message}, details). */
final class Refusal extends Exception {
    final int status;
    final String code;
    final transient ObjectNode details;

    Refusal(int status, String code, String message) {
        this(status, code, message, null);
    }

    Refusal(int status, String code, String message, ObjectNode details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
    }
}
