package org.tao4j.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tao4j.node.chain.ChainSpec;

/**
 * A node of another chain (another genesis, so another Raft group id) that names the network's
 * authorities as its peers cannot join: Ratis refuses its requests (group mismatch), it never gets a
 * leader or a block, and the network keeps finalizing its own chain.
 */
class OtherChainIT {

    @Test
    void aNodeOfAnotherChainCannotJoin() throws Exception {
        try (Localnet net = NetTests.localnet("other-chain", 3, 0)) {
            net.startAll();
            List<Rpc> rpcs = NetTests.rpcs(net);
            NetTests.awaitFinalized(net, rpcs, 3, Duration.ofSeconds(120));
            // the intruder: Alice's key on a chain named differently, with Bob's and Charlie's real addresses
            int p2p = Localnet.freePort();
            int rpcPort = Localnet.freePort();
            List<ChainSpec.Bootnode> boot = new ArrayList<>();
            for (ChainSpec.Bootnode b : net.spec().bootnodes()) {
                boot.add(
                        b.authority().equals(net.spec().authorities().get(0))
                                ? new ChainSpec.Bootnode(b.authority(), "127.0.0.1", p2p)
                                : b);
            }
            // another genesis: one dev account fewer endowed (the genesis does not depend on the name)
            ChainSpec dev = Localnet.devSpec("Intruder", net.spec().authorities(), boot);
            ChainSpec other = new ChainSpec(
                    dev.name(),
                    dev.id(),
                    false,
                    dev.authorities(),
                    dev.params(),
                    dev.endowments().subList(0, dev.endowments().size() - 1),
                    dev.sudo(),
                    boot);
            Path spec = net.dir().resolve("intruder-spec.json");
            Files.writeString(spec, other.toJson());
            List<String> cmd = new ArrayList<>(net.command(net.nodes().get(0)));
            cmd.set(cmd.indexOf("--chain") + 1, spec.toString());
            cmd.set(
                    cmd.indexOf("--base-path") + 1,
                    net.dir().resolve("intruder").toString());
            cmd.set(cmd.indexOf("--rpc-port") + 1, Integer.toString(rpcPort));
            cmd.set(cmd.indexOf("--p2p-port") + 1, Integer.toString(p2p));
            Process intruder = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(net.dir().resolve("intruder.log").toFile())
                    .start();
            try {
                Rpc ir = new Rpc(rpcPort);
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                JsonNode s = null;
                while (System.nanoTime() < deadline && (s = ir.statusOrNull()) == null) {
                    Thread.sleep(200);
                }
                assertThat(s).as("the intruder answers RPC").isNotNull();
                long fin = rpcs.get(1)
                        .result("tao_consensusStatus")
                        .get("finalized")
                        .asLong();
                NetTests.awaitFinalized(net, rpcs, fin + 5, Duration.ofSeconds(120));
                s = ir.result("tao_consensusStatus");
                assertThat(s.get("best").asLong())
                        .as("the intruder has no block")
                        .isZero();
                assertThat(s.get("leader").isNull())
                        .as("the intruder has no leader: %s", s)
                        .isTrue();
                NetTests.sameChainUpToFinalized(rpcs);
                assertThat(ir.result("chain_getBlockHash", 0).asText())
                        .isNotEqualTo(
                                rpcs.get(1).result("chain_getBlockHash", 0).asText());
            } finally {
                intruder.destroyForcibly();
                intruder.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
