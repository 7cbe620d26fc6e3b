package org.tao4j.sdk;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A typed request/response pair served by an axon at {@code POST /{name}}. The request and
 * response types are plain Java records or classes that Jackson can (de)serialise.
 *
 * <pre>{@code
 * record Ask(String prompt) {}
 * record Answer(String text) {}
 * static final Synapse<Ask, Answer> QA = Synapse.of("QA", Ask.class, Answer.class);
 * }</pre>
 *
 * @param name the route, also the synapse's name on the wire: {@code [A-Za-z][A-Za-z0-9_]{0,63}}
 */
public record Synapse<Q, R>(String name, Class<Q> requestType, Class<R> responseType) {
    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    public Synapse {
        checkName(name);
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(responseType, "responseType");
    }

    public static <Q, R> Synapse<Q, R> of(String name, Class<Q> requestType, Class<R> responseType) {
        return new Synapse<>(name, requestType, responseType);
    }

    /** The HTTP path this synapse is served at. */
    public String path() {
        return "/" + name;
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("synapse name must match [A-Za-z][A-Za-z0-9_]{0,63}, got " + name);
        }
    }
}
