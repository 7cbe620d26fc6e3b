package org.tao4j.node.production;

import java.util.List;
import java.util.Map;
import org.tao4j.core.crypto.H256;
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
 */
public record ImportedBlock(
        Block block,
        H256 hash,
        List<H256> extrinsicHashes,
        List<Event> events,
        Map<H256, String> invalid,
        double seconds,
        double finishSeconds,
        List<Integer> epochNetuids) {
    public long number() {
        return block.number();
    }
}
