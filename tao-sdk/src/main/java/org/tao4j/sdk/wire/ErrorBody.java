package org.tao4j.sdk.wire;

/**
 * The JSON body of every non-200 answer (docs/wire-protocol.md §5). {@code error} is a stable
 * machine-readable code, {@code message} a sentence for people; neither carries internals.
 * {@code errorId} matches the line the axon logged, so an operator can find the details.
 */
public record ErrorBody(int status, String error, String message, String errorId) {}
