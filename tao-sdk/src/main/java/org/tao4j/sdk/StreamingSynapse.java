package org.tao4j.sdk;

import java.util.Objects;

/**
 * A synapse whose answer is a stream of chunks (for example tokens), each a value of
 * {@code chunkType}. Served at {@code POST /{name}} like a {@link Synapse}; the axon answers
 * with the framed, signed stream described in docs/wire-protocol.md §6.
 */
public record StreamingSynapse<Q, C>(String name, Class<Q> requestType, Class<C> chunkType) {
    public StreamingSynapse {
        Synapse.checkName(name);
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(chunkType, "chunkType");
    }

    public static <Q, C> StreamingSynapse<Q, C> of(String name, Class<Q> requestType, Class<C> chunkType) {
        return new StreamingSynapse<>(name, requestType, chunkType);
    }

    public String path() {
        return "/" + name;
    }
}
