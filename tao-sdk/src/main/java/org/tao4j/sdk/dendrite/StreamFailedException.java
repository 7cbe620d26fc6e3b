package org.tao4j.sdk.dendrite;

/**
 * Why a stream did not end cleanly and verified: delivered through
 * {@link java.util.concurrent.Flow.Subscriber#onError} or thrown by the stream's iterator.
 * Chunks received before it must be treated as unverified.
 */
public final class StreamFailedException extends RuntimeException {
    private final transient AxonResult<?> result;

    StreamFailedException(AxonResult<?> result) {
        super(result.outcome()
                + (result.httpStatus() > 0 ? " " + result.httpStatus() : "")
                + (result.error() != null ? " " + result.error() : "")
                + (result.message() != null ? ": " + result.message() : ""));
        this.result = result;
    }

    /** The outcome, status, latency and axon error details. */
    public AxonResult<?> result() {
        return result;
    }
}
