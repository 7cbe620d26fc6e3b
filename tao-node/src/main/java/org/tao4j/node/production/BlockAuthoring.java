package org.tao4j.node.production;

/**
 * "Who orders the next block": the seam between the chain and whatever decides when a block is
 * sealed and by whom.
 *
 * <p>Today: {@link SingleAuthority}, one key seals every block on a timer (or as soon as a
 * transaction arrives). Tomorrow: a replicated sequencer (Apache Ratis) where the leader builds a
 * block with {@link Chain#build} and proposes it to the log instead of committing it, and every
 * replica's state machine feeds the committed entries to {@link Chain#importBlock} — the same
 * deterministic function of (parent state, block) that local production uses. Nothing else in the
 * node knows which implementation runs.
 */
public interface BlockAuthoring extends AutoCloseable {

    /** Begins producing. */
    void start();

    /** A transaction entered the pool; an instant sealer reacts to this. Cheap and non-blocking. */
    default void transactionArrived() {}

    /** Who authors, for {@code tao_consensusStatus} and {@code system_health}. */
    default ConsensusStatus consensusStatus() {
        return ConsensusStatus.full();
    }

    /** Stops producing: no new block is started; a block being built is finished and committed, or dropped whole. */
    @Override
    void close();

    /** A node that authors nothing (no key, or not an authority): it only serves and imports. */
    final class None implements BlockAuthoring {
        @Override
        public void start() {}

        @Override
        public void close() {}
    }
}
