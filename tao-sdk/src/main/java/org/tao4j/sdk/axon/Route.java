package org.tao4j.sdk.axon;

/** What an axon serves at one path: a plain or a streaming synapse and its handler. */
sealed interface Route {
    String name();

    Class<?> requestType();

    record Unary<Q, R>(String name, Class<Q> requestType, SynapseHandler<Q, R> handler) implements Route {}

    record Streaming<Q, C>(String name, Class<Q> requestType, StreamHandler<Q, C> handler) implements Route {}
}
