package org.tao4j.node.rpc;

import org.tao4j.node.health.NodeHealth;
import org.tao4j.node.metrics.NodeMetrics;
import org.tao4j.node.pool.TransactionPool;
import org.tao4j.node.production.BlockAuthoring;
import org.tao4j.node.production.Chain;
import org.tao4j.node.sync.SyncState;
import org.tao4j.node.sync.WarpPoints;

/**
 * What RPC methods may use: the chain, the pool, the block author (to wake it), metrics,
 * subscriptions, the node's health ({@code system_health}, {@code /health}), and the network side:
 * finalized-head subscriptions, the states offered to warp sync, and the sync state.
 */
public record NodeServices(
        Chain chain,
        TransactionPool pool,
        BlockAuthoring authoring,
        NodeMetrics metrics,
        NewHeads newHeads,
        String nodeName,
        String version,
        NodeHealth health,
        NewHeads finalizedHeads,
        WarpPoints warp,
        SyncState sync) {}
