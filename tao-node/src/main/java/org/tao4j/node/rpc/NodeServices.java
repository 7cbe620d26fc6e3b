package org.tao4j.node.rpc;

import org.tao4j.node.health.NodeHealth;
import org.tao4j.node.metrics.NodeMetrics;
import org.tao4j.node.pool.TransactionPool;
import org.tao4j.node.production.BlockAuthoring;
import org.tao4j.node.production.Chain;

/**
 * What RPC methods may use: the chain, the pool, the block author (to wake it), metrics,
 * subscriptions and the node's health ({@code system_health}, {@code /health}).
 */
public record NodeServices(
        Chain chain,
        TransactionPool pool,
        BlockAuthoring authoring,
        NodeMetrics metrics,
        NewHeads newHeads,
        String nodeName,
        String version,
        NodeHealth health) {}
