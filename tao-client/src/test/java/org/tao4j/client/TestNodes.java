package org.tao4j.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;
import org.tao4j.node.chain.DevAccounts;

/** In-process --dev nodes for the client's tests: free ports, no metrics server, temp data. */
final class TestNodes {

    static final long TAO = 1_000_000_000L;

    private TestNodes() {}

    /** A --dev node with instant sealing in a temporary directory, RPC on a free port. */
    static Node instant() throws Exception {
        return Node.start(NodeConfig.forDev()
                .withTmp(true)
                .withRpc(0, false)
                .withMetricsPort(-1)
                .withInstant(true));
    }

    /** A --dev node on {@code port} with its data in {@code base} (kept across restarts). */
    static Node at(Path base, int port, Duration blockTime, boolean instant) throws Exception {
        NodeConfig c = NodeConfig.forDev()
                .withBasePath(base)
                .withRpc(port, false)
                .withMetricsPort(-1)
                .withInstant(instant)
                .withSyncWrites(false);
        if (blockTime != null) {
            c = c.withBlockTime(blockTime);
        }
        return Node.start(c);
    }

    static URI ws(Node n) {
        return URI.create("ws://127.0.0.1:" + n.rpcPort());
    }

    static URI http(Node n) {
        return URI.create("http://127.0.0.1:" + n.rpcPort());
    }

    /** A port nothing listens on (at the time of asking). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    static Ed25519.KeyPair key(String devName) {
        return DevAccounts.keyPair(devName);
    }

    static AccountId id(String devName) {
        return DevAccounts.account(devName);
    }

    /** A fresh deterministic key (hotkeys). */
    static Ed25519.KeyPair newKey(String label) {
        return Ed25519.KeyPair.fromSeed(Blake2b.hash256(("tao-client-test//" + label).getBytes()));
    }

    static ClientOptions fastOptions() {
        return ClientOptions.defaults()
                .withConnectTimeout(Duration.ofSeconds(2))
                .withCallTimeout(Duration.ofSeconds(20))
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .withJitterSeed(42);
    }
}
