package org.tao4j.sdk.metagraph;

import java.util.Objects;
import org.tao4j.core.account.AccountId;
import org.tao4j.sdk.AxonEndpoint;

/**
 * Where a neuron said its axon listens ({@code serve_axon}), as the metagraph holds it.
 *
 * @param ip dotted IPv4 or IPv6 text
 * @param ipType 4 or 6
 * @param block the block it was served at
 */
public record AxonInfo(String ip, int port, int ipType, int protocol, long version, long block) {
    public AxonInfo {
        Objects.requireNonNull(ip, "ip");
    }

    /** Whether a dendrite can address it: a usable port and a specified address. */
    public boolean isServing() {
        return port > 0
                && port <= 0xFFFF
                && !ip.isBlank()
                && !ip.equals("0.0.0.0")
                && !ip.equals("::")
                && !ip.equals("0:0:0:0:0:0:0:0");
    }

    /** How a dendrite reaches it, answering with {@code hotkey}. */
    public AxonEndpoint endpoint(AccountId hotkey) {
        return new AxonEndpoint(ip, port, hotkey);
    }
}
