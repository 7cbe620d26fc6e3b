package org.tao4j.node.sync;

/**
 * What {@code system_health} reports about the network: connected peers and whether the node is still
 * catching up. An authority of a single-authority chain has no peers and is never syncing ({@link
 * #NONE}); a full node reports its sync loop; a networked authority (Ratis) reports its own.
 */
public interface SyncState {

    /** Peers this node is connected to now. */
    int peers();

    /** True while the node is behind the best finalized block it has heard of (or has no peer yet). */
    boolean isSyncing();

    /** True when the node needs peers to make progress (a full node, a networked authority). */
    boolean shouldHavePeers();

    /** A node without a network: a single authority. */
    SyncState NONE = new SyncState() {
        @Override
        public int peers() {
            return 0;
        }

        @Override
        public boolean isSyncing() {
            return false;
        }

        @Override
        public boolean shouldHavePeers() {
            return false;
        }
    };
}
