package org.tao4j.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the Raft leader: the other two elect a new leader and keep finalizing; the killed
 * node, restarted, catches up and holds the same chain.
 */
class FailoverIT {

    @Test
    void killNineOfTheLeaderFailsOverAndTheNodeCatchesUp() throws Exception {
        try (Localnet net = NetTests.localnet("failover", 3, 0)) {
            net.startAll();
            List<Rpc> rpcs = NetTests.rpcs(net);
            NetTests.awaitFinalized(net, rpcs, 4, Duration.ofSeconds(120));
            int leader = NetTests.leaderIndex(net, rpcs, Duration.ofSeconds(30));
            String oldLeader =
                    rpcs.get(leader).result("tao_consensusStatus").get("leader").asText();
            long finBefore = 0;
            for (int i = 0; i < rpcs.size(); i++) {
                if (i != leader) {
                    finBefore = Math.max(
                            finBefore,
                            rpcs.get(i)
                                    .result("tao_consensusStatus")
                                    .get("finalized")
                                    .asLong());
                }
            }
            Localnet.NodeProc killed = net.nodes().get(leader);
            long t0 = System.nanoTime();
            net.kill(killed);
            // the survivors finalize a block above what was final before the kill
            NetTests.awaitFinalized(net, rpcs, finBefore + 1, Duration.ofSeconds(60));
            double failover = (System.nanoTime() - t0) / 1e9;
            NetTests.awaitFinalized(net, rpcs, finBefore + 4, Duration.ofSeconds(60));
            int newLeader = NetTests.leaderIndex(net, rpcs, Duration.ofSeconds(30));
            assertThat(newLeader).isNotEqualTo(leader);
            JsonNode s = rpcs.get(newLeader).result("tao_consensusStatus");
            assertThat(s.get("leader").asText()).isNotEqualTo(oldLeader);
            assertThat(s.get("peers").toString()).contains("\"reachable\":false");
            // restart: it replays its log, catches up, and finalizes with the others
            net.start(killed);
            long target = s.get("finalized").asLong() + 3;
            NetTests.awaitFinalized(net, rpcs, target, Duration.ofSeconds(120));
            NetTests.sameChainUpToFinalized(rpcs);
            System.out.printf("failover: kill -9 of the leader to the next finalized block %.2f s%n", failover);
        }
    }
}
