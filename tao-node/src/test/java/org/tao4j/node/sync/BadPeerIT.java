package org.tao4j.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.chain.Block;
import org.tao4j.node.chain.BlockHeader;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.node.chain.Justification;

/**
 * Hostile sync peers: test-controlled HTTP servers that pass every request on to an honest authority
 * but corrupt the first block of each {@code sync_getBlocks} answer, one way each (too few votes, a
 * non-authority's vote, a justification over another block, a wrong state root re-sealed by the
 * authority's own key), plus an address where nothing listens. The full node (real process) is given
 * all of them before the honest node: it must refuse each with one log line naming the fault, move on,
 * and reach the honest node's chain and root.
 */
class BadPeerIT {

    static final ObjectMapper JSON = new ObjectMapper();

    enum Fault {
        TOO_FEW_VOTES("justification has 0 of the 1 authority votes"),
        NON_AUTHORITY("which is not an authority"),
        OTHER_HASH("the justification is over another block"),
        WRONG_STATE_ROOT("but running it gives");

        final String logged;

        Fault(String logged) {
            this.logged = logged;
        }
    }

    /** A peer that serves the honest node's answers with one kind of corruption. */
    static final class FakePeer implements AutoCloseable {
        final HttpServer server;
        final Fault fault;
        final int honestPort;
        final H256 genesis;
        volatile int corrupted;

        FakePeer(Fault fault, int honestPort, H256 genesis) throws IOException {
            this.fault = fault;
            this.honestPort = honestPort;
            this.genesis = genesis;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.createContext("/", this::handle);
            server.start();
        }

        String ws() {
            return "ws://127.0.0.1:" + server.getAddress().getPort();
        }

        private void handle(HttpExchange ex) throws IOException {
            try (ex) {
                if (!"POST".equals(ex.getRequestMethod())) {
                    ex.sendResponseHeaders(404, -1); // no WebSocket here: the full node polls instead
                    return;
                }
                byte[] body = ex.getRequestBody().readAllBytes();
                String answer;
                try {
                    answer = new org.tao4j.node.rpc.RpcClient(honestPort)
                            .post(new String(body, StandardCharsets.UTF_8))
                            .body();
                    JsonNode req = JSON.readTree(body);
                    if ("sync_getBlocks".equals(req.path("method").asText())) {
                        answer = corrupt(JSON.readTree(answer)).toString();
                    }
                } catch (Exception e) {
                    ex.sendResponseHeaders(502, -1);
                    return;
                }
                byte[] out = answer.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, out.length);
                ex.getResponseBody().write(out);
            }
        }

        private JsonNode corrupt(JsonNode resp) {
            ArrayNode blocks = (ArrayNode) resp.path("result").path("blocks");
            if (blocks.isEmpty()) {
                return resp;
            }
            ObjectNode first = (ObjectNode) blocks.get(0);
            Block b = Block.decode(Hex.fromHex(first.get("block").asText()));
            long n = b.number();
            H256 hash = b.hash();
            Justification j;
            switch (fault) {
                case TOO_FEW_VOTES -> j = new Justification(n, hash, List.of());
                case NON_AUTHORITY ->
                    j = new Justification(
                            n, hash, List.of(Justification.sign(DevAccounts.keyPair("Bob"), genesis, n, hash)));
                case OTHER_HASH -> {
                    H256 other = b.header().parentHash();
                    j = new Justification(
                            n, other, List.of(Justification.sign(DevAccounts.keyPair("Alice"), genesis, n, other)));
                }
                case WRONG_STATE_ROOT -> {
                    BlockHeader h = b.header();
                    BlockHeader forged = new BlockHeader(
                            h.parentHash(), n, H256.ZERO, h.extrinsicsRoot(), h.timestamp(), h.author());
                    b = Block.seal(forged, DevAccounts.keyPair("Alice"), b.extrinsics());
                    j = new Justification(
                            n,
                            b.hash(),
                            List.of(Justification.sign(DevAccounts.keyPair("Alice"), genesis, n, b.hash())));
                    first.put("block", Hex.toHex(b.encode()));
                }
                default -> throw new IllegalStateException();
            }
            first.put("justification", Hex.toHex(j.encode()));
            corrupted++;
            return resp;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void eachBadPeerIsRefusedWithOneLineAndTheBlocksComeFromTheHonestOne(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, ChainSpec.dev().toJson());
        try (NodeProcess a = NodeProcess.start(
                FullSyncIT.LOGS.resolve("bad-peer-authority.log"),
                "--chain",
                spec.toString(),
                "--authority",
                "//Alice",
                "--base-path",
                dir.resolve("a").toString(),
                "--block-time",
                "100ms")) {
            H256 genesis = H256.fromHex(a.result("chain_getBlockHash", 0).asText());
            byte[] g = genesis.bytes();
            for (int i = 0; i < 5; i++) {
                a.result(
                        "author_submitExtrinsic",
                        Hex.toHex(FullSyncIT.transfer("Bob", "Charlie", i, g).encode()));
            }
            NodeProcess.await(
                    "the authority at block 20",
                    Duration.ofSeconds(60),
                    () -> FullSyncIT.safe(() -> a.headNumber() >= 20));
            List<FakePeer> fakes = new ArrayList<>();
            int dead = NodeProcess.freePort(); // nothing listens there
            try {
                List<String> args = new ArrayList<>(List.of(
                        "--chain",
                        spec.toString(),
                        "--base-path",
                        dir.resolve("f").toString()));
                for (Fault f : Fault.values()) {
                    FakePeer p = new FakePeer(f, a.port, genesis);
                    fakes.add(p);
                    args.addAll(List.of("--sync-peer", p.ws()));
                }
                args.addAll(List.of("--sync-peer", "ws://127.0.0.1:" + dead));
                args.addAll(List.of("--sync-peer", a.ws()));
                try (NodeProcess f =
                        NodeProcess.start(FullSyncIT.LOGS.resolve("bad-peer-full.log"), args.toArray(String[]::new))) {
                    long target = a.finalizedNumber();
                    NodeProcess.await(
                            "the full node at #" + target + " from the honest peer",
                            Duration.ofSeconds(90),
                            () -> FullSyncIT.safe(() -> f.headNumber() >= target));
                    assertThat(FullSyncIT.rootAt(f, target)).isEqualTo(FullSyncIT.rootAt(a, target));
                    assertThat(f.result("chain_getBlockHash", 1)).isEqualTo(a.result("chain_getBlockHash", 1));
                    List<String> lines = f.logText().lines().toList();
                    for (FakePeer p : fakes) {
                        assertThat(p.corrupted)
                                .as(p.fault + " served a corrupted block")
                                .isPositive();
                        String addr = "sync peer " + p.ws() + "/:";
                        List<String> about = lines.stream()
                                .filter(l -> l.contains(addr) && (l.contains(" WARN ") || l.contains(" ERROR ")))
                                .toList();
                        assertThat(about).as("one line about " + p.fault).hasSize(1);
                        assertThat(about.get(0))
                                .contains("served a bad block", p.fault.logged, "switching to another peer");
                    }
                    assertThat(lines.stream().filter(l -> l.contains("127.0.0.1:" + dead) && l.contains("unreachable")))
                            .hasSize(1);
                    assertThat(f.logText()).doesNotContain("Exception");
                }
            } finally {
                fakes.forEach(FakePeer::close);
            }
        }
    }
}
