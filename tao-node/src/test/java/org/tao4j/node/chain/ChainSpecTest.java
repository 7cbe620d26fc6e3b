package org.tao4j.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;
import org.tao4j.node.NodeMain;
import org.tao4j.node.NodeStartException;
import org.tao4j.node.blockstore.ChainStore;
import org.tao4j.runtime.ChainParams;

class ChainSpecTest {

    static final String ALICE = DevAccounts.account("Alice").toSs58();
    static final String BOB = DevAccounts.account("Bob").toSs58();

    @Test
    void devSpecHasAliceAsAuthorityAndSudoAndEndowsTheDevAccounts() {
        ChainSpec dev = ChainSpec.dev();
        assertThat(dev.authorities()).containsExactly(DevAccounts.account("Alice"));
        assertThat(dev.sudo()).isEqualTo(DevAccounts.account("Alice"));
        assertThat(dev.endowments()).hasSize(6);
        assertThat(dev.live()).isFalse();
        assertThat(DevAccounts.keyPair("//alice").publicKey())
                .isEqualTo(DevAccounts.keyPair("Alice").publicKey());
    }

    @Test
    void parsesAndRoundTripsJson() {
        ChainSpec s = ChainSpec.parse("""
                {"name":"My Testnet","authorities":["%s"],"params":{"baseFee":5,"defaultTempo":7},
                 "endowments":{"%s":1000000000},"sudo":"%s"}""".formatted(ALICE, BOB, ALICE));
        assertThat(s.id()).isEqualTo("my_testnet");
        assertThat(s.params().baseFee()).isEqualTo(5);
        assertThat(s.params().defaultTempo()).isEqualTo(7);
        assertThat(s.params().perByteFee()).isEqualTo(ChainParams.dev().perByteFee());
        assertThat(ChainSpec.parse(s.toJson())).isEqualTo(s);
        assertThat(GenesisBlock.of(ChainSpec.parse(s.toJson())).hash())
                .isEqualTo(GenesisBlock.of(s).hash());
    }

    @Test
    void theGenesisCommitsToTheAuthoritySet() {
        String spec = """
                {"name":"Auth","authorities":[%s],"endowments":{"%s":1000000000}}""";
        ChainSpec alice = ChainSpec.parse(spec.formatted("\"" + ALICE + "\"", BOB));
        ChainSpec bob = ChainSpec.parse(spec.formatted("\"" + BOB + "\"", BOB));
        ChainSpec both = ChainSpec.parse(spec.formatted("\"" + ALICE + "\",\"" + BOB + "\"", BOB));
        GenesisBlock a = GenesisBlock.of(alice);
        assertThat(a.hash())
                .isNotEqualTo(GenesisBlock.of(bob).hash())
                .isNotEqualTo(GenesisBlock.of(both).hash());
        org.tao4j.core.kv.MemoryKeyValueStore kv = new org.tao4j.core.kv.MemoryKeyValueStore();
        GenesisBlock.of(both).state().forEach(kv::put);
        assertThat(new org.tao4j.runtime.schema.ChainState(kv).authorities())
                .containsExactly(DevAccounts.account("Alice"), DevAccounts.account("Bob"));
    }

