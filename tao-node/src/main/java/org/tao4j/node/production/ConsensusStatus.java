package org.tao4j.node.production;

import java.util.List;
import org.tao4j.core.account.AccountId;

/**
 * Who orders blocks, as {@code tao_consensusStatus} reports it.
 *
 * @param role "leader" (this node authors the next block), "follower" (an authority that is not the
 *     leader, or a candidate) or "full" (not an authority)
 * @param leader the authority that currently authors, or null when none is known
 * @param term the Raft term (0 for a single authority)
 * @param peers the other authorities of the group, as this node sees them
 */
public record ConsensusStatus(String role, AccountId leader, long term, List<Peer> peers) {

    /**
     * One other authority.
     *
     * @param id its authority SS58 address
     * @param address its p2p (Ratis) host:port
     * @param reachable it answered recently (as far as this node can tell; a follower knows only the leader)
     * @param matchIndex the highest Raft log index known replicated on it (-1 unless this node leads)
     */
    public record Peer(String id, String address, boolean reachable, long matchIndex) {}

    public ConsensusStatus {
        peers = List.copyOf(peers);
    }

    /** A node that authors nothing. */
    public static ConsensusStatus full() {
        return new ConsensusStatus("full", null, 0, List.of());
    }

    /** How many peers are reachable. */
    public int reachablePeers() {
        return (int) peers.stream().filter(Peer::reachable).count();
    }
}
