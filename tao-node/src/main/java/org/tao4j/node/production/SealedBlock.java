package org.tao4j.node.production;

import java.util.List;
import java.util.Map;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.blockstore.PreparedState;
import org.tao4j.node.chain.Block;
import org.tao4j.runtime.event.Event;

/**
 * A block built and sealed on top of a known parent, with the state it produces already computed,
 * ready to commit (or, under a replicated sequencer, to propose).
 */
public record SealedBlock(
        Block block,
        List<H256> extrinsicHashes,
        PreparedState state,
        List<Event> events,
        Map<H256, String> invalid,
        double buildSeconds,
        double finishSeconds,
        List<Integer> epochNetuids) {}
