package org.tao4j.sdk.axon;

/**
 * Answers one streaming synapse by sending chunks to {@code sink}; returning ends the stream
 * cleanly. Same threading, deadline and error rules as {@link SynapseHandler}; an exception
 * after the first chunk ends the stream with a signed error end frame.
 */
@FunctionalInterface
public interface StreamHandler<Q, C> {
    void handle(Q request, ChunkSink<C> sink, RequestContext context) throws Exception;
}
