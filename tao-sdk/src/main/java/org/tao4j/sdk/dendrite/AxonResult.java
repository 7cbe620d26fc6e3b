package org.tao4j.sdk.dendrite;

import java.time.Duration;
import java.util.Optional;
import org.tao4j.core.account.AccountId;
import org.tao4j.sdk.AxonEndpoint;

/**
 * What one axon answered to one query: always a value, never an exception.
 *
 * @param httpStatus the HTTP status the axon answered, or 0 when it never answered
 * @param response the decoded response, present only when {@code outcome == OK}
 * @param latency from sending to the last byte of the answer (or to the failure)
 * @param verifiedHotkey the axon hotkey whose signature over this answer verified; null when
 *     the answer was unsigned (pre-authentication rejections) or there was no answer
 * @param error the axon's machine-readable error code, or the dendrite's for local failures
 * @param message a sentence for people
 * @param errorId the axon's error id, to find its log line; null for local failures
 */
public record AxonResult<R>(
        AxonEndpoint axon,
        Outcome outcome,
        int httpStatus,
        R response,
        Duration latency,
        AccountId verifiedHotkey,
        String error,
        String message,
        String errorId) {
    /** How a query to one axon ended. */
    public enum Outcome {
        /** A 200 whose signature verified and whose body decoded. */
        OK,
        /** No answer within the timeout, or the axon's own 408. */
        TIMEOUT,
        /** The connection could not be opened (dead port, no route). */
        UNREACHABLE,
        /** The axon answered with an error status (400–500 other than 408). */
        REJECTED,
        /** A 200 that failed verification or decoding, or an oversized answer. */
        INVALID_RESPONSE,
        /** The exchange broke mid-way (connection reset and the like). */
        FAILED
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }

    /** Whether the answer carried a valid signature of the addressed axon's hotkey. */
    public boolean verified() {
        return verifiedHotkey != null;
    }

    public Optional<R> responseIfOk() {
        return ok() ? Optional.ofNullable(response) : Optional.empty();
    }
}
