package org.tao4j.sdk;

import java.net.URI;
import java.util.Objects;
import org.tao4j.core.account.AccountId;

/**
 * Where an axon listens and whose hotkey it answers with: what a dendrite needs to address it
 * and to verify who answered. The metagraph's axon info maps onto this.
 */
public record AxonEndpoint(String host, int port, AccountId hotkey) {
    public AxonEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(hotkey, "hotkey");
        if (host.isBlank()) {
            throw new IllegalArgumentException("axon host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("axon port must be 1..65535, got " + port);
        }
    }

    /** The URI of {@code path} on this axon; IPv6 literals are bracketed. */
    public URI uri(String path) {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port + path);
    }

    @Override
    public String toString() {
        return hotkey.toSs58() + "@" + host + ":" + port;
    }
}
