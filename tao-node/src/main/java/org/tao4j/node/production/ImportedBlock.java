package org.tao4j.node.production;

import java.util.List;
import java.util.Map;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.blockstore.PreparedState;
import org.tao4j.node.chain.Block;
import org.tao4j.runtime.event.Event;

/**
 * A block that has just become the head, for listeners (pool, subscriptions, metrics, logs).
 *
 * @param extrinsicHashes the extrinsics' hashes, in block order (computed once, here)
 * @param invalid transactions the builder found invalid (hash to reason); empty for imported blocks
 * @param seconds time to build or check it and commit it
 * @param finishSeconds time of the block step ({@code BlockExecution.finish}: burns, emission, epochs)
 * @param epochNetuids subnets whose epoch ran in this block (root is 0)
 * @param state the block's effective state changes with their previous values (null where not known,
 *     e.g. in tests); for indexes that follow the chain
 */
public record ImportedBlock(
        Block block,
        H256 hash,
        List<H256> extrinsicHashes,
        List<Event> events,
        Map<H256, String> invalid,
        double seconds,
        double finishSeconds,
        List<Integer> epochNetuids,
        PreparedState state) {

    public ImportedBlock(
            Block block,
            H256 hash,
            List<H256> extrinsicHashes,
            List<Event> events,
            Map<H256, String> invalid,
            double seconds,
            double finishSeconds,
            List<Integer> epochNetuids) {
        this(block, hash, extrinsicHashes, events, invalid, seconds, finishSeconds, epochNetuids, null);
    }

    public long number() {
        return block.number();
    }
}
