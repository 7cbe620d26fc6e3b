package org.tao4j.sdk.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The data of a stream's final {@code end} frame (docs/wire-protocol.md §6): how the stream
 * ended, how many chunks it carried, the stream hash, and the axon's signature over it.
 * {@code error}, {@code message} and {@code errorId} are set only when {@code status != 200}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamEnd(
        int status, long chunks, String hash, String signature, String error, String message, String errorId) {}
