package org.tao4j.node;

import java.nio.file.Path;
import java.time.Duration;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.node.health.NodeHealth;
import org.tao4j.node.metrics.NodeMetrics;
import org.tao4j.node.pool.TransactionPool;
import org.tao4j.node.production.BlockAuthoring;
import org.tao4j.node.production.Chain;

/**
 * What a module above the node (tao-network) plugs into {@link Node#start(NodeConfig, NodePlugin)}: the
 * block authoring, so that the node module does not depend on the network library.
 */
public interface NodePlugin {

    /**
     * Everything the authoring may use.
     *
     * @param key the node's authority key, or null
     * @param blockTime the configured (or default) block time
     */
    record Context(
            NodeConfig config,
            Path basePath,
            Chain chain,
            TransactionPool pool,
            Ed25519.KeyPair key,
            Duration blockTime,
            NodeHealth health,
            NodeMetrics metrics) {}

    /**
     * The node's block authoring, not yet started; null for the node's default (a {@code
     * SingleAuthority} when the key is an authority of the chain, else none). A one-line {@link
     * IllegalArgumentException} stops the start with that message.
     */
    BlockAuthoring authoring(Context ctx) throws Exception;

    /** Where a full node of {@code spec} also looks for sync peers (besides {@code --sync-peer}). */
    default org.tao4j.node.sync.SyncPeers syncPeers(org.tao4j.node.chain.ChainSpec spec) {
        return java.util.List::of;
    }
}