    @Test
    void badSpecsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> ChainSpec.parse("{\"name\":\"x\",\"authorities\":[]}"))
                .hasMessageContaining("no authorities");
        assertThatThrownBy(() -> ChainSpec.parse(
                        "{\"name\":\"x\",\"authorities\":[\"%s\"],\"params\":{\"nope\":1}}".formatted(ALICE)))
                .hasMessageContaining("unknown parameter 'nope'");
        assertThatThrownBy(() -> ChainSpec.parse("{\"name\":\"x\",\"authorities\":[\"5bad\"]}"))
                .hasMessageContaining("bad address");
        assertThatThrownBy(
                        () -> ChainSpec.parse("{\"name\":\"x\",\"authorities\":[\"%s\"],\"extra\":1}".formatted(ALICE)))
                .hasMessageContaining("unknown field 'extra'");
        assertThatThrownBy(() -> ChainSpec.parse("[1")).hasMessageContaining("not valid JSON");
    }

    @Test
    void theNodeRefusesALiveChainWithEndowmentsInOneLine(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("live.json");
        Files.writeString(spec, """
                {"name":"Mainnet","live":true,"authorities":["%s"],"endowments":{"%s":1000000000}}""".formatted(ALICE, BOB));
        assertThatThrownBy(() -> Node.start(NodeConfig.forChain(spec)
                        .withBasePath(dir.resolve("data"))
                        .withRpc(-1, false)
                        .withMetricsPort(-1)))
                .isInstanceOf(NodeStartException.class)
                .hasMessage(
                        "refusing to start chain 'Mainnet': a live chain is a fair launch: its genesis may not endow"
                                + " any account (1 endowments given)");
        assertThat(Files.exists(dir.resolve("data"))).isFalse();
    }

    @Test
    void aLiveChainWithoutEndowmentsStartsAndAuthorsWithItsKey(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("live.json");
        Files.writeString(spec, """
                {"name":"Mainnet","live":true,"authorities":["%s"]}""".formatted(ALICE));
        Path seed = dir.resolve("alice.seed");
        Files.writeString(
                seed,
                org.tao4j.core.crypto.Hex.toHex(DevAccounts.keyPair("Alice").seed()));
        try (Node node = Node.start(NodeConfig.forChain(spec)
                .withBasePath(dir.resolve("data"))
                .withRpc(-1, false)
                .withMetricsPort(-1)
                .withAuthorityKey(seed.toString())
                .withBlockTime(java.time.Duration.ofMillis(50)))) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (node.chain().head().number() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(node.chain().head().number()).isGreaterThanOrEqualTo(2);
            assertThat(node.chain().headState().totalIssuance()).isZero();
        }
        assertThatThrownBy(() -> Node.start(NodeConfig.forChain(spec)
                        .withBasePath(dir.resolve("data2"))
                        .withRpc(-1, false)
                        .withMetricsPort(-1)
                        .withAuthorityKey("//Alice")))
                .hasMessageContaining("dev keys cannot author a live chain");
    }

    @Test
    void commandLineOptions() {
        NodeConfig c = NodeMain.parse(
                "--dev",
                "--tmp",
                "--block-time",
                "1.5s",
                "--instant",
                "--pool-limit",
                "10",
                "--state-pruning",
                "archive",
                "--rpc-port",
                "0",
                "--rpc-external",
                "--metrics-port",
                "-1",
                "--max-block-extrinsics",
                "5",
                "--no-sync");
        assertThat(c.dev()).isTrue();
        assertThat(c.tmp()).isTrue();
        assertThat(c.blockTime()).isEqualTo(java.time.Duration.ofMillis(1500));
        assertThat(c.instant()).isTrue();
        assertThat(c.poolLimit()).isEqualTo(10);
        assertThat(c.statePruning()).isEqualTo(ChainStore.ARCHIVE);
        assertThat(c.rpcPort()).isZero();
        assertThat(c.rpcExternal()).isTrue();
        assertThat(c.metricsPort()).isEqualTo(-1);
        assertThat(c.maxBlockExtrinsics()).isEqualTo(5);
        assertThat(c.syncWrites()).isFalse();
        assertThat(NodeMain.parse("--help")).isNull();
        for (List<String> bad : List.<List<String>>of(
                List.of(),
                List.of("--dev", "--chain", "x"),
                List.of("--dev", "--pool-limit", "x"),
                List.of("--dev", "--bogus"),
                List.of("--dev", "--state-pruning", "0"),
                List.of("--dev", "--rpc-port"))) {
            assertThatThrownBy(() -> NodeMain.parse(bad.toArray(String[]::new)))
                    .as("%s", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
