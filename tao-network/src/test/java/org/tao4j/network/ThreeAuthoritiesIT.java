package org.tao4j.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Three authority processes and a full node on loopback: one leader authors, all import the same blocks
 * and finalize them; transactions through the followers are included; the full node finds its sync peers
 * through the chain spec's bootnodes and holds the same chain.
 */
class ThreeAuthoritiesIT {

    @Test
    void threeAuthoritiesProduceAndFinalizeTheSameChain() throws Exception {
        try (Localnet net = NetTests.localnet("three", 3, 1)) {
            net.startAll();
            List<Rpc> rpcs = NetTests.rpcs(net);
            NetTests.awaitFinalized(net, rpcs, 6, Duration.ofSeconds(120));
            // exactly one leader, and every node names it
            Set<String> leaders = new HashSet<>();
            int leading = 0;
            for (Rpc r : rpcs.subList(0, 3)) {
                JsonNode s = r.result("tao_consensusStatus");
                assertThat(s.get("role").asText()).isIn("leader", "follower");
                if (s.get("role").asText().equals("leader")) {
                    leading++;
                }
                leaders.add(s.get("leader").asText());
                assertThat(s.get("peers")).hasSize(2);
                JsonNode h = r.result("system_health");
                assertThat(h.get("shouldHavePeers").asBoolean()).isTrue();
            }
            assertThat(leading).isEqualTo(1);
            // a transaction submitted to a follower reaches the leader's pool and a block
            int leader = NetTests.leaderIndex(net, rpcs, Duration.ofSeconds(10));
            int k = 0;
            for (int i = 0; i < 3; i++) {
                if (i == leader) {
                    continue;
                }
                String from = List.of("Dave", "Eve").get(k++);
                byte[] tx = NetTests.transfer(rpcs.get(i), from, "Ferdie", 0, 1_000_000_000L);
                String hash = rpcs.get(i)
                        .result("author_submitExtrinsic", org.tao4j.core.crypto.Hex.toHex(tx))
                        .asText();
                long in = NetTests.awaitIncluded(rpcs.get(leader), hash, Duration.ofSeconds(60));
                NetTests.awaitFinalized(net, rpcs, in, Duration.ofSeconds(60));
            }
            assertThat(leaders).hasSize(1);
            // the full node found the authorities' RPC through the bootnodes (no --sync-peer) and follows
            JsonNode full = rpcs.get(3).result("tao_consensusStatus");
            assertThat(full.get("role").asText()).isEqualTo("full");
            long fin = NetTests.sameChainUpToFinalized(rpcs);
            assertThat(fin).isGreaterThanOrEqualTo(6);
            // the justification of the finalized head holds a majority of the three authorities' votes
            String finHash = rpcs.get(0).result("chain_getBlockHash", fin).asText();
            assertThat(finHash).isNotEmpty();
            List<String> authors = new ArrayList<>();
            for (long n = 1; n <= fin; n++) {
                authors.add(rpcs.get(0)
                        .result(
                                "chain_getHeader",
                                rpcs.get(0).result("chain_getBlockHash", n).asText())
                        .get("author")
                        .asText());
            }
            assertThat(authors).allMatch(a -> a.equals(leaders.iterator().next()));
            assertThat(Files.readString(net.nodes().get(0).log)).contains("Raft group");
        }
    }
}
