package org.tao4j.node.rpc;

import org.tao4j.node.metrics.NodeMetrics;
import org.tao4j.node.pool.TransactionPool;
import org.tao4j.node.production.BlockAuthoring;
import org.tao4j.node.production.Chain;

/** What RPC methods may use: the chain, the pool, the block author (to wake it), metrics and subscriptions. */
public record NodeServices(Chain chain, TransactionPool pool, BlockAuthoring authoring, NodeMetrics metrics,
                           NewHeads newHeads, String nodeName, String version) {
}
