package org.tao4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.node.chain.GenesisBlock;

class ChainSpecsTest {

    @Test
    void aNonLiveSpecPairsAuthoritiesWithBootnodesAndRoundTrips() {
        ChainSpec s = ChainSpecs.create(
                "Testnet",
                false,
                List.of("//Alice", "//Bob", "//Charlie"),
                List.of("127.0.0.1:30331", "127.0.0.1:30332", "127.0.0.1:30333"));
        assertThat(s.bootnodes()).hasSize(3);
        assertThat(s.bootnodes().get(1).authority()).isEqualTo(DevAccounts.account("Bob"));
        assertThat(s.bootnodes().get(1).port()).isEqualTo(30332);
        ChainSpec back = ChainSpec.parse(s.toJson());
        assertThat(back.bootnodes()).isEqualTo(s.bootnodes());
        // bootnodes are not part of the genesis: the same chain with other addresses
        assertThat(GenesisBlock.of(back.withBootnodes(List.of())).hash())
                .isEqualTo(GenesisBlock.of(s).hash());
    }

    @Test
    void liveSpecsTakeAddressesOrKeyFilesNotDevKeys(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ChainSpecs.create("Main", true, List.of("//Alice"), List.of()))
                .hasMessageContaining("dev keys are for non-live chains");
        Path seed = dir.resolve("bob.seed");
        Files.writeString(seed, "11".repeat(32));
        ChainSpec s = ChainSpecs.create(
                "Main", true, List.of(DevAccounts.account("Alice").toSs58(), seed.toString()), List.of());
        assertThat(s.live()).isTrue();
        assertThat(s.endowments()).isEmpty();
        assertThat(s.sudo()).isNull();
        assertThat(s.authorities()).hasSize(2);
    }

    @Test
    void badInputGetsOneLine() {
        assertThatThrownBy(() -> ChainSpecs.create("T", false, List.of("//Alice", "//Bob"), List.of("127.0.0.1:1")))
                .hasMessageContaining("gives 1 addresses for 2 authorities");
        assertThatThrownBy(() -> ChainSpecs.create("T", false, List.of("//Alice", "//Alice"), List.of()))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> ChainSpecs.create("T", false, List.of("nonsense"), List.of()))
                .hasMessageContaining("neither a dev URI");
        assertThatThrownBy(() -> ChainSpec.Bootnode.parse("127.0.0.1:30333"))
                .hasMessageContaining("<authority SS58>@host:port");
        assertThatThrownBy(() ->
                        ChainSpec.Bootnode.parse(DevAccounts.account("Alice").toSs58() + "@h:0"))
                .hasMessageContaining("not 1-65535");
        assertThatThrownBy(() ->
                        ChainSpec.Bootnode.parse(DevAccounts.account("Alice").toSs58() + "@h:x"))
                .hasMessageContaining("not a number");
    }
}
