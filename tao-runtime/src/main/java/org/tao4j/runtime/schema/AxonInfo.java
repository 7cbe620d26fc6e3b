package org.tao4j.runtime.schema;

import java.util.Arrays;

/** Where a neuron's axon listens (docs/spec/chain.md §4 serve_axon), and the block it was last served at. */
public record AxonInfo(byte[] ip, int port, int ipType, int protocol, long version, long block) {
    public AxonInfo {
        ip = ip.clone();
    }

    @Override
    public byte[] ip() {
        return ip.clone();
    }

    /** Dotted IPv4 or colon-separated IPv6 text. */
    public String ipText() {
        try {
            return java.net.InetAddress.getByAddress(ip).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("stored IP of length " + ip.length, e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AxonInfo a
                && Arrays.equals(ip, a.ip)
                && port == a.port
                && ipType == a.ipType
                && protocol == a.protocol
                && version == a.version
                && block == a.block;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ip) * 31 + port;
    }
}
