package org.tao4j.sdk.axon;

/**
 * Answers one synapse. Runs on its own virtual thread, so it may block; it is interrupted when
 * the request's deadline passes (the caller has by then been answered 408). Any exception it
 * throws becomes a 500 whose body holds only an error id; the exception is logged under it.
 */
@FunctionalInterface
public interface SynapseHandler<Q, R> {
    R handle(Q request, RequestContext context) throws Exception;
}
